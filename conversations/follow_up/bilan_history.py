"""The coop's sent bilans d'étape, with the committee's comment once the checkpoint was held; readable
while no dossier is followed too: a later cycle not admissible yet, or a label not granted after the visit.
Also what a checkpoint's reminder says of its bilan (``bilan_lines``, for ``calendar.reminder_message``)."""

from __future__ import annotations

import asyncio

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Update
from telegram.constants import ChatAction

from conversations.follow_up.progress import not_followed
from conversations.render.commitments.bilans import LABELS, bilan_messages, bilan_text
from conversations.render.commitments.words import colon
from conversations.render.formatting import event_name, quoted
from conversations.render.html import MESSAGE_LIMIT, bold, e, italic, units
from conversations.render.notifications import named
from conversations.ui import callbacks as cb
from conversations.ui import states
from conversations.ui.common import back_button, home_button, refusal
from conversations.ui.context import QualiContext
from conversations.ui.messages import Screen, keyboard, reply
from conversations.ui.middleware import require_member
from conversations.ui.reports import bilan_file_name, sent_view
from conversations.ui.router import Step, button, on_button, screen
from locales import N_, Translator
from models.chat_state import Position
from models.clock import paris_today
from models.coops import coop_users
from models.dossier.current import current_dossier
from models.dossier.reads import DossierError, NotYours
from models.label.bilans import (
    bilans_readable,
    coop_cycles,
    coop_dossier_ids,
    held_checkpoint,
    next_checkpoint,
    sent_reports,
    unsent_drafts,
)
from models.label.reminders import Reminder
from models.outbox import enqueue
from models.tables import Dossier, DossierStatus, ProgressReport

TEAM_NEWS = "bilan_sent_team"  # the outbox's kind of the news to the sender's colleagues that it was sent
# worded by the reader's role, as the /bilan screen is: the direction sends the bilan, the others prepare it
# (``DIRECTION_SENDS`` after it; a coop without a direction: nobody can send it, said apart)
BILAN_TO_PREPARE = N_(
    "Prepare your checkpoint report: the latest value of each indicator, the state of each action, the "
    "difficulties met and the help you would like."
)
DIRECTION_SENDS = N_("Your direction sends it to the committee.")
BILAN_INVITATION_DIRECTION = N_(
    "Prepare your checkpoint report with your team: the latest value of each indicator, the state of "
    "each action, the difficulties met and the help you would like. You, the direction, send it to the "
    "committee."
)
# a coop without a direction: nobody can send the bilan (as the refused home says of a new candidacy)
NO_DIRECTION_TO_SEND = N_(
    "Only a direction can send the report, and nobody from your coop’s direction is in the assistant any "
    "more: ask the federation for a direction invitation with /federation."
)
# the 12-month checkpoint's reminder while the 6-month bilan is still expected: that one is due first
EARLIER_BILAN_FIRST = N_(
    "Your 6-month checkpoint report has not been sent yet: it comes first, and “📝 Prepare the report” "
    "opens it. The 12-month one follows."
)


def history_row(context: QualiContext) -> list:
    """📚 Previous reports, and home."""
    return [(context._("📚 Previous reports"), cb.BILAN_HISTORY.pack()), home_button(context)]


async def earlier_cycles_screen(context: QualiContext, session: AsyncSession, dossier: Dossier) -> Screen:
    """A dossier not followed: a later cycle not admissible yet (its bilans come later, the earlier cycles'
    stay readable: a renewal shows that cycle 1's results are maintained), or a label not granted (the
    bilans sent stay readable, never prepared again); NotFollowed when there are none."""
    if not await bilans_readable(session, context.coop_id, dossier.id):
        raise not_followed(dossier)
    _ = context._
    said = (
        _("The checkpoint reports sent, with the committee’s comments, stay readable here.")
        if dossier.status == DossierStatus.REFUSED
        else _(
            "This cycle’s checkpoint reports start once the validation committee declares the dossier "
            "admissible. Those of earlier cycles, with the committee’s comments, stay readable here."
        )
    )
    return Screen("📝 " + bold(_("Checkpoint reports")) + "\n\n" + e(said), keyboard(history_row(context)))


@screen(states.BILAN_HISTORY)
async def history_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """Every sent bilan: its checkpoint, when it was sent, the committee's comment."""
    _ = context._
    t = context.t
    cycles = await coop_cycles(session, context.coop_id)
    reports = await sent_reports(session, list(cycles))
    lines, rows = ["📚 " + bold(_("Our checkpoint reports")), ""], []
    for number, report in enumerate(reports, start=1):  # numbered: two cycles' 6-month bilans stay two
        held = await held_checkpoint(session, report)
        sent = _("sent on {date}").format(date=t.format_date(paris_today(report.sent_at)))
        if len(set(cycles.values())) > 1:  # a renewal: which cycle's results each one shows
            sent += " · " + _("cycle {n}").format(n=cycles[report.dossier_id])
        lines.append(f"{number}. {bold(event_name(t, report.checkpoint_kind))} — {e(sent)}")
        if held is not None and held.held_on is not None:
            comment = _("held on {date}").format(date=t.format_date(held.held_on))
            notes = colon(t.language) + quoted(t.language, held.notes) if held.notes else ""
            lines.append("   🏛 " + e(comment + notes))
        rows.append(
            [
                (f"📖 {number}. " + _("Read"), cb.BILAN_READ.pack(report.id)),  # short, two per row
                (f"📄 {number}. PDF", cb.BILAN_PDF.pack(report.id)),
            ]
        )
    if not reports:
        lines.append(italic(_("No report sent yet.")))
    for number, report in enumerate(await _forgotten(context, session), start=len(reports) + 1):
        never = _("draft never sent")
        lines.append(f"{number}. {bold(event_name(t, report.checkpoint_kind))} — {e(never)}")
        rows.append([(f"📖 {number}. " + _("Read"), cb.BILAN_READ.pack(report.id))])
    return Screen(
        "\n".join(lines), keyboard(*rows, [back_button(context, cb.BILAN.pack()), home_button(context)])
    )


async def _forgotten(context: QualiContext, session: AsyncSession) -> list[ProgressReport]:
    """The drafts /bilan no longer opens (their checkpoint held meanwhile), with a text written."""
    dossier = await current_dossier(session, context.coop_id)
    due = await next_checkpoint(session, dossier) if dossier is not None else None
    current = (dossier.id, due.kind) if due is not None else None
    return await unsent_drafts(session, await coop_dossier_ids(session, context.coop_id), current)


def draft_text(context: QualiContext, report: ProgressReport) -> str:
    """A draft never sent: its two texts whole."""
    _ = context._
    event = event_name(context.t, report.checkpoint_kind)
    lines = ["📝 " + bold(_("{event} — draft never sent").format(event=event))]
    lines += [italic(_("Written by the coop; the committee never received it.")), ""]
    lines += ["⚠️ " + bold(_(LABELS["difficulties"])), e(report.difficulties or "—"), ""]
    lines += ["🤝 " + bold(_(LABELS["help"])), e(report.help_wanted or "—")]
    return "\n".join(lines)


async def show_history(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """📚 Previous bilans."""
    return Step(Position(states.BILAN_HISTORY))


async def report_of_coop(
    session: AsyncSession, report_id: int, coop_id: int, drafts: bool = False
) -> ProgressReport:
    """A sent bilan of one of the coop's dossiers (or a draft, to read its texts)."""
    report = await session.get(ProgressReport, report_id)
    if (
        report is None
        or not (report.sent_at or drafts)
        or report.dossier_id not in await coop_dossier_ids(session, coop_id)
    ):
        raise NotYours(f"bilan {report_id} is not coop {coop_id}'s")
    return report


async def send_bilan(update: Update, context: QualiContext) -> None:
    """📄 Read (the bilan as messages) or 📄 PDF (with the progress chart)."""
    if not await require_member(update, context):
        return
    query = update.callback_query
    try:
        callback = cb.BILAN_PDF if query.data.startswith(cb.BILAN_PDF.prefix + ":") else cb.BILAN_READ
        (report_id,) = callback.unpack(query.data)
        async with context.db.transaction() as session:
            report = await report_of_coop(session, report_id, context.coop_id, callback is cb.BILAN_READ)
            draft, coop = report.sent_at is None, context.visitor.coop.name
            view = None if draft else await sent_view(context.t, session, report, coop)
            cycle = (await session.get(Dossier, report.dossier_id)).cycle
    except (DossierError, ValueError):
        await query.answer(refusal(context, "not_yours"), show_alert=True)
        return
    await query.answer()
    if draft:
        back = keyboard([back_button(context, cb.BILAN_HISTORY.pack())])
        await reply(update, draft_text(context, report), back)
        return
    if callback is cb.BILAN_READ:  # at most a few messages, « typing… » first when more than one
        text = bilan_text(view)
        if units(text) > MESSAGE_LIMIT:
            await update.effective_chat.send_action(ChatAction.TYPING)
        shortened, messages = bilan_messages(view, text)
        row = [back_button(context, cb.BILAN_HISTORY.pack())]
        row += [(context._("📄 PDF"), cb.BILAN_PDF.pack(report.id))] if shortened else []  # it is whole there
        for number, message in enumerate(messages, 1):
            markup = keyboard(row) if number == len(messages) else None
            await update.effective_chat.send_message(message, reply_markup=markup)
        return
    await update.effective_chat.send_action(ChatAction.UPLOAD_DOCUMENT)
    from conversations.render.commitments.bilan_pdf import bilan_pdf  # reportlab loads on the first PDF

    content = await asyncio.to_thread(bilan_pdf, view)
    name = bilan_file_name(context.t, report, cycle, coop)
    await update.effective_chat.send_document(content, filename=name)


async def tell_the_team(context: QualiContext, session: AsyncSession, report: ProgressReport) -> None:
    """The sender's colleagues told the bilan was sent (none works on it any more), through the outbox,
    in this transaction."""
    me, coop = context.visitor.user, context.visitor.coop
    colleagues = [u.id for u in await coop_users(session, coop.id) if u.id != me.id]
    news = {"report_id": report.id, "kind": report.checkpoint_kind, "coop": coop.name}
    news |= {"name": me.first_name, "by": me.id}  # "by": for erasure
    await enqueue(session, colleagues, TEAM_NEWS, news, now=context.now())


async def render_sent_to_team(t: Translator, session: AsyncSession, data: dict, services) -> tuple:
    """The news of a bilan sent, for the sender's colleagues, with the button to read it."""
    said = (
        t.gettext("{name} sent the 12-month report to the validation committee.")
        if data["kind"] == "twelve_months"
        else t.gettext("{name} sent the 6-month report to the validation committee.")
    )
    read = keyboard([(t.gettext("📄 Read"), cb.BILAN_READ.pack(data["report_id"]))])
    return "📤 " + e(said.format(name=named(t, data))), read, None


NOTICES = {TEAM_NEWS: render_sent_to_team}


def handlers() -> list:
    """The history and a bilan's text or PDF."""
    return [
        button(cb.BILAN_HISTORY, show_history),
        on_button(cb.BILAN_READ, send_bilan),
        on_button(cb.BILAN_PDF, send_bilan),
    ]


def bilan_lines(t: Translator, reminder: Reminder) -> list[str]:
    """A checkpoint's reminder inviting to prepare its bilan, by the reader's role; the earlier bilan first
    while still expected (/bilan opens it); in a coop without a direction, that nobody can send it."""
    if reminder.earlier_bilan:
        said = t.gettext(EARLIER_BILAN_FIRST)
    elif reminder.direction:
        said = t.gettext(BILAN_INVITATION_DIRECTION)
    else:  # who sends it: the direction, or nobody until one joins (said below)
        said = t.gettext(BILAN_TO_PREPARE) + ("" if reminder.headless else " " + t.gettext(DIRECTION_SENDS))
    lines = ["📝 " + e(said)]
    return lines + (["ℹ️ " + e(t.gettext(NO_DIRECTION_TO_SEND))] if reminder.headless else [])
