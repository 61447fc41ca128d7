"""An answer to a VisioCoop announcement refused (the meeting has begun, the announcement was not sent
to the one who presses) is decided in the database's transaction and said after it: the pop-up is a
call to Telegram, which must not hold a PostgreSQL connection while it waits."""

from __future__ import annotations

from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta

from models.db import Database
from tests.conversations.test_meeting_times import MEETING, members_invited
from tests.fakes import FakeTelegram


def transactions_open_at_each_answer(database: Database, fake: FakeTelegram) -> list[int]:
    """How many of ``database``'s transactions were open at each answerCallbackQuery, from now on."""
    open_, seen = [0], []
    transaction, handle = database.transaction, fake.handle

    @asynccontextmanager
    async def counted():
        open_[0] += 1
        try:
            async with transaction() as session:
                yield session
        finally:
            open_[0] -= 1

    def handled(method: str, params: dict, files=None):
        if method.lower() == "answercallbackquery":
            seen.append(open_[0])
        return handle(method, params, files)

    database.transaction, fake.handle = counted, handled
    return seen


async def test_a_refused_answer_is_said_once_the_transaction_is_over(tmp_path):
    bot, clock, french, english = await members_invited(tmp_path, datetime(2027, 3, 20, 10, tzinfo=UTC))
    try:
        await bot.run_background()
        open_at_answers = transactions_open_at_each_answer(bot.database, bot.fake)
        clock.now = MEETING - timedelta(minutes=20)
        await english.press("I’ll attend")  # accepted: said after the commit, as it was
        assert english.alerts == ["Noted: you will attend. It begins in 20 minutes."]
        await english.press_data(english.last, "rsvp:987654:y")  # an announcement not sent to them
        assert english.alerts == ["This announcement was not sent to you."]
        clock.now = MEETING + timedelta(minutes=5)
        await french.press("Je participe")
        assert french.alerts == ["Cette réunion a déjà commencé\u00a0: les réponses sont closes."]
        assert open_at_answers == [0, 0, 0]
    finally:
        await bot.stop()
