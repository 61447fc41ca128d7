"""Delivering confirmed announcements: who gets which words, the author's progress and report.

The sending itself (pace, claims, what Telegram's answers mean) is the pipeline's. A restart
resumes a broadcast where it stopped: every recipient is a ``Delivery`` row written at confirmation.
The final report is an outbox notification written when the broadcast finishes, sent once. An
invitation is no news once its meeting has begun (the bot was down meanwhile): those still pending
then are not sent, and the report's failures say why. Nor is it sent to whom turned announcements off,
or left their coop's team, since it was confirmed (``pending_deliveries``: in the batch's query).
"""

from __future__ import annotations

import logging
import time

from sqlmodel import update
from sqlmodel.ext.asyncio.session import AsyncSession
from telegram.error import BadRequest, TelegramError
from telegram.ext import Application

from bot.delivery.claims import DeliveryClaim
from bot.delivery.notifications import deliver_notifications
from bot.delivery.outgoing import Outgoing, send_text
from bot.delivery.pipeline import SendPipeline, pipeline_for
from conversations.federation.announcements import MEETING_BEGUN, progress_text, render_announcement
from locales import translator_for
from models.announcements import (
    announcements_to_send,
    delivery_counts,
    finish,
    get_announcement,
    pending_deliveries,
    settle_interrupted,
    start_sending,
)
from models.clock import utcnow
from models.tables import Announcement, Delivery, DeliveryStatus, User
from models.users import users_by_ids

log = logging.getLogger("qualicoop.broadcast")
PROGRESS_EVERY_SECONDS = 2.0
BATCH = 200


async def deliver_announcements(application: Application, pipeline: SendPipeline | None = None) -> None:
    """Send every confirmed announcement still pending, one after the other."""
    pipeline = pipeline or pipeline_for(application)
    async with application.bot_data.database.transaction() as session:
        todo = [a.id for a in await announcements_to_send(session)]
    for announcement_id in todo:
        await deliver_one(application, announcement_id, pipeline)


async def deliver_one(application: Application, announcement_id: int, pipeline: SendPipeline) -> None:
    """Write to every pending recipient of one announcement, then tell its author how it went."""
    services = application.bot_data
    lease = services.sending
    async with services.database.transaction() as session:
        if not await start_sending(session, announcement_id):
            return  # finished meanwhile
        interrupted = await settle_interrupted(session, announcement_id, utcnow(), lease.duration)
    if interrupted:
        log.warning(
            "announcement %s: %d send(s) cut short (their sender stopped or froze): "
            "maybe received, not repeated",
            announcement_id,
            interrupted,
        )
    rendered: dict[str, tuple] = {}  # one rendering per language
    what, last_progress, handled = f"announcement {announcement_id}", 0.0, False
    while batch := await _next_batch(application, announcement_id):
        announcement, deliveries, users, handled = *batch, True
        for delivery in deliveries:
            t = translator_for(users.get(delivery.user_id), services.default_language)
            if t.language not in rendered:
                rendered[t.language] = render_announcement(t, announcement)
            text, markup = rendered[t.language]
            await pipeline.deliver(
                Outgoing(
                    delivery.user_id, DeliveryClaim(delivery.id, lease.me), send_text(text, markup), what
                )
            )
            if time.monotonic() - last_progress >= PROGRESS_EVERY_SECONDS:
                last_progress = time.monotonic()
                await show_progress(application, announcement_id)
    async with services.database.transaction() as session:
        finished = await finish(session, announcement_id, services.clock())
    # the last figures: of the run that finished it (the report is in the outbox), or of one that leaves
    # some recipients to try again later (``RETRY_AFTER``): the author sees where it stands meanwhile
    if finished or handled:
        await show_progress(application, announcement_id)
    if finished:
        await deliver_notifications(application, pipeline)


async def _next_batch(
    application: Application, announcement_id: int
) -> tuple[Announcement, list[Delivery], dict[int, User]] | None:
    """The announcement, its next pending deliveries and their users; None when none is left."""
    async with application.bot_data.database.transaction() as session:
        announcement = await get_announcement(session, announcement_id)
        if announcement.starts_at is not None and announcement.starts_at <= application.bot_data.clock():
            await _drop_pending(session, announcement_id)  # « I'll attend » to a meeting begun: not sent
        deliveries = await pending_deliveries(session, announcement, BATCH)
        if not deliveries:
            return None
        users = await users_by_ids(session, [d.user_id for d in deliveries])
        return announcement, deliveries, users


async def _drop_pending(session: AsyncSession, announcement_id: int) -> None:
    """The recipients not written to yet: failed for good, the reason in the author's list of failures."""
    await session.exec(
        update(Delivery)
        .where(Delivery.announcement_id == announcement_id, Delivery.status == DeliveryStatus.PENDING)
        .values(status=DeliveryStatus.FAILED, error=MEETING_BEGUN)
    )


async def _with_author(application: Application, announcement_id: int):
    """The announcement, its delivery counts, and its author's translator."""
    services = application.bot_data
    async with services.database.transaction() as session:
        announcement = await get_announcement(session, announcement_id)
        counts = await delivery_counts(session, announcement_id)
        author = (await users_by_ids(session, [announcement.created_by])).get(announcement.created_by)
    return announcement, counts, translator_for(author, services.default_language)


async def show_progress(application: Application, announcement_id: int) -> None:
    """Edit the author's progress message (one message, not a stream of them)."""
    announcement, counts, t = await _with_author(application, announcement_id)
    if announcement.progress_chat_id is None:
        return
    try:
        await application.bot.edit_message_text(
            progress_text(t, announcement, counts),
            chat_id=announcement.progress_chat_id,
            message_id=announcement.progress_message_id,
        )
    except BadRequest as error:
        if "not modified" not in str(error):
            log.info("progress of announcement %s not shown: %s", announcement_id, error)
    except TelegramError as error:  # an edit of a progress line: never worth a retry
        log.info("progress of announcement %s not shown: %s", announcement_id, error)
