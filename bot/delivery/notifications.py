"""Sending the outbox: the news of submissions and decisions, once each, in each language."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, replace

from telegram import Bot
from telegram.ext import Application

from bot.delivery.claims import NotificationClaim
from bot.delivery.pipeline import Outgoing, SendCall, SendPipeline, pipeline_for, send_text
from conversations.committee import bilans as committee_bilans
from conversations.consultation import notices as consultation_notices
from conversations.federation import request_notices
from conversations.render.notifications import (
    SUBMITTED,
    SUBMITTED_COMMITTEE,
    decision_text,
    submitted_caption,
    submitted_text,
)
from conversations.render.pdf import render_pdf
from conversations.render.report import build_report, pdf_file_name
from conversations.ui.reports import evidence_views
from locales import translator_for
from models.dossier.files import FileStore
from models.dossier.record import DossierRecord, read_record
from models.label.committee import dossier_with_coop
from models.outbox import payload_of, pending_notifications, settle_interrupted_notifications
from models.tables import DeliveryStatus, Notification
from models.users import users_by_ids

log = logging.getLogger("qualicoop.outbox")
# kind → async (translator, session, payload, services) -> (text, buttons, document or None)
JOURNEY_NOTICES = {**consultation_notices.NOTICES, **request_notices.NOTICES, **committee_bilans.NOTICES}


@dataclass(frozen=True)
class Rendered:
    """A notification's words, and the dossier's PDF for the committee."""

    text: str
    document: tuple[bytes, str] | None = None  # (content, file name)
    markup: object = None  # the message's buttons, if any

    def send_call(self) -> SendCall:
        """The Bot API call that sends it: a message, or the PDF with the text as its caption."""
        if self.document is None:
            return send_text(self.text, self.markup)
        content, name = self.document

        async def call(bot: Bot, chat_id: int) -> object:
            """Send the PDF to one chat."""
            return await bot.send_document(chat_id, content, filename=name, caption=self.text)

        return call


def load_letter(store: FileStore, record: DossierRecord) -> bytes | None:
    """The commitment letter's bytes for the committee's PDF; None when there is none or it is missing."""
    if record.letter is None:
        return None
    try:
        return store.read(record.letter.sha256)
    except OSError:  # the PDF still goes out, saying the letter is in the dossier's files
        log.warning(
            "commitment letter %s of dossier %s not found", record.letter.id, record.letter.dossier_id
        )
        return None


async def render_notification(t, session, services, notification: Notification, now) -> Rendered:
    """The message of one notification for its recipient (the committee's comes with the PDF)."""
    data = payload_of(notification)
    if notification.kind in JOURNEY_NOTICES:  # each journey renders its own kinds
        text, markup, document = await JOURNEY_NOTICES[notification.kind](t, session, data, services)
        return Rendered(text, document, markup)
    if notification.kind == SUBMITTED:
        return Rendered(submitted_text(t, data))
    if notification.kind != SUBMITTED_COMMITTEE:
        return Rendered(decision_text(t, data))
    dossier, coop = await dossier_with_coop(session, data["dossier_id"])
    record = await read_record(session, dossier, coop)
    report = build_report(t, services.referential, record, now, load_letter(services.file_store, record))
    evidence = await evidence_views(t, services.referential, session, dossier, now)
    report = replace(report, consultations=tuple(evidence))
    content = await asyncio.to_thread(render_pdf, report)
    return Rendered(submitted_caption(t, report), (content, pdf_file_name(report)))


async def deliver_notifications(application: Application, pipeline: SendPipeline | None = None) -> int:
    """Send every pending notification; return how many went out."""
    services = application.bot_data
    pipeline = pipeline or pipeline_for(application)
    async with services.database.transaction() as session:
        if interrupted := await settle_interrupted_notifications(session):
            log.warning("%d notification(s) cut short by a stop, not repeated", interrupted)
    sent = 0
    while True:
        async with services.database.transaction() as session:
            batch = await pending_notifications(session)
            users = await users_by_ids(session, [n.user_id for n in batch])
        if not batch:
            return sent
        for pending in batch:
            t = translator_for(users.get(pending.user_id), services.default_language)
            async with services.database.transaction() as session:  # rendered before the claim
                rendered = await render_notification(t, session, services, pending, services.clock())
            claim, what = NotificationClaim(pending.id), f"notification {pending.kind} {pending.id}"
            status = await pipeline.deliver(Outgoing(pending.user_id, claim, rendered.send_call(), what))
            sent += status == DeliveryStatus.SENT
