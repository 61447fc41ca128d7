"""A « which one do we keep? » box when the colleague's text is over one message. Before, it said « Your
colleague’s whole text follows in the next message »: it came in two, and the first alone, copied, is not
their text. Now it says the text follows below, whatever the number of messages, and both follow whole."""

from __future__ import annotations

from tests.conversations.test_dossier_robustness import words_of
from tests.dossier_steps import join, open_home


async def test_a_colleagues_text_over_one_message_is_said_to_follow_below(harness):
    sam = await join(harness, 541, "en")
    alex = harness.user(542, first_name="Alex", language_code="en")
    await alex.send(f"/start {sam.invitations.member_token}")
    theirs = " ".join(f"alex{n}" for n in range(750))  # about 5,000 characters: two messages
    for user in (sam, alex):
        await open_home(user)
        await user.press("👥 Approach")
        await user.press("✏️ Approach")
    await alex.paste(theirs[:4096], theirs[4096:])
    first = len(sam.messages)
    await sam.send("Our approach, in short.")
    shown = sam.messages[first:]
    screen = next(m for m in shown if "A colleague changed" in m.get("text", ""))
    assert "Your colleague’s whole text follows below." in screen["text"], screen["text"]
    after = shown[shown.index(screen) + 1 :]
    assert len(after) == 2 and words_of(after) == theirs.split()
