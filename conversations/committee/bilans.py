"""The coops' bilans d'étape for the committee, beside the dossier in /comite: as text and as PDF.

« Checkpoint held » (in ``decisions``) records the committee's comment, shown with the bilan.
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
from conversations.ui.reports import sent_line, sent_view
from conversations.ui.router import Step, button, on_button, screen
from locales import Translator
from models.chat_state import Position
from models.dossier.reads import DossierError, NotYours
from models.label.bilans import SENT_NEWS, report_of, sent_reports
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


@screen(states.COMMITTEE_BILANS)
async def bilans_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """The bilans sent for a dossier, each as text or PDF."""
    _ = context._
    dossier, coop = await load_dossier(session, int(data["id"]))
    reports = await sent_reports(session, [dossier.id])
    lines, rows = ["📝 " + bold(_("Checkpoint reports — {coop}").format(coop=coop.name)), ""], []
    for report in reports:
        name = event_name(context.t, report.checkpoint_kind)
        lines.append(f"• {bold(name)} — {e(await sent_line(context.t, session, report))}")
        rows.append([(f"📄 {name}", cb.COMMITTEE_BILAN.pack(report.id, "t"))])  # one per row: the name whole
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


async def send_bilan(update: Update, context: QualiContext) -> None:
    """A bilan as messages, or as its PDF with the progress chart."""
    if not await require_committee(update, context):
        return
    query = update.callback_query
    try:
        report_id, form = cb.COMMITTEE_BILAN.unpack(query.data)
        async with context.db.transaction() as session:
            report = await session.get(ProgressReport, report_id)
            if report is None or report.sent_at is None:
                raise NotYours(f"no sent bilan {report_id}")
            _dossier, coop = await load_dossier(session, report.dossier_id)
            view = await sent_view(context.t, session, report, coop.name)
    except (DossierError, ValueError):
        await query.answer(refusal(context, "not_yours"), show_alert=True)
        return
    await query.answer()
    if form == "t":  # at most a few messages, « typing… » first when more than one
        text = bilan_text(view)
        if units(text) > MESSAGE_LIMIT:
            await update.effective_chat.send_action(ChatAction.TYPING)
        shortened, messages = bilan_messages(view, text)
        row = [back_button(context, cb.COMMITTEE_BILANS.pack(report.dossier_id))]
        row += [(context._("📄 PDF"), cb.COMMITTEE_BILAN.pack(report.id, "p"))] if shortened else []
        for number, message in enumerate(messages, 1):
            markup = keyboard(row) if number == len(messages) else None
            await update.effective_chat.send_message(message, reply_markup=markup)
        return
    await update.effective_chat.send_action(ChatAction.UPLOAD_DOCUMENT)
    from conversations.render.commitments.bilan_pdf import bilan_pdf  # reportlab loads on the first PDF

    content = await asyncio.to_thread(bilan_pdf, view)
    await update.effective_chat.send_document(content, filename=f"{view.labels['title']} - {view.coop}.pdf")


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
