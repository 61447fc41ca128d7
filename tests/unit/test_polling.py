"""The offset polling gives Telegram (``bot.updates.polling``): never past an update not handled yet; what
Telegram gives again is not handed to PTB twice; after a kill, what was handled is noted as such."""

from __future__ import annotations

import asyncio

from telegram import Update

from bot.updates.polling import PolledUpdates
from models.clock import utcnow
from models.operations.inbox import record_handled


def updates(*numbers: int) -> list[Update]:
    return [Update(number) for number in numbers]


def numbers(given: list[Update]) -> list[int]:
    return [update.update_id for update in given]


async def test_the_offset_waits_for_the_updates_in_hand_and_never_passes_one(db):
    polled = PolledUpdates(db, patience=0.05)
    assert await polled.offset() == 0
    assert numbers(await polled.taken(updates(5, 6, 7))) == [5, 6, 7]
    polled.handled(5)
    polled.handled(6)
    assert await polled.offset() == 7  # 7 still in hand after the patience: 5 and 6 confirmed only
    assert numbers(await polled.taken(updates(7, 8))) == [8]  # 7 given again: PTB has it
    waiting = asyncio.create_task(polled.offset())
    await asyncio.sleep(0.01)
    polled.handled(7)
    polled.handled(8)
    assert await asyncio.wait_for(waiting, 1) == 9  # asked as soon as the batch is handled


async def test_after_a_kill_the_updates_handled_are_not_handed_again(db):
    async with db.transaction() as session:
        await record_handled(session, 11, utcnow())
    polled = PolledUpdates(db)
    assert numbers(await polled.taken(updates(10, 11, 12))) == [10, 11, 12]
    assert polled.in_hand == {10, 11, 12} and polled.resumed == {11}  # 11: its sender shown where they are


async def test_updates_handled_before_are_confirmed_once_their_senders_are_shown_where_they_are(db):
    async with db.transaction() as session:
        await record_handled(session, 20, utcnow())
        await record_handled(session, 21, utcnow())
    polled = PolledUpdates(db, patience=0.05)
    assert numbers(await polled.taken(updates(20, 21))) == [20, 21] and polled.resumed == {20, 21}
    polled.handled(20)
    polled.handled(21)
    assert await polled.offset() == 22  # Telegram forgets them at the next getUpdates
    assert numbers(await polled.taken(updates(22))) == [22] and 22 not in polled.resumed


async def test_a_database_that_does_not_answer_leaves_the_updates_with_telegram(db, monkeypatch, caplog):
    async def away(session):
        raise OSError("connection refused")

    monkeypatch.setattr("bot.updates.polling.last_recorded", away)
    monkeypatch.setattr("bot.updates.polling.DATABASE_AWAY_SECONDS", 0)
    polled = PolledUpdates(db)
    assert await polled.taken(updates(30)) == []
    assert await polled.offset() == 0 and not polled.in_hand  # asked again, from the same place
    assert "the database does not answer: connection refused" in caplog.text
