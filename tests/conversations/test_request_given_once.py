"""A text typed on a request's screen is given back once, with the screen: the saved position keeps the
screen, never the person's words (before, they stayed in the conversation's state, and the screen drawn
again from it — an old button after a restart — gave the text back a second time)."""

from __future__ import annotations

import json

from conversations.ui import callbacks as cb
from conversations.ui import states
from models.tables import ChatState
from tests.conftest import ADMIN_ID
from tests.conversations.test_federation_requests import ask
from tests.conversations.test_request_sent_once import draft
from tests.dossier_steps import join


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
