"""Delivering confirmed announcements: paced under Telegram's limits, resumable after a restart."""

from __future__ import annotations

import asyncio
import logging
import time
import warnings
from collections import deque
from datetime import timedelta

from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import Application, ContextTypes
from telegram.warnings import PTBDeprecationWarning

from bot.delivery.notifications import deliver_notifications
from conversations.federation.announcements import progress_text, render_announcement, report_message
from locales import translator_for
from models.announcements import (
    announcements_to_send,
    attendees_to_remind,
    claim_delivery,
    delivery_counts,
    finish,
    get_announcement,
    pending_deliveries,
    record_delivery,
    settle_interrupted,
    start_sending,
)
from models.label.reminders import DueEvent, Reminder, claim
from models.tables import DeliveryStatus
from models.users import mark_blocked, users_by_ids

log = logging.getLogger("qualicoop.broadcast")
MESSAGES_PER_SECOND = 25  # Telegram allows about 30 a second overall: keep a margin
PROGRESS_EVERY_SECONDS = 2.0
BATCH = 200


class SlidingWindowPacer:
    """At most ``limit`` sends in any ``window`` seconds.

    A leaky bucket (what AIORateLimiter uses) lets a full bucket go out at once after an idle
    spell; counting the sends of the last second never allows more than ``limit`` in any second.
    """

    def __init__(self, limit: int = MESSAGES_PER_SECOND, window: float = 1.0) -> None:
        self.limit, self.window = limit, window
        self.sent: deque[float] = deque()

    async def wait(self) -> None:
        """Return when one more send stays within the limit."""
        while True:
            now = time.monotonic()
            while self.sent and self.sent[0] <= now - self.window:
                self.sent.popleft()
            if len(self.sent) < self.limit:
                self.sent.append(now)
                return
            await asyncio.sleep(self.sent[0] + self.window - now)


def retry_seconds(error: RetryAfter) -> float:
    """Seconds to wait after a 429, whether PTB gives an int or a timedelta."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = error.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


async def deliver_announcements(application: Application, pacer: SlidingWindowPacer | None = None) -> None:
    """Send every confirmed announcement still pending, one after the other."""
    services = application.bot_data
    pacer = pacer or SlidingWindowPacer()
    async with services.database.transaction() as session:
        todo = [a.id for a in await announcements_to_send(session)]
    for announcement_id in todo:
        await deliver_one(application, announcement_id, pacer)


async def deliver_one(application: Application, announcement_id: int, pacer: SlidingWindowPacer) -> None:
    """Write to every pending recipient of one announcement, recording each outcome at once."""
    services = application.bot_data
    bot = application.bot
    async with services.database.transaction() as session:
        await start_sending(session, announcement_id)
        interrupted = await settle_interrupted(session, announcement_id)
    if interrupted:
        log.warning(
            "announcement %s: %d send(s) cut short by a stop, not repeated", announcement_id, interrupted
        )
    rendered: dict[str, tuple] = {}
    last_progress = 0.0
    while True:
        async with services.database.transaction() as session:
            batch = await pending_deliveries(session, announcement_id, BATCH)
            users = await users_by_ids(session, [d.user_id for d in batch])
            announcement = await get_announcement(session, announcement_id)
        if not batch:
            break
        for delivery in batch:
            user = users.get(delivery.user_id)
            t = translator_for(user, services.default_language)
            if t.language not in rendered:
                rendered[t.language] = render_announcement(t, announcement)
            text, markup = rendered[t.language]
            await pacer.wait()
            async with services.database.transaction() as session:
                if not await claim_delivery(session, delivery.id):
                    continue
            status, error = await send_once(bot, pacer, delivery.user_id, text, markup)
            async with services.database.transaction() as session:
                await record_delivery(session, delivery.id, status, error=error, now=services.clock())
            if time.monotonic() - last_progress >= PROGRESS_EVERY_SECONDS:
                last_progress = time.monotonic()
                await show_progress(application, announcement_id)
    async with services.database.transaction() as session:
        announcement = await get_announcement(session, announcement_id)
        await finish(session, announcement, services.clock())
    await show_progress(application, announcement_id)
    await send_report(application, announcement_id)


async def send_once(
    bot, pacer: SlidingWindowPacer, chat_id: int, text: str, markup
) -> tuple[DeliveryStatus, str | None]:
    """One message, waiting as told on flood control; the outcome to record."""
    while True:
        try:
            await bot.send_message(chat_id, text, parse_mode="HTML", reply_markup=markup)
            return DeliveryStatus.SENT, None
        except RetryAfter as error:
            await asyncio.sleep(retry_seconds(error))
            await pacer.wait()
        except Forbidden:
            return DeliveryStatus.BLOCKED, None
        except (BadRequest, NetworkError, TelegramError) as error:
            return DeliveryStatus.FAILED, str(error)


async def show_progress(application: Application, announcement_id: int) -> None:
    """Edit the author's progress message (one message, not a stream of them)."""
    services = application.bot_data
    async with services.database.transaction() as session:
        announcement = await get_announcement(session, announcement_id)
        counts = await delivery_counts(session, announcement_id)
        author = (await users_by_ids(session, [announcement.created_by])).get(announcement.created_by)
    if announcement.progress_chat_id is None:
        return
    t = translator_for(author, services.default_language)
    try:
        await application.bot.edit_message_text(
            progress_text(t, announcement, counts),
            chat_id=announcement.progress_chat_id,
            message_id=announcement.progress_message_id,
            parse_mode="HTML",
        )
    except BadRequest as error:
        if "not modified" not in str(error):
            log.info("progress of announcement %s not shown: %s", announcement_id, error)
    except TelegramError as error:
        log.info("progress of announcement %s not shown: %s", announcement_id, error)


async def send_report(application: Application, announcement_id: int) -> None:
    """The final report to the author: delivered, blocked, failed (details on request)."""
    services = application.bot_data
    async with services.database.transaction() as session:
        announcement = await get_announcement(session, announcement_id)
        counts = await delivery_counts(session, announcement_id)
        author = (await users_by_ids(session, [announcement.created_by])).get(announcement.created_by)
    t = translator_for(author, services.default_language)
    text, markup = report_message(t, announcement, counts)
    try:
        await application.bot.send_message(
            announcement.created_by, text, parse_mode="HTML", reply_markup=markup
        )
    except TelegramError as error:
        log.warning("report of announcement %s not sent: %s", announcement_id, error)


async def remind_attendees(application: Application) -> int:
    """One hour before a meeting, a reminder to those who said they will attend (once each)."""
    services = application.bot_data
    now = services.clock()
    async with services.database.transaction() as session:
        found = await attendees_to_remind(session, now)
        users = await users_by_ids(session, sorted({u for _a, ids in found for u in ids}))
    sent = 0
    for announcement, user_ids in found:
        event = DueEvent(
            key=f"announcement:{announcement.id}",
            kind="announcement",
            due_on=announcement.starts_at.date(),
            recipients=tuple(user_ids),
        )
        for user_id in user_ids:
            async with services.database.transaction() as session:
                if not await claim(session, Reminder(user_id, event, 0, False), now):
                    continue
            user = users.get(user_id)
            t = translator_for(user, services.default_language)
            text, markup = render_announcement(t, announcement, reminder=True)
            try:
                await application.bot.send_message(user_id, text, parse_mode="HTML", reply_markup=markup)
                sent += 1
            except Forbidden:
                async with services.database.transaction() as session:
                    await mark_blocked(session, user_id)
            except TelegramError as error:
                log.warning("meeting reminder to %s not sent: %s", user_id, error)
    return sent


async def broadcast_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Job-queue entry: starts a delivery run in the background unless one is going on."""
    application = context.application
    services = application.bot_data
    if getattr(services, "broadcast_running", False):
        return
    services.broadcast_running = True

    async def run() -> None:
        try:
            await deliver_notifications(application)
            await deliver_announcements(application)
            await remind_attendees(application)
        except Exception:  # the next run starts from the database again
            log.exception("broadcast run failed")
        finally:
            services.broadcast_running = False

    application.create_task(run(), name="broadcast")
