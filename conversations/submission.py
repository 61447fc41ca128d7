"""Submitting the dossier to the validation committee, and who is told."""

from __future__ import annotations

import asyncio
import logging

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram.constants import ParseMode
from telegram.error import Forbidden, TelegramError

from conversations.context import QualiContext
from conversations.formatting import e, status_label
from conversations.navigation import Step, button, member_dossier, screen
from conversations.pdf import render_pdf
from conversations.report import build_report
from conversations.review import pdf_file_name
from conversations.screens import Screen, keyboard
from locales import N_, translator
from models.attachments import attachments_of
from models.chat_state import HOME, Position
from models.committee_calendar import next_committee_meeting
from models.coops import coop_users
from models.dossier_reads import dossier_of_member, read_snapshot
from models.rules import dossier_gaps
from models.submission import submit_dossier
from models.tables import AttachmentKind, FederationRoleName
from models.users import federation_ids, mark_blocked, users_by_ids

log = logging.getLogger(__name__)

CONFIRM = "submit_confirm"
DIRECTION_ONLY = N_("Only a member of the direction can submit the dossier. Ask your director, or ask the federation for a direction invitation.")


def meeting_text(context: QualiContext) -> str:
    """The date of the next quarterly committee meeting, in the visitor's language."""
    meeting = next_committee_meeting(context.now().date(), context.bot_data.committee_dates)
    return context.t.format_date(meeting, "full")


@screen(CONFIRM)
async def confirm_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """What will be sent, and what submitting means, before the confirmation."""
    _ = context._
    dossier = await member_dossier(context, session)
    snapshot = await read_snapshot(session, dossier)
    supporting = sum(1 for a in snapshot.attachments if a.kind == AttachmentKind.SUPPORTING)
    actions = sum(len(snapshot.actions_of(i.id)) for i in snapshot.indicators)
    lines = [
        "📤 <b>" + e(_("Submit to the validation committee")) + "</b>", "",
        e(_("You are about to send:")),
        "• " + e(_("{n} engagements").format(n=len(snapshot.chosen))),
        "• " + e(_("{n} indicators and {m} actions").format(n=len(snapshot.indicators), m=actions)),
        "• " + e(_("the approach and involvement part")),
        "• " + e(_("the commitment letter and {n} supporting document(s)").format(n=supporting)),
        "", "⚠️ " + e(_("Once sent, the dossier can no longer be changed by the coop; the committee may ask for more information.")),
        e(_("Next committee meeting: {date}.").format(date=meeting_text(context))),
    ]
    return Screen("\n".join(lines), keyboard([(_("✅ Yes, submit"), f"sby:{dossier.id}"), (_("Cancel"), HOME)]))


async def refusal(context: QualiContext, session: AsyncSession, dossier) -> Step | None:
    """Why this visitor cannot submit this dossier now, as the step to show; None if they can."""
    if not context.visitor.is_direction:
        return Step(Position(HOME), "⛔ " + e(context._(DIRECTION_ONLY)))
    if dossier_gaps(context.referential, await read_snapshot(session, dossier)):
        return Step(Position("gaps"), "⛔ " + e(context._("The dossier cannot be submitted yet:")))
    return None


async def ask_submit(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """📤 Submit: only the direction, only a complete dossier; then the confirmation."""
    dossier = await dossier_of_member(session, int(args[0]), context.visitor.coop.id)
    return await refusal(context, session, dossier) or Step(Position(CONFIRM))


async def confirm_submit(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """✅ Yes, submit: freeze the dossier, store its version, then tell everyone concerned."""
    dossier = await dossier_of_member(session, int(args[0]), context.visitor.coop.id)
    refused = await refusal(context, session, dossier)
    if refused is not None:
        return refused
    version = await submit_dossier(session, dossier, context.visitor.member, context.referential, now=context.now())
    notice = "📤 " + e(context._("The dossier was submitted to the validation committee. Next committee meeting: {date}.").format(
        date=meeting_text(context)))
    return Step(Position(HOME), notice, after=lambda update, ctx: notify_submission(ctx, version.version))


async def notify_submission(context: QualiContext, version: int) -> None:
    """Every other member of the coop, then the committee with the PDF, each in their language."""
    coop, submitter = context.visitor.coop, context.visitor.user
    async with context.db.transaction() as session:
        members = [u for u in await coop_users(session, coop.id) if u.id != submitter.id]
        committee_ids = await federation_ids(session, FederationRoleName.COMMITTEE)
        committee = await users_by_ids(session, committee_ids)
        dossier = await member_dossier(context, session)
        snapshot = await read_snapshot(session, dossier)
        attachments = await attachments_of(session, dossier.id)
    for member in members:
        t = translator(member.language or member.telegram_language)
        text = "📤 " + e(t.gettext("{name} submitted the Quali’Coop dossier of {coop} to the validation committee. It is now read-only; you will be told of the committee's decision.").format(
            name=submitter.first_name, coop=coop.name))
        await send_safely(context, member.id, text)
    for telegram_id in committee_ids:
        user = committee.get(telegram_id)
        t = translator(user.language or user.telegram_language if user else None)
        report = build_report(t, context.referential, coop, snapshot, attachments,
                              status_label(t, dossier.status), context.now())
        content = await asyncio.to_thread(render_pdf, report)
        caption = "📥 " + e(t.gettext("New dossier submitted: {coop} (cycle {cycle}, version {version}).").format(
            coop=coop.name, cycle=dossier.cycle, version=version))
        await send_safely(context, telegram_id, caption, document=(content, pdf_file_name(report)))


async def send_safely(context: QualiContext, chat_id: int, text: str, document: tuple[bytes, str] | None = None) -> None:
    """Send, and mark a user who blocked the bot; one failure never stops the others."""
    try:
        if document is None:
            await context.bot.send_message(chat_id, text, parse_mode=ParseMode.HTML)
        else:
            await context.bot.send_document(chat_id, document[0], filename=document[1], caption=text, parse_mode=ParseMode.HTML)
    except Forbidden:
        async with context.db.transaction() as session:
            await mark_blocked(session, chat_id)
    except TelegramError as error:
        log.warning("could not notify %s of a submission: %s", chat_id, error)


def handlers() -> list:
    """Submission buttons."""
    return [button("sb", ask_submit), button("sby", confirm_submit)]
