"""Reminders: before checkpoints and committee meetings (the sweep), and one hour before a meeting.

Who is reminded of what, and when, is computed by ``models.label.reminders``. The sweep hands what
is due over as pending rows in one statement (``models.label.reminder_queue``), then the pipeline
sends every pending reminder as it sends an announcement's deliveries: claimed one by one, settled.
"""

from __future__ import annotations

import logging
from datetime import datetime

from telegram.ext import Application

from bot.delivery.claims import QueuedReminderClaim, ReminderClaim
from bot.delivery.outgoing import Outgoing, send_text
from bot.delivery.pipeline import SendPipeline, pipeline_for
from conversations.federation.announcements import render_announcement
from conversations.follow_up.calendar import reminder_message
from locales import translator_for
from models.clock import paris_today, utcnow
from models.federation.meeting_reminders import attendees_to_remind, meeting_reminders
from models.label.reminder_queue import hand_over, pending_reminders, settle_interrupted_reminders
from models.label.reminders import bilans_sent, is_civil_hour, reminders_due, upcoming_events
from models.users import users_by_ids

log = logging.getLogger("qualicoop.reminders")


async def sweep_reminders(
    application: Application, now: datetime | None = None, pipeline: SendPipeline | None = None
) -> int:
    """Hand over the checkpoint and committee reminders due now, send the pending ones; how many went."""
    now = now or application.bot_data.clock()
    if not is_civil_hour(now, application.bot_data.reminder_hour):
        return 0  # nothing goes out at night: no need to ask the database
    await hand_over_reminders(application, now)
    return await deliver_reminders(application, now, pipeline)


async def hand_over_reminders(application: Application, now: datetime) -> None:
    """Find what is due (two statements) and write it as pending rows (one), in one commit.

    Written as *pending*, not as sent: a process killed before sending them all loses none, the
    next run sends what is still pending (a batch written as sent was lost on a kill, issue 15).
    The cost follows the reminders due, not the coops nor the reminders sent before.
    """
    services = application.bot_data
    leads = services.reminder_leads
    async with services.database.transaction() as session:
        found = await upcoming_events(session, now, max(leads) + 1, services.committee_dates, leads)
        due = reminders_due(found.events, found.sent, now, leads, services.reminder_hour)
        await hand_over(session, due, now)


async def deliver_reminders(
    application: Application, now: datetime, pipeline: SendPipeline | None = None
) -> int:
    """Send every pending reminder through the pipeline, rendered now from its row; how many went out.

    Those handed over by this sweep, and those a killed run left pending. One left 'sending' by an
    instance that is gone is settled as uncertain first: it may have reached its person.
    """
    services = application.bot_data
    pipeline = pipeline or pipeline_for(application)
    today, lease = paris_today(now), services.sending
    async with services.database.transaction() as session:
        # heartbeats are wall-clock instants: who is gone is judged on the wall clock, as for deliveries
        interrupted = await settle_interrupted_reminders(session, utcnow(), lease.duration)
        pending = await pending_reminders(session, today)
        bilans = await bilans_sent(session, (reminder.event for reminder, _user, _row in pending))
    if interrupted:
        log.warning(
            "%d reminder(s) cut short (their sender stopped or froze): maybe received, not repeated",
            interrupted,
        )

    def outgoing():
        """Each pending reminder, rendered in its person's language as its turn comes."""
        for reminder, user, row_id in pending:
            t = translator_for(user, services.default_language)
            text, markup = reminder_message(t, reminder, today, bilans.get(reminder.event.key))
            claim, what = QueuedReminderClaim(row_id, reminder, lease.me), f"reminder {reminder.event.key}"
            yield Outgoing(reminder.user_id, claim, send_text(text, markup), what)

    delivered = await pipeline.deliver_all(outgoing())
    if delivered:
        log.info("%d reminder(s) sent", delivered)
    return delivered


async def remind_attendees(application: Application, pipeline: SendPipeline | None = None) -> int:
    """One hour before a meeting, a reminder to those who said they will attend: once per time the meeting
    is held at (moved after it went out, reminded again before its new time)."""
    services = application.bot_data
    pipeline = pipeline or pipeline_for(application)
    now = services.clock()
    async with services.database.transaction() as session:
        found = await attendees_to_remind(session, now)
        users = await users_by_ids(session, sorted({u for _a, ids in found for u in ids}))

    def outgoing():
        """Each attendee's reminder, in their language."""
        for announcement, user_ids in found:
            for reminder in meeting_reminders(announcement, user_ids):
                t = translator_for(users.get(reminder.user_id), services.default_language)
                text, markup = render_announcement(t, announcement, reminder=True, now=now)
                claim = ReminderClaim(reminder, now, services.sending.me)
                what = f"meeting reminder {announcement.id}"
                yield Outgoing(reminder.user_id, claim, send_text(text, markup), what)

    return await pipeline.deliver_all(outgoing())
