"""Sending the outbox: the news of submissions and decisions, and the report of a finished broadcast to
its author, once each, in each language."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from telegram import Bot
from telegram.ext import Application

from bot.delivery.claims import NotificationClaim
from bot.delivery.outgoing import Outgoing, SendCall, send_text
from bot.delivery.pipeline import SendPipeline, pipeline_for
from bot.errors import DATABASE_ERRORS, database_answers, sql_bug
from conversations import team
from conversations.committee import bilans as committee_bilans
from conversations.committee import decisions as committee_decisions
from conversations.committee import export
from conversations.committee import visit_ready as committee_visit_ready
from conversations.consultation import notices as consultation_notices
from conversations.dossier import documents, submission
from conversations.federation import request_notices
from conversations.federation.announcements import report_message
from conversations.federation.inbox import REPLY, REPLY_FILE, reply_refused
from conversations.federation.meetings import changes as meeting_changes
from conversations.follow_up import bilan_history
from conversations.render.notifications import (
    SUBMITTED,
    SUBMITTED_COMMITTEE,
    decision_text,
    submitted_caption,
    submitted_text,
)
from conversations.render.pdf import render_pdf
from conversations.render.report import build_report, pdf_file_name
from conversations.ui import callbacks as cb
from conversations.ui.messages import keyboard
from conversations.ui.reports import load_letter, with_history
from locales import N_, translator_for
from models.announcements import REPORT, delivery_counts, get_announcement
from models.clock import utcnow
from models.consultations.reach import INVITATION
from models.dossier.reads import NotYours
from models.dossier.record import as_submitted, read_record
from models.label.committee import dossier_with_coop
from models.outbox import (
    BUNDLE_PART,
    drop_notification,
    payload_of,
    pending_notifications,
    resend_interrupted_parts,
    settle_interrupted_notifications,
)
from models.privacy.erase import WITHOUT_DIRECTION_NEWS
from models.tables import Consultation, DeliveryStatus, Notification, RequestMessage, RequestThread
from models.team import REMOVED_NEWS
from models.users import users_by_ids

log = logging.getLogger("qualicoop.outbox")
FOR_ANYONE = {REMOVED_NEWS, WITHOUT_DIRECTION_NEWS}  # « you are no longer… », the admins' news: no team asked
NOT_ON_THE_TEAM = "not sent: the recipient is no longer on the team of its coop"
NOT_RENDERED = "not sent: its rendering failed"  # the error reported once, with its traceback
# under the committee's news of a submission: the dossier's screen, as in /committee's list
OPEN_DOSSIER = N_("🏛 Open the dossier")
# kind → async (translator, session, payload, services) -> (text, buttons, document or None)
JOURNEY_NOTICES = {
    **consultation_notices.NOTICES,
    **request_notices.NOTICES,
    **committee_bilans.NOTICES,
    **bilan_history.NOTICES,  # the sender's colleagues told a bilan was sent, with « 📄 Read »
    **committee_decisions.NOTICES,  # the coop told of a decision, with « 🏠 My dossier »
    **committee_visit_ready.NOTICES,  # the committee told a coop is ready for its visit, with its dossier
    **meeting_changes.NOTICES,  # a sent meeting cancelled or moved, told to whom it reached
    **team.NOTICES,
    **submission.NOTICES,
    **documents.NOTICES,  # the direction told of a dossier ready, of a request for its letter; its letter
    **export.NOTICES,  # a part of a large /export: a ZIP of up to 50 MB, built as it is sent
}

# kind → async (session, notification, now): what follows a news its recipient's block refused
AFTER_BLOCKED = {REPLY: reply_refused}  # the federation's reply: the coop's direction gets it


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
            return await bot.send_document(
                chat_id, content, filename=name, caption=self.text or None, reply_markup=self.markup
            )

        return call


async def render_notification(t, session, services, notification: Notification, now) -> Rendered:
    """The message of one notification for its recipient (the committee's comes with the PDF)."""
    data = payload_of(notification)
    if notification.kind in JOURNEY_NOTICES:  # each journey renders its own kinds
        text, markup, document = await JOURNEY_NOTICES[notification.kind](t, session, data, services)
        return Rendered(text, document, markup)
    if notification.kind == REPORT:  # delivered, blocked, failed, uncertain: the figures at sending time
        announcement = await get_announcement(session, data["announcement_id"])
        text, markup = report_message(t, announcement, await delivery_counts(session, announcement.id))
        return Rendered(text, markup=markup)
    if notification.kind == SUBMITTED:
        return Rendered(submitted_text(t, data))
    if notification.kind != SUBMITTED_COMMITTEE:
        return Rendered(decision_text(t, data))
    dossier, coop = await dossier_with_coop(session, data["dossier_id"])
    record = await as_submitted(session, await read_record(session, dossier, coop), data.get("version"))
    dossier = record.snapshot.dossier
    report = build_report(
        t, services.referential, record, now, await load_letter(services.file_store, record)
    )
    report = await with_history(t, services.referential, session, dossier, report, now)
    content = await asyncio.to_thread(render_pdf, report)
    opening = keyboard([(t.gettext(OPEN_DOSSIER), cb.COMMITTEE_DOSSIER.pack(dossier.id))])
    return Rendered(submitted_caption(t, report), (content, pdf_file_name(report)), opening)


async def for_its_team(
    session, notification: Notification, coop_id: int | None, coop_name: str | None
) -> bool:
    """Whether the notification still concerns its recipient: a coop's news goes only to whom is on its
    team now (``coop_id``, ``coop_name``: their coop, one a person), not to a person taken off it since
    it was written. The rows read are those its rendering reads next (kept by the session): no statement
    more. The news meant for a former member or for the federation goes to anyone."""
    data, kind = payload_of(notification), notification.kind
    if kind in FOR_ANYONE:
        return True
    if "coop_id" in data:
        return data["coop_id"] == coop_id
    if "coop" in data:  # a coop's name: unique, as a coop's id
        return data["coop"] == coop_name
    if kind == INVITATION:
        consultation = await session.get(Consultation, data["consultation_id"])
        return consultation is not None and consultation.coop_id == coop_id
    if kind in (REPLY, REPLY_FILE):
        message = await session.get(RequestMessage, data["message_id"])
        thread = await session.get(RequestThread, message.thread_id) if message is not None else None
        return thread is not None and thread.coop_id == coop_id
    return True  # news naming no coop (a committee's decision: its payload does not say which coop)


async def rendered_or_dropped(
    application: Application, t, pending: Notification, coop_id: int | None, coop_name: str | None
) -> Rendered | None:
    """A notification's message, rendered before its claim; None once it is dropped: it no longer concerns
    its recipient (off the team, or what it is about is gone: ``NotYours``), or its rendering failed —
    then reported once, so that one row never blocks the outbox, the broadcasts and the reminders after
    it, run after run. A database that does not answer, or is busy a moment (locked, a deadlock), stops
    the run instead: the row waits for it; a query of the renderer that is wrong itself (a column that
    does not exist, bad syntax) while the database answers is the renderer's failure."""
    services = application.bot_data
    try:
        async with services.database.transaction() as session:
            reason = None if await for_its_team(session, pending, coop_id, coop_name) else NOT_ON_THE_TEAM
            if reason is None:
                try:
                    return await render_notification(t, session, services, pending, services.clock())
                except NotYours as gone:
                    reason = f"not sent: what it is about is gone ({gone})"[:300]
            await drop_notification(session, pending.id, reason)
            log.info("notification %s %s %s", pending.kind, pending.id, reason)
            return None
    except Exception as error:  # its own transaction rolled back: dropped in another
        if isinstance(error, DATABASE_ERRORS) and not (
            sql_bug(error) and await database_answers(services.database)
        ):
            raise  # the row waits: the database away or busy a moment; a renderer's own SQL bug drops it
        async with services.database.transaction() as session:
            await drop_notification(session, pending.id, f"{NOT_RENDERED} ({type(error).__name__})")
        await application.process_error(None, error)
        return None


async def deliver_notifications(application: Application, pipeline: SendPipeline | None = None) -> int:
    """Send every pending notification; return how many went out."""
    services = application.bot_data
    pipeline = pipeline or pipeline_for(application)
    lease = services.sending
    async with services.database.transaction() as session:
        now = utcnow()
        again = await resend_interrupted_parts(session, now, lease.duration)  # before the parts are read
        interrupted = await settle_interrupted_notifications(session, now, lease.duration)
    if again:
        log.warning("%d part(s) of a bundle cut short (their sender stopped or froze): sent again", again)
    if interrupted:
        log.warning(
            "%d notification(s) cut short (their sender stopped or froze): maybe received, not repeated",
            interrupted,
        )
    sent, part_gone = 0, False
    while True:
        async with services.database.transaction() as session:
            batch = await pending_notifications(session)
            users = await users_by_ids(session, [n.user_id for n, _id, _name in batch])
        # one part of a bundle a run, after the other news: its upload (50 MB, up to the media timeout)
        # holds up the news, broadcasts and reminders of this run no longer; the next part, the next run
        batch = sorted((row for row in batch if not (part_gone and a_part(row))), key=a_part)
        if not batch:
            return sent
        for pending, coop_id, coop_name in batch:
            t = translator_for(users.get(pending.user_id), services.default_language)
            if pending.kind == BUNDLE_PART:
                await pipeline.chats.until_free(pending.user_id)
            rendered = await rendered_or_dropped(application, t, pending, coop_id, coop_name)
            if rendered is None:
                continue
            claim = NotificationClaim(pending.id, lease.me, coop_id)  # not if the team changed since
            what = f"notification {pending.kind} {pending.id}"
            status = await pipeline.deliver(Outgoing(pending.user_id, claim, rendered.send_call(), what))
            sent += status == DeliveryStatus.SENT
            if status == DeliveryStatus.BLOCKED and pending.kind in AFTER_BLOCKED:  # someone else told
                async with services.database.transaction() as session:
                    await AFTER_BLOCKED[pending.kind](session, pending, services.clock())
            if pending.kind == BUNDLE_PART:  # set aside (its chat written to a second ago): read again
                part_gone = status is not None
                break


def a_part(row: tuple) -> bool:
    """Whether a pending row is a part of a bundle (sorted after the others)."""
    return row[0].kind == BUNDLE_PART
