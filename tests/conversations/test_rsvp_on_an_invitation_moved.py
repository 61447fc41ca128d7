"""An answer given on an invitation from before the meeting was moved is given for the new time, and the
invitation then says that time.

Before: once the meeting was moved, the news of the move had no answer buttons, so a person answered
on the old invitation, which still read « mercredi 9 décembre 2026 à 9 h 00 »; « 👍 Je participe » only
marked its button, and the message answered kept the old time. Now the invitation answered on is
redrawn at the meeting's current time, its answer marked; an invitation still at the right time keeps
its text, only its buttons change.
"""

from __future__ import annotations

from bot.delivery.notifications import deliver_notifications
from tests.conversations.test_meeting_changes import MOVE_BUTTON, sent_meeting

OLD_TIME, NEW_TIME = "mercredi 9 décembre 2026 à 9 h 00", "jeudi 10 décembre 2026 à 14 h 30"


def edits_of_text(bot, chat_id: int) -> int:
    """How many times a message's text was edited in ``chat_id``."""
    return sum(1 for c in bot.fake.calls if c.method == "editMessageText" and c.chat_id == chat_id)


def current(person, message: dict) -> dict:
    """``message`` as the chat shows it now (after edits)."""
    return next(m for m in person.messages if m["message_id"] == message["message_id"])


async def test_answering_an_invitation_after_a_move_shows_the_new_time(tmp_path):
    bot, _clock, admin, (_direction, member, _english) = await sent_meeting(tmp_path)
    try:
        invitation, _data = member.find_button("Je ne peux pas")
        await member.press("Je ne peux pas", invitation)
        await admin.press(MOVE_BUTTON)
        await admin.send("10/12 à 14h30")
        await admin.press("Oui, déplacer la réunion")
        await deliver_notifications(bot.application)
        assert NEW_TIME in member.last_text, member.last_text  # the move's news
        await member.press("Je participe", invitation)
        answered = current(member, invitation)
        assert NEW_TIME in answered["text"] and OLD_TIME not in answered["text"], answered["text"]
        assert "✅ Je participe" in member.buttons(answered), member.buttons(answered)
        assert "VisioCoop" in answered["text"] and "https://visio.example.org/rdv" in answered["text"]
    finally:
        await bot.stop()


async def test_answering_an_invitation_at_its_time_changes_its_buttons_only(tmp_path):
    bot, _clock, _admin, (_direction, member, _english) = await sent_meeting(tmp_path)
    try:
        invitation, _data = member.find_button("Je ne peux pas")
        await member.press("Je ne peux pas", invitation)
        answered = current(member, invitation)
        assert OLD_TIME in answered["text"] and "✅ Je ne peux pas" in member.buttons(answered)
        assert edits_of_text(bot, member.id) == 0
    finally:
        await bot.stop()
