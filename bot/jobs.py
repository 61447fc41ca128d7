"""Background jobs: the reminder sweep. Everything they need is read from the database."""

from __future__ import annotations

import logging
from datetime import datetime

from telegram.error import Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import Application, ContextTypes

from bot.delivery.announcements import broadcast_job
from conversations.follow_up.calendar import reminder_message
from locales import translator_for
from models.clock import paris_today
from models.label.reminders import claim, release, reminders_due, sent_index, upcoming_events
from models.users import mark_blocked, users_by_ids

log = logging.getLogger("qualicoop.jobs")
SWEEP_INTERVAL_SECONDS = 300
BROADCAST_INTERVAL_SECONDS = 3


async def sweep_reminders(application: Application, now: datetime | None = None) -> int:
    """Send every reminder due now; return how many went out."""
    services = application.bot_data
    now = now or services.clock()
    leads, hour = services.reminder_leads, services.reminder_hour
    async with services.database.transaction() as session:
        events = await upcoming_events(session, paris_today(now), max(leads) + 1, services.committee_dates)
        sent = await sent_index(session, [event.key for event in events])
        due = reminders_due(events, sent, now, leads, hour)
        users = await users_by_ids(session, sorted({r.user_id for r in due}))
    delivered = 0
    for reminder in due:
        async with services.database.transaction() as session:
            if not await claim(session, reminder, now):
                continue  # another sweep (or an earlier run) already took it
        user = users.get(reminder.user_id)
        t = translator_for(user, services.default_language)
        text, markup = reminder_message(t, reminder, paris_today(now))
        try:
            await application.bot.send_message(reminder.user_id, text, parse_mode="HTML", reply_markup=markup)
            delivered += 1
        except Forbidden:
            async with services.database.transaction() as session:
                await mark_blocked(session, reminder.user_id)  # keep the claim: never retry a blocked user
        except (RetryAfter, NetworkError, TelegramError) as error:
            log.warning(
                "reminder %s to %s not sent (%s); will retry", reminder.event.key, reminder.user_id, error
            )
            async with services.database.transaction() as session:
                await release(session, reminder)
            if isinstance(error, RetryAfter):
                break  # flood control: the next sweep goes on
    if delivered:
        log.info("%d reminder(s) sent", delivered)
    return delivered


async def sweep_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """The job-queue entry point of the sweep."""
    await sweep_reminders(context.application)


def schedule_jobs(application: Application) -> None:
    """Jobs are not persisted: they are scheduled anew at every start, and read the database."""
    application.job_queue.run_repeating(
        sweep_job, interval=SWEEP_INTERVAL_SECONDS, first=15, name="reminders"
    )
    application.job_queue.run_repeating(
        broadcast_job, interval=BROADCAST_INTERVAL_SECONDS, first=2, name="broadcast"
    )
