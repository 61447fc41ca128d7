"""Reminders: before checkpoints and committee meetings (the sweep), and one hour before a meeting.

Who is reminded of what, and when, is computed by ``models.label.reminders``; each reminder is
claimed by its unique row, then sent through the pipeline.
"""

from __future__ import annotations

import logging
from datetime import datetime

from telegram.ext import Application

from bot.delivery.claims import ReminderClaim
from bot.delivery.pipeline import Outgoing, SendPipeline, pipeline_for, send_text
from conversations.federation.announcements import render_announcement
from conversations.follow_up.calendar import reminder_message
from locales import translator_for
from models.clock import paris_today
from models.label.reminders import (
    DueEvent,
    Reminder,
    attendees_to_remind,
    claim_all,
    is_civil_hour,
    reminders_due,
    upcoming_events,
)
from models.tables import Announcement, DeliveryStatus
from models.users import users_by_ids

log = logging.getLogger("qualicoop.reminders")


# Each reminder is recorded (claimed) in its own commit right before it is sent: a process killed
# mid-sweep loses nothing but the one send in flight (uncertain, never resent), and sends nothing
# twice. Recording 30 at once saved statements but lost the rest of the batch on a kill (issue 15's
# kill test): a reminder never sent counted as sent. What is due is still found in two statements.
CLAIM_AT_ONCE = 1


async def sweep_reminders(
    application: Application, now: datetime | None = None, pipeline: SendPipeline | None = None
) -> int:
    """Send every checkpoint and committee reminder due now; return how many went out.

    Two statements find what is due (``upcoming_events``), one per reminder records it
    (``claim_all``) before its send: the sweep's cost follows the reminders due, not the coops.
    """
    services = application.bot_data
    pipeline = pipeline or pipeline_for(application)
    now = now or services.clock()
    leads, hour = services.reminder_leads, services.reminder_hour
    if not is_civil_hour(now, hour):
        return 0  # nothing goes out at night: no need to ask the database
    async with services.database.transaction() as session:
        found = await upcoming_events(
            session, paris_today(now), max(leads) + 1, services.committee_dates, leads
        )
    due = reminders_due(found.events, found.sent, now, leads, hour)
    delivered = 0
    for start in range(0, len(due), CLAIM_AT_ONCE):
        batch = due[start : start + CLAIM_AT_ONCE]
        async with services.database.transaction() as session:
            taken = await claim_all(session, batch, now)
        for reminder in batch:
            if (reminder.user_id, reminder.event.key, reminder.lead_days) not in taken:
                continue  # another run or instance recorded it first: it is theirs to send
            t = translator_for(found.users.get(reminder.user_id), services.default_language)
            text, markup = reminder_message(t, reminder, paris_today(now))
            claim, what = ReminderClaim(reminder, now, taken=True), f"reminder {reminder.event.key}"
            status = await pipeline.deliver(Outgoing(reminder.user_id, claim, send_text(text, markup), what))
            delivered += status == DeliveryStatus.SENT
    if delivered:
        log.info("%d reminder(s) sent", delivered)
    return delivered


def meeting_reminders(announcement: Announcement, user_ids: list[int]) -> list[Reminder]:
    """The one-hour reminders of a meeting, one per attendee, keyed by the announcement."""
    event = DueEvent(
        key=f"announcement:{announcement.id}",
        kind="announcement",
        due_on=announcement.starts_at.date(),
        recipients=tuple(user_ids),
    )
    return [Reminder(user_id, event, 0, False) for user_id in user_ids]


async def remind_attendees(application: Application, pipeline: SendPipeline | None = None) -> int:
    """One hour before a meeting, a reminder to those who said they will attend (once each)."""
    services = application.bot_data
    pipeline = pipeline or pipeline_for(application)
    now = services.clock()
    async with services.database.transaction() as session:
        found = await attendees_to_remind(session, now)
        users = await users_by_ids(session, sorted({u for _a, ids in found for u in ids}))
    sent = 0
    for announcement, user_ids in found:
        for reminder in meeting_reminders(announcement, user_ids):
            t = translator_for(users.get(reminder.user_id), services.default_language)
            text, markup = render_announcement(t, announcement, reminder=True)
            claim = ReminderClaim(reminder, now)
            what = f"meeting reminder {announcement.id}"
            status = await pipeline.deliver(Outgoing(reminder.user_id, claim, send_text(text, markup), what))
            sent += status == DeliveryStatus.SENT
    return sent
