"""Sending the outbox: the news of submissions and decisions, once each, in each language."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from telegram.constants import ParseMode
from telegram.error import Forbidden, TelegramError
from telegram.ext import Application

from conversations.render.formatting import status_label
from conversations.render.notifications import (
    SUBMITTED,
    SUBMITTED_COMMITTEE,
    decision_text,
    submitted_caption,
    submitted_text,
)
from conversations.render.pdf import render_pdf
from conversations.render.report import build_report, pdf_file_name
from locales import translator_for
from models.dossier.attachments import attachments_of
from models.dossier.reads import read_snapshot
from models.label.committee import dossier_with_coop
from models.outbox import (
    claim_notification,
    payload_of,
    pending_notifications,
    settle_interrupted_notifications,
    settle_notification,
)
from models.tables import DeliveryStatus, Notification
from models.users import mark_blocked, users_by_ids

log = logging.getLogger("qualicoop.outbox")


@dataclass(frozen=True)
class Rendered:
    text: str
    document: tuple[bytes, str] | None = None  # (content, file name)


async def render_notification(t, session, referential, notification: Notification, now) -> Rendered:
    """The message of one notification for its recipient (the committee's comes with the PDF)."""
    data = payload_of(notification)
    if notification.kind == SUBMITTED:
        return Rendered(submitted_text(t, data))
    if notification.kind != SUBMITTED_COMMITTEE:
        return Rendered(decision_text(t, data))
    dossier, coop = await dossier_with_coop(session, data["dossier_id"])
    snapshot = await read_snapshot(session, dossier)
    attachments = await attachments_of(session, dossier.id)
    report = build_report(t, referential, coop, snapshot, attachments, status_label(t, dossier.status), now)
    content = await asyncio.to_thread(render_pdf, report)
    caption = submitted_caption(t, coop.name, dossier.cycle, data["version"])
    return Rendered(caption, (content, pdf_file_name(report)))


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
            t = translator_for(user, services.default_language)
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
