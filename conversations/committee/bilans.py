"""The coops' bilans d'étape for the committee, beside the dossier in /comite: as text and as PDF.

« Checkpoint held » (in ``decisions``) records the committee's comment, shown with the bilan. A renewal's
list holds its earlier cycles' bilans too, by cycle: the renewal is judged on them, and once it is
submitted /comite lists the coop by it alone.
"""

from __future__ import annotations

import asyncio

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Update
from telegram.constants import ChatAction

from conversations.committee.choices import load_dossier
from conversations.render.commitments.bilans import bilan_messages, bilan_text
from conversations.render.formatting import event_name, quoted
from conversations.render.html import MESSAGE_LIMIT, bold, e, italic, units
from conversations.ui import callbacks as cb
from conversations.ui import states
from conversations.ui.common import back_button, refusal
from conversations.ui.context import QualiContext
from conversations.ui.messages import Screen, keyboard
from conversations.ui.middleware import require_committee
from conversations.ui.reports import bilan_file_name, sent_line, sent_view
from conversations.ui.router import Step, button, on_button, screen
from locales import Translator
from models.chat_state import Position
from models.dossier.reads import DossierError, NotYours
from models.label.bilans import SENT_NEWS, report_of, sent_reports
from models.label.cycles import earlier_cycle_of
from models.tables import Coop, Dossier, ProgressReport, ReportStatus


async def bilan_line(context: QualiContext, session: AsyncSession, dossier: Dossier, kind: str) -> str:
    """Before a checkpoint is recorded: whether its bilan came, or the coop is still writing it (HTML)."""
    report = await report_of(session, dossier.id, kind)
    if report is not None and report.status == ReportStatus.SENT:
        return "📝 " + e(
            context._("Checkpoint report: {sent}").format(sent=await sent_line(context.t, session, report))
        )
    if report is not None:  # recorded now, its draft is never sent: what it asks is read here
        line = "⚠️ " + e(context._("No checkpoint report received for it: the coop is writing one (a draft)."))
        if report.help_wanted:
            # whole (3,000 characters at most): the committee reads a draft nowhere else; a screen
            # grown past one message comes in several, its buttons on the last
            asked = context._("Help the draft asks for: {text}").format(
                text=quoted(context.t.language, report.help_wanted)
            )
            line += "\n" + e(asked)
        return line
    return "⚠️ " + e(context._("No checkpoint report received for it."))


async def cycles_read(session: AsyncSession, dossier: Dossier) -> list[Dossier]:
    """A dossier and the coop's cycles before it submitted to the committee, the latest first."""
    cycles = [dossier]
    while (earlier := await earlier_cycle_of(session, cycles[-1])) is not None:
        cycles.append(earlier)
    return cycles


async def bilans_to_read(session: AsyncSession, dossier: Dossier) -> list[ProgressReport]:
    """The bilans sent for a dossier and its earlier cycles, the latest first."""
    return await sent_reports(session, [cycle.id for cycle in await cycles_read(session, dossier)])


@screen(states.COMMITTEE_BILANS)
async def bilans_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """The bilans sent for a dossier, each as text or PDF; a renewal's by cycle, its earlier cycles' too."""
    _ = context._
    dossier, coop = await load_dossier(session, int(data["id"]))
    cycles = await cycles_read(session, dossier)
    lines, rows = ["📝 " + bold(_("Checkpoint reports — {coop}").format(coop=coop.name))], []
    for cycle in cycles:
        reports = await sent_reports(session, [cycle.id])
        if not reports and cycle is not dossier:  # an earlier cycle without any: nothing to read there
            continue
        lines.append("" if len(cycles) == 1 else "\n" + bold(_("Cycle {cycle}").format(cycle=cycle.cycle)))
        for report in reports:
            name = event_name(context.t, report.checkpoint_kind)
            lines.append(f"• {bold(name)} — {e(await sent_line(context.t, session, report))}")
            if len(cycles) > 1:  # two cycles' 6-month bilans: two buttons
                name = _("Cycle {cycle} · {event}").format(cycle=cycle.cycle, event=name)
            # one per row: the name whole; an earlier cycle's read comes back to this list
            listed = () if cycle is dossier else (dossier.id,)
            rows.append([(f"📄 {name}", cb.COMMITTEE_BILAN.pack(report.id, "t", *listed))])
            rows.append([(_("🖨 {name} (PDF)").format(name=name), cb.COMMITTEE_BILAN.pack(report.id, "p"))])
        if not reports:
            lines.append(italic(_("No report sent yet.")))
    return Screen(
        "\n".join(lines), keyboard(*rows, [back_button(context, cb.COMMITTEE_DOSSIER.pack(dossier.id))])
    )


async def show_bilans(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """📝 Bilans, from a dossier's screen."""
    dossier, _coop = await load_dossier(session, args[0])
    return Step(Position(states.COMMITTEE_BILANS, {"id": dossier.id}))


async def list_of(session: AsyncSession, report: ProgressReport, listed: int | None = None) -> int:
    """The dossier whose list a bilan was read from: its own, or a later cycle's (``listed``), NotYours if
    that list does not hold it."""
    if listed is None:
        return report.dossier_id
    later, _coop = await load_dossier(session, listed)
    if report.dossier_id not in {cycle.id for cycle in await cycles_read(session, later)}:
        raise NotYours(f"bilan {report.id} is not in the list of dossier {listed}")
    return listed


async def send_bilan(update: Update, context: QualiContext) -> None:
    """A bilan as messages, or as its PDF with the progress chart."""
    if not await require_committee(update, context):
        return
    query = update.callback_query
    try:
        report_id, form, *listed = cb.COMMITTEE_BILAN.unpack(query.data)
        async with context.db.transaction() as session:
            report = await session.get(ProgressReport, report_id)
            if report is None or report.sent_at is None:
                raise NotYours(f"no sent bilan {report_id}")
            dossier, coop = await load_dossier(session, report.dossier_id)
            back = await list_of(session, report, *listed)
            view = await sent_view(context.t, session, report, coop.name)
            file_name = bilan_file_name(context.t, report, dossier.cycle, coop.name)
    except (DossierError, ValueError):
        await query.answer(refusal(context, "not_yours"), show_alert=True)
        return
    await query.answer()
    if form == "t":  # at most a few messages, « typing… » first when more than one
        text = bilan_text(view)
        if units(text) > MESSAGE_LIMIT:
            await update.effective_chat.send_action(ChatAction.TYPING)
        shortened, messages = bilan_messages(view, text)
        row = [back_button(context, cb.COMMITTEE_BILANS.pack(back))]
        row += [(context._("📄 PDF"), cb.COMMITTEE_BILAN.pack(report.id, "p"))] if shortened else []
        for number, message in enumerate(messages, 1):
            markup = keyboard(row) if number == len(messages) else None
            await update.effective_chat.send_message(message, reply_markup=markup)
        return
    await update.effective_chat.send_action(ChatAction.UPLOAD_DOCUMENT)
    from conversations.render.commitments.bilan_pdf import bilan_pdf  # reportlab loads on the first PDF

    content = await asyncio.to_thread(bilan_pdf, view)
    await update.effective_chat.send_document(content, filename=file_name)


async def render_sent(t: Translator, session: AsyncSession, data: dict, services) -> tuple:
    """The outbox's news for the committee: a coop sent its bilan."""
    report = await session.get(ProgressReport, data["report_id"])
    dossier = await session.get(Dossier, report.dossier_id)
    coop = await session.get(Coop, dossier.coop_id)
    news = t.gettext("{coop} sent its checkpoint report ({event}).").format(
        coop=coop.name, event=event_name(t, report.checkpoint_kind)
    )
    markup = keyboard([(t.gettext("📝 Read the report"), cb.COMMITTEE_BILANS.pack(dossier.id))])
    return "📝 " + e(news), markup, None


NOTICES = {SENT_NEWS: render_sent}


def handlers() -> list:
    """The committee's bilan buttons."""
    return [
        button(cb.COMMITTEE_BILANS, show_bilans, require_committee),
        on_button(cb.COMMITTEE_BILAN, send_bilan),
    ]
