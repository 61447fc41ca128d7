"""A request to the federation is sent once and its text is the one it was sent with: « 📤 Send » pressed
on two devices sends it once, a rewrite racing a send changes nothing and gives the text back, a drop
racing a send deletes nothing; a text
typed on a sent request (the coop's screen, the admin's) is given back whole with the button to write,
never lost nor taken as a follow-up or a reply. The races are run on PostgreSQL too (pg_one.sh)."""

from __future__ import annotations

from sqlmodel import select

import conversations.federation.request_drafts as drafts_journey
from models.federation.drafts import send_draft
from models.tables import AuditEntry, Notification, RequestMessage, RequestStatus, RequestThread
from tests.conftest import ADMIN_ID, NOW
from tests.conversations.test_federation_requests import ask
from tests.dossier_steps import LETTER_PDF, join


async def draft(user, text: str) -> None:
    """The user writes a request, not sent yet."""
    await user.send("/federation")
    await user.press("✍️ New request")
    await user.press("📊 Indicators")
    await user.send(text)


def sent_meanwhile(harness, monkeypatch) -> None:
    """The next time the journey reads the draft, « 📤 Send » pressed on another device commits just
    after (between the read and the journey's own change)."""
    real_draft_of = drafts_journey.draft_of

    async def read_then_sent(session, thread_id, *args):
        thread = await real_draft_of(session, thread_id, *args)
        async with harness.database.transaction() as other:
            await send_draft(other, await other.get(RequestThread, thread_id), NOW)
        monkeypatch.setattr(drafts_journey, "draft_of", real_draft_of)
        return thread

    monkeypatch.setattr(drafts_journey, "draft_of", read_then_sent)


async def stored(harness) -> tuple[list[tuple[str, str | None]], list[str], int, list[str]]:
    """The requests' messages (text, file), their threads' statuses, the news written for the federation
    and the requests' audited actions."""
    async with harness.database.transaction() as session:
        messages = (await session.exec(select(RequestMessage).order_by(RequestMessage.id))).all()
        statuses = (await session.exec(select(RequestThread.status))).all()
        news = (
            await session.exec(select(Notification).where(Notification.kind == "request_to_federation"))
        ).all()
        audit = await session.exec(select(AuditEntry.action).where(AuditEntry.entity == "request"))
        return [(m.text, m.file_name) for m in messages], list(statuses), len(news), list(audit.all())


async def test_send_pressed_on_two_devices_sends_the_request_once(harness, monkeypatch):
    sam = await join(harness, 8501, "en", "Coop Twice", role="member")
    await draft(sam, "Our question?")
    sent_meanwhile(harness, monkeypatch)
    await sam.press("📤 Send to the federation")
    said = sam.reply_text()
    assert "This request was already sent to the federation: here it is." in said, said
    assert "Sent to the federation" not in said and "🟠 Open" in sam.last_text
    messages, statuses, news, audit = await stored(harness)
    assert messages == [("Our question?", None)] and statuses == [RequestStatus.OPEN]
    assert news == 0  # the other device told the federation (not simulated here): nothing more from this one
    assert audit.count("send") == 1, audit


async def test_a_rewrite_racing_a_send_changes_nothing_and_gives_the_text_back(harness, monkeypatch):
    sam = await join(harness, 8502, "en", "Coop Rewrite", role="member")
    await draft(sam, "Our question?")
    await sam.press("✏️ Rewrite")
    await sam.send_document("figures.pdf", LETTER_PDF, "application/pdf")  # held with the new text
    sent_meanwhile(harness, monkeypatch)
    await sam.send("Our question, better put.")
    said = sam.reply_text()
    assert "This request was already sent to the federation: here it is." in said, said
    assert "Your file figures.pdf was not added to it" in said, said
    assert "Your text was not sent to the federation" in said and "“✍️ Write”" in said, said
    assert sam.last_text == "Our question, better put.", said  # given back whole, to copy
    assert "✍️ Write" in sam.buttons(sam.replies[0]) and "🟠 Open" in sam.replies[0]["text"]
    messages, statuses, _news, audit = await stored(harness)
    assert messages == [("Our question?", None)] and statuses == [RequestStatus.OPEN]
    assert "update" not in audit, audit


async def test_a_drop_racing_a_send_keeps_the_sent_request(harness, monkeypatch):
    """« 🗑 Delete the draft » pressed while « 📤 Send » commits on another device: the sent request stays
    (on PostgreSQL the drop waited for the send's commit, then deleted it, message and all)."""
    sam = await join(harness, 8505, "en", "Coop Drop", role="member")
    await draft(sam, "Our question?")
    sent_meanwhile(harness, monkeypatch)
    await sam.press("🗑 Delete the draft")
    said = sam.reply_text()
    assert "This request was already sent to the federation: here it is." in said, said
    assert "Draft deleted" not in said and "🟠 Open" in sam.last_text
    messages, statuses, _news, audit = await stored(harness)
    assert messages == [("Our question?", None)] and statuses == [RequestStatus.OPEN], (messages, statuses)
    assert audit.count("send") == 1, audit


async def test_a_draft_dropped_is_gone_with_its_message(harness):
    sam = await join(harness, 8506, "en", "Coop Gone", role="member")
    await draft(sam, "Our question?")
    await sam.press("🗑 Delete the draft")
    assert "Draft deleted." in sam.reply_text()
    messages, statuses, _news, _audit = await stored(harness)
    assert messages == [] and statuses == []


async def test_a_text_typed_on_a_sent_request_comes_back_with_the_way_to_write(harness):
    lou = await join(harness, 8503, "fr", "Coop Merci", role="member")
    admin = harness.user(ADMIN_ID, "Fed", "fr")
    await lou.send("/federation")
    await lou.press("✍️ Nouvelle demande")
    await lou.press("📊 Indicateurs")
    await lou.send("Comment compter les salariés associés ?")
    await lou.press("📤 Envoyer à la fédération")
    await admin.send("/demandes")
    await admin.press("Coop Merci")
    await admin.press("✅ Clore")
    await lou.send("/federation")
    await lou.press("1 · ")
    await lou.send("Merci beaucoup !")
    said = lou.reply_text()
    assert "Choisissez avec les boutons" not in said, said
    assert "Votre texte n’a pas été envoyé à la fédération" in said and "«\u00a0✍️ Écrire\u00a0»" in said, said
    assert lou.last_text == "Merci beaucoup !", said
    assert "✍️ Écrire" in lou.buttons(lou.replies[0])
    messages, statuses, news, _audit = await stored(harness)
    assert messages == [("Comment compter les salariés associés ?", None)]
    assert statuses == [RequestStatus.CLOSED] and news == 1  # not reopened, nobody told again


async def test_a_text_an_admin_typed_on_a_request_comes_back_with_the_way_to_reply(harness):
    sam = await join(harness, 8504, "en", "Coop Reply", role="member")
    admin = harness.user(ADMIN_ID, "Fed", "fr")
    await ask(sam, "How to count staff members?")
    await admin.send("/demandes")
    await admin.press("Coop Reply")
    await admin.send("Je regarde et je reviens vers vous.")
    said = admin.reply_text()
    assert "Choisissez avec les boutons" not in said, said
    assert "Votre texte n’a pas été envoyé à la coopérative" in said and "«\u00a0✍️ Répondre\u00a0»" in said, (
        said
    )
    assert admin.last_text == "Je regarde et je reviens vers vous.", said
    assert "✍️ Répondre" in admin.buttons(admin.replies[0]) and "Coop Reply" in admin.replies[0]["text"]
    messages, statuses, _news, _audit = await stored(harness)
    assert messages == [("How to count staff members?", None)] and statuses == [RequestStatus.OPEN]
    async with harness.database.transaction() as session:
        assert (
            await session.exec(select(Notification).where(Notification.kind == "request_reply"))
        ).all() == []
