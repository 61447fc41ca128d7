"""The leads a bot is set with (QUALICOOP_REMINDER_DAYS) decide what the sweep finds due, whatever other
leads a sweep of the same process used before: its statement is built once per set of leads."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from models.label.reminder_queue import hand_over
from models.label.reminders import reminders_due, upcoming_events
from tests.conversations.test_reminders_still_due import (
    COLLEAGUE,
    DIRECTOR,
    PARIS,
    SIX_MONTHS,
    followed_coop,
)


async def due_leads(bot, now, leads) -> set[tuple[int, int]]:
    """(person, lead) of each reminder a sweep with these leads would hand over now, and hands them over."""
    async with bot.database.transaction() as session:
        found = await upcoming_events(session, now, max(leads) + 1, (), leads)
        due = reminders_due(found.events, found.sent, now, leads)
        await hand_over(session, due, now)
    return {(reminder.user_id, reminder.lead_days) for reminder in due}


async def test_each_set_of_leads_finds_its_own_reminders_in_one_process(tmp_path):
    bot, _clock, _coop_id = await followed_coop(tmp_path)
    try:
        thirty_days_before = datetime.combine(SIX_MONTHS - timedelta(days=30), time(9, 1), tzinfo=PARIS)
        assert await due_leads(bot, thirty_days_before, (30, 7, 1)) == {(DIRECTOR, 30), (COLLEAGUE, 30)}
        fortnight_before = datetime.combine(SIX_MONTHS - timedelta(days=14), time(9, 1), tzinfo=PARIS)
        # the 30-day reminder went: nothing more until 7 days before…
        assert await due_leads(bot, fortnight_before, (30, 7, 1)) == set()
        # …but a bot set to remind 14 and 2 days before reminds now, at 14
        assert await due_leads(bot, fortnight_before, (14, 2)) == {(DIRECTOR, 14), (COLLEAGUE, 14)}
        assert await due_leads(bot, fortnight_before, (30, 7, 1)) == set()
    finally:
        await bot.stop()
