"""A text typed on a request's screen is given back once, with the screen: the saved position keeps the
screen, never the person's words (before, they stayed in the conversation's state, and the screen drawn
again from it — an old button after a restart — gave the text back a second time)."""

from __future__ import annotations

import json

from sqlmodel import select

from conversations.ui import callbacks as cb
from conversations.ui import states
from models.tables import ChatState, RequestMessage
from tests.conftest import ADMIN_ID
from tests.conversations.test_federation_requests import ask
from tests.conversations.test_request_sent_once import draft, sent_meanwhile
from tests.dossier_steps import LETTER_PDF, join


async def saved(harness, user_id: int) -> tuple[str, dict]:
    """The screen and data of a person's saved position."""
    async with harness.database.transaction() as session:
        row = await session.get(ChatState, user_id)
        return row.screen, json.loads(row.data)


async def test_a_text_given_back_on_a_request_is_not_kept_in_the_position(harness):
    sam = await join(harness, 8801, "en", "Coop Once", role="member")
    admin = harness.user(ADMIN_ID, "Fed", "en")
    await ask(sam, "How to count staff members?")
    await sam.send("/federation")
    await sam.press("1 · ")
    before = sam.last  # the request's screen the text was typed under (its keyboard retired since)
    await sam.send("Thanks a lot, our treasurer Jo Martin.")
    assert sam.last_text == "Thanks a lot, our treasurer Jo Martin.", sam.reply_text()
    screen, data = await saved(harness, sam.id)
    assert screen == states.REQUEST and "given" not in data, data
    await harness.restart()
    await sam.press_data(before, cb.REQUEST_WRITE.pack(1))  # an old menu: the saved position drawn again
    assert "🟠 Open" in sam.reply_text() and "Jo Martin" not in sam.reply_text(), sam.reply_text()

    await admin.send("/requests")
    await admin.press("Coop Once")
    await admin.send("Let me check with Jo.")
    assert admin.last_text == "Let me check with Jo." and "given" not in (await saved(harness, ADMIN_ID))[1]

    lou = await join(harness, 8802, "en", "Coop Draft", role="member")
    await draft(lou, "Our question?")
    await lou.send("Second half of it.")
    assert lou.last_text == "Second half of it."
    assert (await saved(harness, 8802)) == (states.REQUEST_DRAFT, {"id": 2}), await saved(harness, 8802)


async def test_the_file_of_a_rewrite_that_came_too_late_goes_with_the_next_message(harness, monkeypatch):
    """A rewrite typed while another device sent the draft: its file is not lost (before, it was said
    « not added » and dropped from the position: sent again or never); « ✍️ Write » offers it."""
    sam = await join(harness, 8803, "en", "Coop Late File", role="member")
    await draft(sam, "Our question?")
    await sam.press("✏️ Rewrite")
    await sam.send_document("figures.pdf", LETTER_PDF, "application/pdf")
    sent_meanwhile(harness, monkeypatch)
    await sam.send("Our question, better put.")
    said = sam.reply_text()
    assert "Your file figures.pdf was not added to it: it goes with your next message" in said, said
    assert "figures.pdf" in sam.replies[0]["text"] and "goes with your message" in sam.replies[0]["text"]
    await sam.press("✍️ Write")
    asked = next(text for text in reversed(sam.texts()) if "Your message to the federation?" in text)
    assert "📎 figures.pdf" in asked and "goes with your message" in asked, asked
    await sam.send("Here are our figures.")
    async with harness.database.transaction() as session:
        rows = (await session.exec(select(RequestMessage).order_by(RequestMessage.id))).all()
    assert [(m.text, m.file_name) for m in rows] == [
        ("Our question?", None),
        ("Here are our figures.", "figures.pdf"),
    ]
