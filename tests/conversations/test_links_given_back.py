"""A formatted link (Telegram's text_link) keeps its address wherever a text or a caption becomes a
request to the federation or comes back to its sender: a file's caption that is the request's message, a
caption given back (beside a draft's file, with a file not taken), a text given back after a failure,
and an update handled too late. Before, « voir notre rapport » came without the report's address."""

from __future__ import annotations

from sqlmodel import select

from conversations.ui import states
from models.tables import RequestMessage
from tests.conversations.test_inbox import kept, left_by_a_gone_instance, replay
from tests.conversations.test_links_edits_captions import PNG, REPORT, linked, send_with
from tests.conversations.test_request_sent_once import draft
from tests.dossier_steps import LETTER_PDF, join
from tests.unit.test_query_counts import at_a_new_indicators_title

CAPTION = "Nos chiffres, voir notre rapport."
AS_STORED = f"Nos chiffres, voir notre rapport ({REPORT})."


def pdf(user) -> dict:
    """A PDF as Telegram gives a document."""
    return user.fake.store_file(LETTER_PDF, "chiffres.pdf", "application/pdf")


async def messages(harness) -> list[tuple[str, str | None]]:
    async with harness.database.transaction() as session:
        rows = await session.exec(select(RequestMessage).order_by(RequestMessage.id))
        return [(m.text, m.file_name) for m in rows.all()]


async def test_a_files_caption_becomes_the_requests_message_with_its_links_address(harness):
    sam = await join(harness, 9401, "fr", "Coop Lien", role="member")
    await sam.send("/federation")
    await sam.press("✍️ Nouvelle demande")
    await sam.press("📊 Indicateurs")
    await send_with(
        sam, document=pdf(sam), caption=CAPTION, caption_entities=linked(CAPTION, "notre rapport", REPORT)
    )
    assert await messages(harness) == [(AS_STORED, "chiffres.pdf")]


async def test_a_caption_beside_a_drafts_file_comes_back_with_its_links_address(harness):
    sam = await join(harness, 9402, "en", "Coop Draft", role="member")
    await draft(sam, "Our question?")
    await sam.press("📎 Add a file")
    await send_with(
        sam, document=pdf(sam), caption=CAPTION, caption_entities=linked(CAPTION, "notre rapport", REPORT)
    )
    texts = [m["text"] for m in sam.replies]
    assert "Your caption was not added to the message" in texts[0], texts
    assert texts[1] == AS_STORED, texts


async def test_a_caption_with_a_file_not_taken_comes_back_with_its_links_address(harness):
    sam = await join(harness, 9403, "fr", "Coop Liste", role="member")
    await sam.send("/federation")  # the list: no request to join the file to yet
    await send_with(
        sam, document=pdf(sam), caption=CAPTION, caption_entities=linked(CAPTION, "notre rapport", REPORT)
    )
    texts = [m["text"] for m in sam.replies]  # the file held for a new request (9fc77a3), its caption back
    assert "Votre légende n’est pas encore votre message" in texts[0], texts
    assert AS_STORED in texts, texts
    assert await messages(harness) == []


async def test_a_text_given_back_after_a_failure_keeps_its_links_address(harness, monkeypatch):
    camille = await at_a_new_indicators_title(harness, 9404)

    async def broken(context, session, data, text):
        raise RuntimeError("database on fire")

    for screen in list(states.TEXT_SCREENS):
        monkeypatch.setitem(states.TEXT_SCREENS, screen, broken)
    text = "Part de BRS, voir notre rapport."
    message = camille.fake._user_message(
        camille.tg, text=text, entities=linked(text, "notre rapport", REPORT)
    )
    update = camille.fake._push_update(camille.id, {"message": message})
    texts = [m["text"] for m in await harness.deliver(camille.id, update, expect_error=True)]
    assert "un problème est survenu" in texts[-2], texts
    assert texts[-1] == f"Part de BRS, voir notre rapport ({REPORT}).", texts


async def test_an_overtaken_text_and_caption_come_back_with_their_links_address(harness):
    camille = await at_a_new_indicators_title(harness, 9405)
    text = "Délai de relogement, voir notre rapport."
    message = camille.fake._user_message(
        camille.tg, text=text, entities=linked(text, "notre rapport", REPORT)
    )
    await left_by_a_gone_instance(harness, camille.fake._push_update(camille.id, {"message": message}))
    photo = camille.fake._user_message(
        camille.tg,
        photo=camille.fake._files.photo_sizes(PNG),
        caption=CAPTION,
        caption_entities=linked(CAPTION, "notre rapport", REPORT),
    )
    await left_by_a_gone_instance(harness, camille.fake._push_update(camille.id, {"message": photo}))
    await harness.deliver(camille.id, await kept(harness, camille.fake.user_text(camille.tg, "/dossier")))
    texts = [m["text"] for m in await replay(harness)]
    assert f"Délai de relogement, voir notre rapport ({REPORT})." in texts, texts
    assert AS_STORED in texts, texts
