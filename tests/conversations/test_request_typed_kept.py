"""Requests to the federation keep what was typed and where the person was: a caption sent with a file
that is not taken comes back whole, a request's first message has words, a text typed on the draft
comes back with the way to rewrite, a thread's screens never read the whole list, closing returns to
the inbox's page, and a file never joins a draft sent meanwhile."""

from __future__ import annotations

from sqlmodel import select

import conversations.federation.inbox as inbox_journey
import conversations.federation.request_files as request_files
import conversations.federation.requests as requests_journey
from models.federation.drafts import send_draft
from models.tables import RequestMessage, RequestStatus, RequestThread
from tests.conftest import ADMIN_ID, NOW
from tests.conversations.test_federation_requests import ask
from tests.dossier_steps import LETTER_PDF, join

NOT_A_DOCUMENT = b"MZ\x90\x00" + b"\x00" * 64  # a program: refused as a request's file
CAPTION = "Our long question about engagement 5, typed under the file."


async def send_with_caption(user, name: str, content: bytes) -> str:
    """The user sends a file with ``CAPTION``; what the bot answered."""
    update = user.harness.fake.user_document(user.tg, name, content, "application/pdf", caption=CAPTION)
    user.replies = await user.harness.deliver(user.id, update)
    return user.reply_text()


async def request_messages(harness) -> list[tuple[str, str | None]]:
    """Every message of every request: (text, file name)."""
    async with harness.database.transaction() as session:
        rows = await session.exec(select(RequestMessage).order_by(RequestMessage.id))
        return [(m.text, m.file_name) for m in rows.all()]


async def test_a_caption_sent_with_a_file_not_taken_is_given_back(harness):
    sam = await join(harness, 8401, "en", "Coop Légende", role="member")
    await sam.send("/federation")  # the list: no request to join yet
    said = await send_with_caption(sam, "plan.pdf", LETTER_PDF)
    assert "choose the subject, then send it again" in said and "Here is what you wrote" in said, said
    assert CAPTION in said and "plan.pdf (1 kB) goes with your message" in said, said  # held for a new one
    # now at the new request's subject (step 1/2)
    said = await send_with_caption(sam, "plan.pdf", LETTER_PDF)
    assert "choose the subject, then send it again" in said and CAPTION in said, said
    await sam.press("📊 Indicators")  # the message: a file refused
    said = await send_with_caption(sam, "tool.exe", NOT_A_DOCUMENT)
    assert "This kind of file is not accepted" in said and CAPTION in said, said
    await sam.send("Our question?")
    said = await send_with_caption(sam, "tool.exe", NOT_A_DOCUMENT)  # on the draft
    assert "This kind of file is not accepted" in said and CAPTION in said, said
    await sam.press("📤 Send to the federation")
    said = await send_with_caption(sam, "tool.exe", NOT_A_DOCUMENT)  # on the sent request
    assert "This kind of file is not accepted" in said and CAPTION in said, said
    await sam.press("✍️ Write")  # writing a follow-up
    said = await send_with_caption(sam, "tool.exe", NOT_A_DOCUMENT)
    assert "This kind of file is not accepted" in said and CAPTION in said, said

    admin = harness.user(ADMIN_ID, "Fed", "en")  # the federation's reply
    await admin.send("/requests")
    await admin.press("Coop Légende")
    said = await send_with_caption(admin, "tool.exe", NOT_A_DOCUMENT)
    assert "This kind of file is not accepted" in said and CAPTION in said, said
    assert await request_messages(harness) == [("Our question?", "plan.pdf")]  # held since the list


async def test_a_first_message_has_words_and_a_text_typed_on_the_draft_comes_back(harness):
    lou = await join(harness, 8402, "fr", "Coop Pouce", role="member")
    await lou.send("/federation")
    await lou.press("✍️ Nouvelle demande")
    await lou.press("📊 Indicateurs")
    await lou.send("👍")  # a reply says enough so, not a question
    assert "⚠️" in lou.replies[0]["text"] and "Étape 2/2" in lou.last_text  # refused, asked again
    assert "Votre demande, pas encore envoyée" not in lou.reply_text()
    assert await request_messages(harness) == []
    await lou.send("Comment mesurer la satisfaction ?")
    assert "Votre demande, pas encore envoyée" in lou.last_text
    await lou.send("Précision : nous sommes 12 salariés.")  # on the draft
    said = lou.reply_text()
    assert "Choisissez avec les boutons" not in said, said
    assert "Votre texte n’a pas été ajouté à votre demande" in said, said
    assert "«\u00a0✏️ Réécrire\u00a0»" in said
    assert lou.last_text == "Précision : nous sommes 12 salariés.", said  # given back whole, to copy
    assert "📤 Envoyer à la fédération" in lou.buttons(lou.replies[0])  # the draft, with its buttons
    assert await request_messages(harness) == [("Comment mesurer la satisfaction ?", None)]


async def test_a_threads_screens_do_not_read_the_whole_list_and_closing_returns_to_its_page(
    harness, monkeypatch
):
    sam = await join(harness, 8403, "en", "Coop Many", role="member")
    admin = harness.user(ADMIN_ID, "Fed", "en")
    for i in range(17):  # two pages
        await ask(sam, f"Question number {i}")
    reads = []
    for module, name in ((requests_journey, "coop_threads"), (inbox_journey, "inbox")):
        real = getattr(module, name)

        async def counted(*args, _real=real, _name=name):
            reads.append(_name)
            return await _real(*args)

        monkeypatch.setattr(module, name, counted)
    await sam.send("/federation")
    await sam.press("➡️")
    reads.clear()
    await sam.press("16 · ")  # its thread, then back
    assert "🟠 Open" in sam.last_text and reads == [], reads
    await sam.press("⬅️ Back")
    assert "Page 2/2" in sam.last_text

    await admin.send("/requests")
    await admin.press("➡️")
    reads.clear()
    await admin.press("16 · ")
    assert reads == [], reads
    await admin.press("✅ Close")
    assert "✅ Closed: Coop Many" in admin.last_text and "Page 2/2" in admin.last_text, admin.last_text
    await admin.press("17 · ✅")  # the closed one, listed last
    await admin.press("🔓 Reopen")
    assert "🔓 Reopened: Coop Many" in admin.last_text and "Page 2/2" in admin.last_text


async def test_a_file_never_joins_a_draft_sent_meanwhile(harness, monkeypatch):
    sam = await join(harness, 8404, "en", "Coop Course", role="member")
    await sam.send("/federation")
    await sam.press("✍️ New request")
    await sam.press("📊 Indicators")
    await sam.send("Our question?")
    real_draft_of = request_files.draft_of

    async def sent_meanwhile(session, thread_id, *args):
        """The draft, read; then « 📤 Send » pressed on another device commits before the file is added."""
        thread = await real_draft_of(session, thread_id, *args)
        async with harness.database.transaction() as other:
            await send_draft(other, await other.get(RequestThread, thread_id), NOW)
        return thread

    monkeypatch.setattr(request_files, "draft_of", sent_meanwhile)
    said = await send_with_caption(sam, "plan.pdf", LETTER_PDF)
    assert "This request was already sent to the federation: here it is." in said, said
    assert "Your file was not added to it" in said and CAPTION in said, said
    assert "🟠 Open" in sam.last_text
    assert await request_messages(harness) == [("Our question?", None)]
    async with harness.database.transaction() as session:
        assert (await session.exec(select(RequestThread.status))).one() == RequestStatus.OPEN
