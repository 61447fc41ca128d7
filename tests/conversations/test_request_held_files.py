"""A file sent while writing to the federation stays with what it was sent for until it is sent or
replaced, or the person is told it was not kept: « ⬅️ Back » from « ✍️ Write » on a sent request keeps
it (before, it was dropped silently, though promised to go with the next message); a new request's
file survives a change of subject; the list says a held file was not sent. « ✏️ Rewrite » on a draft
shows the text being replaced, titled as the draft, with « ⬅️ Keep as is » (before: « New request ·
Step 2/2 », no text, no way to keep it)."""

from __future__ import annotations

from sqlmodel import select

from conversations.render.html import MESSAGE_LIMIT, units
from models.tables import RequestMessage
from tests.conversations.test_request_sent_once import draft, sent_meanwhile
from tests.dossier_steps import LETTER_PDF, join


async def stored(harness) -> list[tuple[str, str | None]]:
    """Every request's messages: (text, file name)."""
    async with harness.database.transaction() as session:
        rows = await session.exec(select(RequestMessage).order_by(RequestMessage.id))
        return [(m.text, m.file_name) for m in rows.all()]


def asked(user) -> str:
    """The last question « Your message to the federation? » the user was shown."""
    return next(text for text in reversed(user.texts()) if "Your message to the federation?" in text)


async def test_a_file_promised_to_the_next_message_survives_back_and_pages(harness, monkeypatch):
    sam = await join(harness, 9801, "en", "Coop Held", role="member")
    await draft(sam, "Our question?")
    await sam.press("✏️ Rewrite")
    await sam.send_document("figures.pdf", LETTER_PDF, "application/pdf")
    sent_meanwhile(harness, monkeypatch)
    await sam.send("Our question, better put.")
    assert "it goes with your next message" in sam.reply_text(), sam.reply_text()
    await sam.press("✍️ Write")
    assert "📎 figures.pdf" in asked(sam)
    await sam.press("⬅️ Back")  # a hesitation: the file stays with the request
    said = sam.reply_text()
    assert "📎 figures.pdf" in said and "goes with your message" in said, said
    await sam.press("✍️ Write")
    assert "📎 figures.pdf" in asked(sam), asked(sam)
    await sam.send("Here are our figures.")
    assert (await stored(harness))[-1] == ("Here are our figures.", "figures.pdf")


async def test_a_file_held_on_a_request_left_for_the_list_is_said_not_sent(harness):
    sam = await join(harness, 9802, "en", "Coop Left", role="member")
    await draft(sam, "Our question?")
    await sam.press("📤 Send to the federation")
    await sam.press("✍️ Write")
    await sam.send_document("plan.pdf", LETTER_PDF, "application/pdf")
    await sam.press("⬅️ Back")  # to the request, the file still held
    assert "📎 plan.pdf" in sam.last_text, sam.last_text
    await sam.press("⬅️ Back")  # to the list: the file cannot wait there, and the person is told
    assert "plan.pdf was not sent. To send it, open its request again" in sam.last_text, sam.last_text
    await sam.press("1 · ")
    assert "plan.pdf" not in sam.last_text, sam.last_text


async def test_a_file_sent_at_step_2_survives_a_change_of_subject(harness):
    sam = await join(harness, 9803, "en", "Coop Subject", role="member")
    await sam.send("/federation")
    await sam.press("✍️ New request")
    await sam.press("📊 Indicators")
    await sam.send_document("table.pdf", LETTER_PDF, "application/pdf")
    await sam.press("⬅️ Back")  # it is about the checkpoint, in fact
    assert "What is it about?" in sam.last_text and "📎 table.pdf" in sam.last_text, sam.last_text
    await sam.press("📍 A checkpoint")
    assert "Step 2/2" in sam.last_text and "📎 table.pdf" in sam.last_text, sam.last_text
    await sam.send("Our table for the checkpoint.")
    assert await stored(harness) == [("Our table for the checkpoint.", "table.pdf")]
    await sam.send("/federation")
    await sam.press("✍️ New request")
    await sam.press("📊 Indicators")
    await sam.send_document("other.pdf", LETTER_PDF, "application/pdf")
    await sam.press("⬅️ Back")
    await sam.press("⬅️ Back")  # the new request left for the list: said not sent
    assert "other.pdf was not sent." in sam.last_text, sam.last_text


async def test_rewrite_shows_the_text_being_replaced_and_keeps_it(harness):
    sam = await join(harness, 9804, "en", "Coop Rewrite", role="member")
    await draft(sam, "How do we count staff who are members\nfor engagement 5?")
    await sam.press("✏️ Rewrite")
    screen = sam.last_text
    assert "New request" not in screen and "Your request, not sent yet · 📊 Indicators" in screen, screen
    assert "Currently: How do we count staff who are members\nfor engagement 5?" in screen, screen
    assert "Your new message to the federation?" in screen and "⬅️ Keep as is" in sam.buttons()
    await sam.send_document("notes.pdf", LETTER_PDF, "application/pdf")  # held for the new text
    await sam.press("⬅️ Keep as is")  # the text unchanged, the file said not added (never a guess)
    said = sam.reply_text()
    assert "notes.pdf was not added to your request: to add it, press “📎 Add a file”" in said, said
    assert "Your request, not sent yet" in said and "📤 Send to the federation" in sam.buttons()
    assert await stored(harness) == [("How do we count staff who are members\nfor engagement 5?", None)]


async def test_a_long_draft_is_cut_on_its_rewrite_and_follows_whole(harness):
    sam = await join(harness, 9805, "fr", "Coop Longue", role="member")
    long = "Nos indicateurs " + "📊" * 1600  # 1,616 characters, over 3,200 UTF-16 units
    await sam.send("/federation")
    await sam.press("✍️ Nouvelle demande")
    await sam.press("📊 Indicateurs")
    await sam.paste(long)  # as long as a part of a longer paste: the bot waits for the rest first
    await sam.press("✏️ Réécrire")
    screen, whole = sam.replies[0]["text"], sam.replies[-1]["text"]
    assert screen.startswith("💬 Votre demande, pas encore envoyée · 📊 Indicateurs"), screen
    assert "Actuellement\u00a0: Nos indicateurs 📊" in screen and "…" in screen, screen
    assert "Le texte actuel complet suit" in screen and units(screen) <= MESSAGE_LIMIT, screen
    assert whole == long
    assert "⬅️ Garder tel quel" in sam.buttons(sam.replies[0])
