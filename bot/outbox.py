"""Sending the outbox: the news of submissions and decisions, once each, in each language."""

from __future__ import annotations

import logging

from telegram.constants import ParseMode
from telegram.error import Forbidden, TelegramError
from telegram.ext import Application

from conversations.notifications import render_notification
from locales import translator
from models.outbox import (
    claim_notification,
    pending_notifications,
    settle_interrupted_notifications,
    settle_notification,
)
from models.tables import DeliveryStatus
from models.users import mark_blocked, users_by_ids

log = logging.getLogger("qualicoop.outbox")


async def deliver_notifications(application: Application) -> int:
    """Send every pending notification; return how many went out."""
    services = application.bot_data
    sent = 0
    async with services.database.transaction() as session:
        if await settle_interrupted_notifications(session):
            log.warning("notifications cut short by a stop were not repeated")
    while True:
        async with services.database.transaction() as session:
            batch = await pending_notifications(session)
            users = await users_by_ids(session, [n.user_id for n in batch])
        if not batch:
            return sent
        for pending in batch:
            user = users.get(pending.user_id)
            t = translator(user.language or user.telegram_language if user else None)
            async with services.database.transaction() as session:
                notification = await claim_notification(session, pending.id)
                if notification is None:
                    continue
                rendered = await render_notification(
                    t, session, services.referential, notification, services.clock()
                )
            status, problem = DeliveryStatus.SENT, None
            try:
                if rendered.document is None:
                    await application.bot.send_message(
                        pending.user_id, rendered.text, parse_mode=ParseMode.HTML
                    )
                else:
                    content, name = rendered.document
                    await application.bot.send_document(
                        pending.user_id,
                        content,
                        filename=name,
                        caption=rendered.text,
                        parse_mode=ParseMode.HTML,
                    )
                sent += 1
            except Forbidden:
                status = DeliveryStatus.BLOCKED
                async with services.database.transaction() as session:
                    await mark_blocked(session, pending.user_id)
            except TelegramError as error:
                status, problem = DeliveryStatus.FAILED, str(error)
            async with services.database.transaction() as session:
                await settle_notification(session, pending.id, status, error=problem, now=services.clock())
