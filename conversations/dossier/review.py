"""/recap: the whole dossier as readable messages, and /pdf: the same as a PDF document.

The recap's buttons come on a short message of their own after it: a ✏️ turns that message into the
screen it opens, and the recap stays whole in the chat above. A dossier too long for a few messages
(``render.review.REVIEW_MESSAGES``) is read with its long texts shortened, « typing… » first.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import replace

from telegram import InlineKeyboardMarkup, Update
from telegram.constants import ChatAction
from telegram.ext import CommandHandler

from conversations.dossier.submission import may_submit
from conversations.render.formatting import filled_in, quoted
from conversations.render.gaps import gap_texts
from conversations.render.html import MESSAGE_LIMIT, bold, e, shown_length
from conversations.render.pdf import render_pdf
from conversations.render.report import DossierReport, pdf_file_name
from conversations.render.review import WHOLE, Shape, longer_than, review_messages, review_sections
from conversations.ui import callbacks as cb
from conversations.ui.common import home_button
from conversations.ui.context import QualiContext
from conversations.ui.menus import send_menu
from conversations.ui.messages import keyboard, reply
from conversations.ui.middleware import require_member
from conversations.ui.reports import dossier_report, evidence_sections
from conversations.ui.router import on_button
from models.dossier.current import current_dossier
from models.dossier.reads import EDITABLE, DossierSnapshot, read_snapshot
from models.dossier.rules import Gap, completion_percent, dossier_gaps
from models.label.committee import last_decision_comment
from models.tables import DossierStatus


async def show_review(update: Update, context: QualiContext) -> None:
    """/recap and 📄 Review: the whole dossier, then a short message with a button to edit each part."""
    if not await require_member(update, context):
        return
    if update.callback_query is not None:
        await update.callback_query.answer()
    async with context.db.transaction() as session:
        report = await dossier_report(context, session, context.visitor.coop)
        evidence = await evidence_sections(context, session, context.visitor.coop)
        dossier = await current_dossier(session, context.coop_id)
        snapshot = await read_snapshot(session, dossier)
        percent = completion_percent(context.referential, snapshot)
        gaps = dossier_gaps(context.referential, snapshot)
        submit = may_submit(context, dossier, complete=not gaps)
        asked = None
        if dossier.status == DossierStatus.INFO_REQUESTED:  # what to complete, first (as on the home)
            asked = await last_decision_comment(session, dossier.id, "request_info") or "—"
    sections_of = sections_in(context, report, evidence, percent, asked, (snapshot, gaps))
    if longer_than(sections_of(WHOLE), MESSAGE_LIMIT):  # more than one message: « typing… » meanwhile
        await update.effective_chat.send_action(ChatAction.TYPING)
    for message in review_messages(report, sections_of):
        if shown_length(message) <= MESSAGE_LIMIT:  # each within Telegram's limit (parsed HTML)
            await update.effective_chat.send_message(message)
        else:  # one word longer than a message: cut inside it, never inside an HTML entity
            await reply(update, message)
    await send_menu(update, context, *review_menu(context, report, dossier, submit))


def sections_in(
    context: QualiContext,
    report: DossierReport,
    evidence: list[str],
    percent: int,
    asked: str | None,
    gaps: tuple[DossierSnapshot, list[Gap]],
) -> Callable[[Shape], list[str]]:
    """The review's sections in each shape: the dossier's, how much of it is filled under its title, and
    what the committee asked for first when it asked for more (as on the home). The whole review is
    made once; a shortened one names the gaps as the chat's own screen does (titles shortened)."""
    whole = review_sections_of(context, report, evidence, percent, asked, WHOLE)
    shortened: list[DossierReport] = []

    def sections_of(shape: Shape) -> list[str]:
        if shape is WHOLE:
            return whole
        if not shortened:
            snapshot, found = gaps
            named = tuple(gap_texts(context.t, snapshot, found, context.referential))
            shortened.append(replace(report, gaps=named))
        return review_sections_of(context, shortened[0], evidence, percent, asked, shape)

    return sections_of


def review_sections_of(
    context: QualiContext,
    report: DossierReport,
    evidence: list[str],
    percent: int,
    asked: str | None,
    shape: Shape,
) -> list[str]:
    """The sections of the report in a shape, with what the dossier review adds."""
    sections = review_sections(report, evidence, shape)
    sections[0] += "\n" + e(filled_in(context.t, percent))  # under the title and status
    if asked is not None:
        said = bold(context._("The validation committee asks for more information:"))
        sections.insert(1, f"📝 {said}\n{e(quoted(context.t.language, shape.cut(asked, shape.long)))}")
    return sections


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
