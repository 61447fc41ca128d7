"""/recap: the whole dossier as readable messages, and /pdf: the same as a PDF document."""

from __future__ import annotations

import asyncio

from telegram import Update
from telegram.constants import ChatAction
from telegram.ext import CommandHandler

from conversations.render.formatting import filled_in
from conversations.render.html import e
from conversations.render.pdf import render_pdf
from conversations.render.report import pdf_file_name
from conversations.render.review import review_text
from conversations.ui import callbacks as cb
from conversations.ui.common import home_button
from conversations.ui.context import QualiContext
from conversations.ui.menus import send_menu
from conversations.ui.messages import keyboard
from conversations.ui.middleware import require_member
from conversations.ui.reports import dossier_report, evidence_sections
from conversations.ui.router import on_button
from models.dossier.current import current_dossier
from models.dossier.reads import EDITABLE, read_snapshot
from models.dossier.rules import completion_percent
from models.tables import DossierStatus


async def show_review(update: Update, context: QualiContext) -> None:
    """/recap and 📄 Review: the whole dossier, then a button to edit each part."""
    if not await require_member(update, context):
        return
    if update.callback_query is not None:
        await update.callback_query.answer()
    _ = context._
    async with context.db.transaction() as session:
        report = await dossier_report(context, session, context.visitor.coop)
        evidence = await evidence_sections(context, session, context.visitor.coop)
        dossier = await current_dossier(session, context.coop_id)
        percent = completion_percent(context.referential, await read_snapshot(session, dossier))
    rows = []
    if dossier.status in EDITABLE:
        rows += [
            [(f"✏️ {_('Axis {axis}').format(axis=a.code)}", cb.AXIS.pack(a.code)) for a in report.axes],
            [
                (_("✏️ Indicators"), cb.OVERVIEW.pack()),
                (_("✏️ Approach"), cb.INVOLVEMENT.pack()),
                (_("✏️ Documents"), cb.DOCUMENTS.pack()),
            ],
        ]
        if dossier.status == DossierStatus.READY and context.visitor.is_direction:  # as on the home
            rows.append([(_("📤 Submit to the committee"), cb.SUBMIT.pack(dossier.id))])
    rows.append([(_("📄 PDF"), cb.PDF.pack()), home_button(context)])
    title, rest = review_text(report, evidence).split("\n\n", 1)  # the percentage under the title and status
    text = f"{title}\n{e(filled_in(context.t, percent))}\n\n{rest}"
    await send_menu(update, context, text, keyboard(*rows))


async def send_pdf(update: Update, context: QualiContext) -> None:
    """/pdf and 📄 PDF: the dossier as a PDF document."""
    if not await require_member(update, context):
        return
    if update.callback_query is not None:
        await update.callback_query.answer()
    await update.effective_chat.send_action(ChatAction.UPLOAD_DOCUMENT)
    async with context.db.transaction() as session:
        report = await dossier_report(context, session, context.visitor.coop, with_letter=True)
    content = await asyncio.to_thread(render_pdf, report)  # keeps the bot answering others meanwhile
    await update.effective_chat.send_document(content, filename=pdf_file_name(report))


def handlers() -> list:
    """Review and PDF."""
    return [
        CommandHandler("recap", show_review),
        CommandHandler("pdf", send_pdf),
        on_button(cb.REVIEW, show_review),
        on_button(cb.PDF, send_pdf),
    ]
