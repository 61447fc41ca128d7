"""/recap: the whole dossier as readable messages, and /pdf: the same as a PDF document.

The recap's buttons come on a short message of their own after it: a ✏️ turns that message into the
screen it opens, and the recap stays whole in the chat above.
"""

from __future__ import annotations

import asyncio

from telegram import InlineKeyboardMarkup, Update
from telegram.constants import ChatAction
from telegram.ext import CommandHandler

from conversations.dossier.submission import may_submit
from conversations.render.formatting import filled_in, quoted
from conversations.render.html import bold, e
from conversations.render.pdf import render_pdf
from conversations.render.report import pdf_file_name
from conversations.render.review import MESSAGE_LIMIT, in_messages, review_sections, shown_length
from conversations.ui import callbacks as cb
from conversations.ui.common import home_button
from conversations.ui.context import QualiContext
from conversations.ui.menus import send_menu
from conversations.ui.messages import keyboard, reply
from conversations.ui.middleware import require_member
from conversations.ui.reports import dossier_report, evidence_sections
from conversations.ui.router import on_button
from models.dossier.current import current_dossier
from models.dossier.reads import EDITABLE, read_snapshot
from models.dossier.rules import completion_percent, dossier_gaps
from models.label.committee import last_decision_comment
from models.tables import DossierStatus


async def show_review(update: Update, context: QualiContext) -> None:
    """/recap and 📄 Review: the whole dossier, then a short message with a button to edit each part."""
    if not await require_member(update, context):
        return
    if update.callback_query is not None:
        await update.callback_query.answer()
    _ = context._
    async with context.db.transaction() as session:
        report = await dossier_report(context, session, context.visitor.coop)
        evidence = await evidence_sections(context, session, context.visitor.coop)
        dossier = await current_dossier(session, context.coop_id)
        snapshot = await read_snapshot(session, dossier)
        percent = completion_percent(context.referential, snapshot)
        submit = may_submit(context, dossier, complete=not dossier_gaps(context.referential, snapshot))
        asked = None
        if dossier.status == DossierStatus.INFO_REQUESTED:  # what to complete, first (as on the home)
            asked = await last_decision_comment(session, dossier.id, "request_info") or "—"
    sections = review_sections(report, evidence)
    sections[0] += "\n" + e(filled_in(context.t, percent))  # under the title and status
    if asked is not None:
        said = bold(_("The validation committee asks for more information:"))
        sections.insert(1, f"📝 {said}\n{e(quoted(context.t.language, asked))}")
    for message in in_messages(sections):  # each within Telegram's limit as it counts it (parsed HTML)
        if shown_length(message) <= MESSAGE_LIMIT:
            await update.effective_chat.send_message(message)
        else:  # one word longer than a message: cut inside it, never inside an HTML entity
            await reply(update, message)
    await send_menu(update, context, *review_menu(context, report, dossier, submit))


def review_menu(context: QualiContext, report, dossier, submit: bool) -> tuple[str, InlineKeyboardMarkup]:
    """The recap's own last message: a ✏️ per part while the dossier is editable, the PDF, home."""
    _ = context._
    rows = []
    if dossier.status in EDITABLE:
        rows += [
            [("✏️ " + _("Axis {axis}").format(axis=a.code), cb.AXIS.pack(a.code, 1)) for a in report.axes],
            [  # each opens its screen with « ⬅️ Back to the recap » (the flag 1)
                (_("✏️ Indicators"), cb.OVERVIEW.pack(1)),
                (_("✏️ Approach"), cb.INVOLVEMENT.pack(1)),
                (_("✏️ Documents"), cb.DOCUMENTS.pack(1)),
            ],
        ]
        if submit:  # as on the home
            rows.append([(_("📤 Submit to the committee"), cb.SUBMIT.pack(dossier.id))])
    rows.append([(_("📄 PDF"), cb.PDF.pack()), home_button(context)])
    if dossier.status in EDITABLE:
        text = "✏️ " + e(_("Change a part of the dossier, or get it as a PDF:"))
    else:
        text = "📄 " + e(_("Get the dossier as a PDF, or go back to its home:"))
    return text, keyboard(*rows)


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
