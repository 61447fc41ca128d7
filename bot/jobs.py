"""Background jobs: when each delivery runs. Everything they need is read from the database.

Every instance beats its heartbeat; only the one holding the sending lease runs the deliveries
(the outbox, announcements, reminders), so that several instances never exceed the bot's pace.
"""

from __future__ import annotations

import logging

from telegram.ext import Application, ContextTypes

from bot.delivery.announcements import deliver_announcements
from bot.delivery.consultations import remind_consultations
from bot.delivery.notifications import deliver_notifications
from bot.delivery.pipeline import SendingPaused, Stopping
from bot.delivery.reminders import remind_attendees, sweep_reminders
from bot.updates import inbox
from conversations.ui import pastes
from models.privacy.retention import expire

log = logging.getLogger("qualicoop.jobs")
SWEEP_INTERVAL_SECONDS = 300
BROADCAST_INTERVAL_SECONDS = 3
UPKEEP_INTERVAL_SECONDS = 3600
LEFT_PARTS_INTERVAL_SECONDS = 10  # a dead instance's paste judged within its lease and these seconds
CHECKPOINT_INTERVAL_SECONDS = 2  # a few seconds of writes: copied in a few ms, in a thread


async def heartbeat_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """This instance is alive; it takes the sending lease if it is free, or keeps it."""
    services = context.application.bot_data
    before = services.sending.was_held
    if await services.sending.renew(services.database) and not before:
        # taking over from an instance that is gone: its reminders are not left for 5 minutes
        context.job_queue.run_once(sweep_job, when=1, name="reminders after takeover")


async def sweep_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """The job-queue entry point of the reminder sweeps: checkpoints, then consultations (sender only)."""
    if context.application.bot_data.sending.held():
        try:
            await sweep_reminders(context.application)
            await remind_consultations(context.application)
        except Stopping:
            log.info("reminder sweep stopped: stopping; the rest waits for the instance that sends next")
        except SendingPaused:
            log.info("reminder sweep stopped: another instance sends now")


async def broadcast_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Job-queue entry: starts a delivery run in the background unless one is going on."""
    application = context.application
    services = application.bot_data
    if getattr(services, "broadcast_running", False) or not services.sending.held():
        return
    services.broadcast_running = True

    async def run() -> None:
        """The outbox first (short news), then the broadcasts, then the one-hour reminders."""
        try:
            await deliver_notifications(application)
            await deliver_announcements(application)
            await remind_attendees(application)
        except Stopping:  # what is left stays pending: the next start (here or elsewhere) sends it
            log.info("delivery run stopped: stopping; the rest waits for the instance that sends next")
        except SendingPaused:  # the lease went to another instance: it resumes from the database
            log.info("delivery run stopped: another instance sends now")
        except Exception as error:  # the next run starts from the database again
            # told as any failure is: with its traceback and an alert once per period, or, the
            # database away, in the one line and the one alert of the outage (bot.errors)
            await application.process_error(None, error)
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


async def checkpoint_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """SQLite's log copied into the database file in a thread, not in an update's commit."""
    await context.application.bot_data.database.checkpointer.checkpoint()


def schedule_jobs(application: Application) -> None:
    """Jobs are not persisted: they are scheduled anew at every start, and read the database."""
    lease = application.bot_data.sending
    beat = max(1.0, lease.duration.total_seconds() / 4)  # a few beats per lease: one may fail
    application.job_queue.run_repeating(heartbeat_job, interval=beat, first=beat, name="heartbeat")
    application.job_queue.run_repeating(
        sweep_job, interval=SWEEP_INTERVAL_SECONDS, first=15, name="reminders"
    )
    application.job_queue.run_repeating(
        broadcast_job, interval=BROADCAST_INTERVAL_SECONDS, first=2, name="broadcast"
    )
    # typed answers a stopped process left unjudged (pastes stored, or claimed and never answered): at
    # start, then again, as another instance may die while this one runs (one read when there are none)
    application.job_queue.run_repeating(
        pastes.judge_left_parts, interval=LEFT_PARTS_INTERVAL_SECONDS, first=1, name="pastes"
    )
    application.job_queue.run_repeating(upkeep_job, interval=UPKEEP_INTERVAL_SECONDS, first=60, name="upkeep")
    if application.bot_data.webhook_secret:  # what a killed instance received and did not handle
        application.job_queue.run_repeating(inbox.replay_job, interval=beat, first=1, name="inbox")
    if application.bot_data.database.checkpointer is not None:  # a SQLite file (models.sql.checkpoint)
        application.job_queue.run_repeating(
            checkpoint_job, interval=CHECKPOINT_INTERVAL_SECONDS, first=CHECKPOINT_INTERVAL_SECONDS,
            name="checkpoint",
        )  # fmt: skip
