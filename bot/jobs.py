"""Background jobs: when each delivery runs. Everything they need is read from the database."""

from __future__ import annotations

import logging

from telegram.ext import Application, ContextTypes

from bot.delivery.announcements import deliver_announcements
from bot.delivery.consultations import remind_consultations
from bot.delivery.notifications import deliver_notifications
from bot.delivery.reminders import remind_attendees, sweep_reminders
from conversations.ui import pastes
from models.privacy.retention import expire

log = logging.getLogger("qualicoop.jobs")
SWEEP_INTERVAL_SECONDS = 300
BROADCAST_INTERVAL_SECONDS = 3
UPKEEP_INTERVAL_SECONDS = 3600


async def sweep_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """The job-queue entry point of the reminder sweep (checkpoints, then consultations)."""
    await sweep_reminders(context.application)
    await remind_consultations(context.application)


async def broadcast_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Job-queue entry: starts a delivery run in the background unless one is going on."""
    application = context.application
    services = application.bot_data
    if getattr(services, "broadcast_running", False):
        return
    services.broadcast_running = True

    async def run() -> None:
        """The outbox first (short news), then the broadcasts, then the one-hour reminders."""
        try:
            await deliver_notifications(application)
            await deliver_announcements(application)
            await remind_attendees(application)
        except Exception:  # the next run starts from the database again
            log.exception("broadcast run failed")
        finally:
            services.broadcast_running = False

    application.create_task(run(), name="broadcast")


async def upkeep_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """What expires (drafts, old consultation links, people who never joined): README, « Personal data »."""
    services = context.application.bot_data
    async with services.database.transaction() as session:
        expired = await expire(session, services.clock(), services.admin_ids)
    if any(expired.values()):
        log.info("expired: %s", expired)


def schedule_jobs(application: Application) -> None:
    """Jobs are not persisted: they are scheduled anew at every start, and read the database."""
    application.job_queue.run_repeating(
        sweep_job, interval=SWEEP_INTERVAL_SECONDS, first=15, name="reminders"
    )
    application.job_queue.run_repeating(
        broadcast_job, interval=BROADCAST_INTERVAL_SECONDS, first=2, name="broadcast"
    )
    # typed answers a stopped process left unjudged (pastes stored, never answered)
    application.job_queue.run_once(pastes.judge_left_parts, when=1, name="pastes")
    application.job_queue.run_repeating(upkeep_job, interval=UPKEEP_INTERVAL_SECONDS, first=60, name="upkeep")
