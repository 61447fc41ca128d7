"""/recap: the whole dossier as readable messages, and /pdf: the same as a PDF document."""

from __future__ import annotations

import asyncio

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Update
from telegram.constants import ChatAction
from telegram.ext import CallbackQueryHandler, CommandHandler

from conversations.render.formatting import status_label
from conversations.render.html import e
from conversations.render.pdf import render_pdf
from conversations.render.report import DossierReport, build_report, pdf_file_name
from conversations.ui.context import QualiContext
from conversations.ui.messages import keyboard, reply
from conversations.ui.middleware import require_member
from models.coops import current_dossier
from models.dossier.attachments import attachments_of
from models.dossier.reads import EDITABLE, read_snapshot
from models.tables import Coop


async def dossier_report(context: QualiContext, session: AsyncSession, coop: Coop) -> DossierReport:
    """The current dossier of a coop as a report in the visitor's language."""
    dossier = await current_dossier(session, coop.id)
    snapshot = await read_snapshot(session, dossier)
    attachments = await attachments_of(session, dossier.id)
    status = status_label(context.t, dossier.status)
    return build_report(context.t, context.referential, coop, snapshot, attachments, status, context.now())


def review_text(report: DossierReport) -> str:
    """The report as HTML sections separated by blank lines (where long reviews are split)."""
    labels = report.labels
    sections = [
        f"📄 <b>{e(labels['title'])} — {e(report.coop_name)}</b>\n"
        f"{e(labels['cycle'])} {report.cycle} · {e(report.status)}"
    ]
    for axis in report.axes:
        sections.append(
            f"<b>{e(labels['axis'])} {axis.code} — {e(axis.title)}</b> ({axis.chosen}/{axis.available})"
        )
        for engagement in axis.engagements:
            lines = [
                f"<b>{engagement.code}. {e(engagement.title)}</b>{'*' if engagement.provisional else ''}"
            ]
            for indicator in engagement.indicators:
                lines.append(f"📈 <b>{e(indicator.title)}</b>")
                lines.append(f"   {e(labels['rationale'])} : {e(indicator.rationale)}")
                lines.append(
                    f"   {e(indicator.current)} → {e(indicator.target)} · {e(labels['target_date'])} : {e(indicator.target_date)}"
                )
                for action in indicator.actions:
                    lines.append(f"   • {e(action.description)} — {e(action.owner)} — {e(action.due)}")
                if not indicator.actions:
                    lines.append(f"   ⚠️ {e(labels['no_action'])}")
            if not engagement.indicators:
                lines.append(f"⚠️ {e(labels['no_indicator'])}")
            sections.append("\n".join(lines))
    involvement = [f"👥 <b>{e(labels['involvement'])}</b>"]
    involvement += [f"<b>{e(question)}</b>\n{e(answer)}" for question, answer in report.involvement]
    sections.append("\n".join(involvement))
    documents = [f"📎 <b>{e(labels['documents'])}</b>"]
    documents += [
        f"• {e(a.kind)} : « {e(a.label)} » ({e(a.file_name)}, {e(a.size)})" for a in report.attachments
    ]
    if not report.attachments:
        documents.append(e(labels["no_documents"]))
    sections.append("\n".join(documents))
    if report.gaps:
        sections.append(
            f"⚠️ <b>{e(labels['missing'])}</b>\n" + "\n".join(f"• {e(gap)}" for gap in report.gaps)
        )
    else:
        sections.append("✅ " + e(labels["complete"]))
    return "\n\n".join(sections)


async def show_review(update: Update, context: QualiContext) -> None:
    """/recap and 📄 Review: the whole dossier, then a button to edit each part."""
    if not await require_member(update, context):
        return
    if update.callback_query is not None:
        await update.callback_query.answer()
    _ = context._
    async with context.db.transaction() as session:
        report = await dossier_report(context, session, context.visitor.coop)
        dossier = await current_dossier(session, context.visitor.coop.id)
    rows = []
    if dossier.status in EDITABLE:
        rows += [
            [(f"✏️ {_('Axis {axis}').format(axis=a.code)}", f"ax:{a.code}") for a in report.axes],
            [(_("✏️ Indicators"), "ov"), (_("✏️ Approach"), "iv"), (_("✏️ Documents"), "docs")],
        ]
        rows.append([(_("📤 Submit to the committee"), f"sb:{dossier.id}")])
    rows.append([(_("📄 PDF"), "pdf"), (_("🏠 My dossier"), "home")])
    await reply(update, review_text(report), keyboard(*rows))


async def send_pdf(update: Update, context: QualiContext) -> None:
    """/pdf and 📄 PDF: the dossier as a PDF document."""
    if not await require_member(update, context):
        return
    if update.callback_query is not None:
        await update.callback_query.answer()
    await update.effective_chat.send_action(ChatAction.UPLOAD_DOCUMENT)
    async with context.db.transaction() as session:
        report = await dossier_report(context, session, context.visitor.coop)
    content = await asyncio.to_thread(render_pdf, report)  # keeps the bot answering others meanwhile
    await update.effective_chat.send_document(content, filename=pdf_file_name(report))


def handlers() -> list:
    """Review and PDF."""
    return [
        CommandHandler("recap", show_review),
        CommandHandler("pdf", send_pdf),
        CallbackQueryHandler(show_review, pattern="^rv$"),
        CallbackQueryHandler(send_pdf, pattern="^pdf$"),
    ]
