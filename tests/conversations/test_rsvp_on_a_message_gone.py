"""An answer to an announcement whose message Telegram will no longer edit (deleted by the member, or too
old) is stored and said in its pop-up as any answer: its buttons cannot show it, and that is no error
(it gave « Sorry, something went wrong » after « Noted », and alerted the admins)."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.conftest import ADMIN_ID
from tests.conversations.test_meeting_times import members_invited


async def test_an_answer_on_a_message_that_cannot_be_edited_is_noted_and_nothing_else(tmp_path):
    bot, _clock, french, _english = await members_invited(tmp_path, datetime(2027, 3, 20, 10, tzinfo=UTC))
    try:
        await bot.run_background()
        alerts_before = len(bot.fake.messages.get(ADMIN_ID, []))
        bot.fake.fail_next("editMessageReplyMarkup", 400, "Bad Request: message to edit not found")
        replies = await french.press("Je participe")
        assert french.alerts == ["C’est noté\u00a0: vous participez. Un rappel arrivera une heure avant."]
        assert not [reply for reply in replies if "Désolé" in (reply.get("text") or "")]
        assert len(bot.fake.messages.get(ADMIN_ID, [])) == alerts_before
    finally:
        await bot.stop()
