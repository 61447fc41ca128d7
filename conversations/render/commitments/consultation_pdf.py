"""The consultations as PDF flowables: the evidence the dossier's PDF appends to its involvement part.

``consultation_story`` is what the dossier PDF (``render/pdf``) should add after « Approach and
involvement »; ``evidence_pdf`` renders the same alone.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph

from conversations.render.commitments.consultations import ConsultationView, votes_text
from conversations.render.commitments.pdf_pieces import (
    BODY,
    H1,
    H2,
    WIDTH,
    build,
    ensure_fonts,
    para,
    picture,
    table,
)
from conversations.render.commitments.votes_chart import votes_chart
from conversations.render.commitments.words import colon
from conversations.render.formatting import quoted
from conversations.render.pdf.typography import printing_in


def consultation_flowables(view: ConsultationView) -> list[Flowable]:
    """One consultation: its question, dates and audience, the summary table (the note on provisional titles
    under it), the chart, the comments.
    While its results are hidden (still open, or fewer than 3 answers: the view has no choice then), its
    participation alone, which says why, as in the chat: no table without a row, no chart without a bar."""
    labels = view.labels
    story: list[Flowable] = [
        para(labels["question"] + colon(view.language) + quoted(view.language, view.question), H2),
        para(f"{view.when} · {view.audience}"),
        para(view.participation),
    ]
    if not view.choices:  # ``consultations.hidden_because``: the participation names the reason
        return story
    story += [
        table(
            [labels["choice"], labels["votes"], labels["share"]],
            [[label, votes_text(view, votes), share] for label, votes, share in view.choices],
            [WIDTH - 50 * mm, 20 * mm, 30 * mm],
        ),
        *([para(view.note)] if view.note else []),  # what the stars of provisional titles mean, right there
        picture(votes_chart(view)),
        para(labels["comments"], H2),
    ]
    if not view.comments:
        return [*story, para(labels["no_comment"])]
    return story + [Paragraph(para(text).text, BODY, bulletText="•") for text in view.comments]


def consultation_story(views: list[ConsultationView], heading: str | Flowable) -> list[Flowable]:
    """Every consultation of the dossier under one heading (nothing when there is none): its text, or
    the heading itself (the dossier's PDF gives its own, which its contents list)."""
    if not views:
        return []
    ensure_fonts()
    story: list[Flowable] = [heading if isinstance(heading, Flowable) else para(heading, H1)]
    for view in views:
        story += consultation_flowables(view)
    return story


def evidence_pdf(views: list[ConsultationView], heading: str, language: str) -> bytes:
    """The consultations alone as a PDF."""
    with printing_in(language):  # letters the font lacks read as a marker in the reader's language
        return build(consultation_story(views, heading), heading, language)
