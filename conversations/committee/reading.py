"""How the committee reads in messages: a dossier's « 📄 Review », an earlier cycle's results, within
``READ_MESSAGES``, « typing… » first when more than one; beyond, shortened as the coop's /recap is
(``review.SHAPES``), with « 📄 PDF » beside « ⬅️ Back », the PDF being where everything is whole.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from telegram import Update
from telegram.constants import ChatAction

from conversations.render.html import MESSAGE_LIMIT, e
from conversations.render.report import DossierReport
from conversations.render.review import (
    READ_MESSAGES,
    WHOLE,
    Shape,
    consultations,
    longer_than,
    review_sections,
    shaped_messages,
)
from conversations.ui.common import back_button
from conversations.ui.context import QualiContext
from conversations.ui.messages import keyboard
from locales import N_

# the committee's review of a long dossier says so as the coop's /recap does, but its reader has no
# /dossier nor /pdf: everything is whole in the dossier's PDF, its button below
REVIEW_NOTES = (
    N_(
        "✂️ A long dossier: to fit in a few messages, its long texts are shortened here (…). Each one is "
        "whole in its PDF (“📄 PDF”, below)."
    ),
    N_(
        "✂️ A very long dossier: to fit in a few messages, its long texts are shortened here (…), and each "
        "indicator is shown with the number of its actions. Everything is whole in its PDF (“📄 PDF”, below)."
    ),
    N_(
        "✂️ A very long dossier: to fit in a few messages, its long texts are shortened here (…), and each "
        "indicator is shown without why it illustrates the Raison d’être and with the number of its actions. "
        "Everything is whole in its PDF (“📄 PDF”, below)."
    ),
)


def review_of(
    context: QualiContext, report: DossierReport, evidence: list[str]
) -> Callable[[Shape], list[str]]:
    """The committee's « 📄 Review » of a dossier in a shape (``review_sections``, made whole once): a
    shortened one lists the gaps and consultations its shape lists, the others counted and said to be in
    the PDF (the coop's lines point at /dossier and /pdf, which the committee has not)."""
    whole = review_sections(report, evidence)

    def listing(reported: DossierReport, shape: Shape) -> str:
        shown = reported.consultations[: shape.listed]
        section = consultations(replace(reported, consultations=shown), shape)
        if more := len(reported.consultations) - len(shown):
            said = context.t.ngettext(
                "… and {n} more consultation: with its results in the PDF (“📄 PDF”, below).",
                "… and {n} more consultations: with their results in the PDF (“📄 PDF”, below).",
                more,
            )
            section += "\n" + e(said.format(n=more))
        return section

    def sections_of(shape: Shape) -> list[str]:
        if shape is WHOLE:
            return whole
        gaps = report.gaps[: shape.listed]
        sections = review_sections(replace(report, gaps=gaps), evidence, shape, listing)
        if more := len(report.gaps) - len(gaps):
            said = context.t.ngettext(
                "… and {n} more: in the PDF (“📄 PDF”, below).",
                "… and {n} more: each one in the PDF (“📄 PDF”, below).",
                more,
            )
            sections[-1] += "\n" + e(said.format(n=more))
        return sections

    return sections_of


async def send_read(
    update: Update,
    context: QualiContext,
    sections_of: Callable[[Shape], list[str]],
    notes,
    back,
    pdf,
    above: tuple = (),
) -> None:
    """A reading in at most ``READ_MESSAGES`` messages, « typing… » first when more than one: whole when
    it fits, else shortened (``notes`` say how, by shape); ⬅️ (``back``) on the last, and 📄 PDF (``pdf``),
    where everything is whole, when shortened; rows of buttons ``above`` them."""
    if longer_than(sections_of(WHOLE), MESSAGE_LIMIT):
        await update.effective_chat.send_action(ChatAction.TYPING)
    shape, messages = shaped_messages(context.t.language, sections_of, notes, READ_MESSAGES)
    row = [back_button(context, back)]
    row += [(context._("📄 PDF"), pdf)] if shape is not WHOLE else []
    for number, message in enumerate(messages, 1):
        markup = keyboard(*above, row) if number == len(messages) else None
        await update.effective_chat.send_message(message, reply_markup=markup)
