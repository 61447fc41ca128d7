"""A bilan d'étape as a PDF for the committee: the figures, the progress chart, the actions, the texts;
every page marked with the coop, the bilan and « Page x sur y », as the dossier's pages are."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from conversations.render.charts import chart_parts, progress_chart
from conversations.render.commitments.bilans import BilanView
from conversations.render.commitments.pdf_pieces import (
    BODY,
    H1,
    H2,
    WIDTH,
    build,
    ensure_fonts,
    one_line_width,
    para,
    picture,
    table,
)
from conversations.render.commitments.words import colon
from conversations.render.fonts import NOT_PRINTABLE
from conversations.render.pdf.pages import PageMarks
from conversations.render.pdf.typography import printing_in
from conversations.render.report import REPORT_LABELS
from locales import translator


def _indicators(view: BilanView) -> list[Flowable]:
    """The figures of each indicator, then the chart of the numeric ones: in pictures of at most
    ``charts.ROWS_PER_IMAGE`` rows, each within a page (16 rows drawn as one ran off it: LayoutError)."""
    labels = view.labels
    head = [labels[key] for key in ("indicator", "start", "latest", "on", "target")]
    rows = [[i.title, i.start, i.latest, i.on, i.target] for i in view.indicators]
    on = one_line_width([i.on for i in view.indicators], 24 * mm)  # « 28 septembre 2027 », never cut
    story: list[Flowable] = [
        para(labels["indicators"], H2),
        table(head, rows, [WIDTH - 92 * mm - on, 30 * mm, 30 * mm, on, 32 * mm]),
    ]
    legend = {key: labels[f"legend_{key}"] for key in ("start", "target", "progress", "empty")}
    # a title typed in a script the font lacks reads as the PDF's own marker, as on /progres's chart
    legend["not_printable"] = translator(view.language).gettext(NOT_PRINTABLE)
    for charted, mark in chart_parts(list(view.progress)):
        story.append(picture(progress_chart(charted, labels["chart"], legend, mark), WIDTH * 0.7))
    return story


def _actions(view: BilanView) -> list[Flowable]:
    """Every action with its state and, for a dropped one, why."""
    labels = view.labels
    rows = [
        [f"{i.title} — {a.description}", a.owner, a.state + (colon(view.language) + a.note if a.note else "")]
        for i in view.indicators
        for a in i.actions
    ]
    head = [labels["action"], labels["who"], labels["state"]]
    return (
        [para(labels["actions"], H2), table(head, rows, [WIDTH - 100 * mm, 40 * mm, 60 * mm])] if rows else []
    )


def bilan_pdf(view: BilanView) -> bytes:
    """The bilan's PDF, in the view's language (letters its font lacks read as a marker in that language)."""
    with printing_in(view.language):
        return _written(view)


def _written(view: BilanView) -> bytes:
    """``bilan_pdf``'s work: the story, then the document."""
    ensure_fonts()
    labels = view.labels
    story: list[Flowable] = [
        para(f"{labels['title']} — {view.coop}", H1),
        para(view.checkpoint),
        para(view.sent),
        *_indicators(view),
        *_actions(view),
        para(labels["difficulties"], H2),
        para(view.difficulties, BODY),
        para(labels["help"], H2),
        para(view.help_wanted, BODY),
    ]
    if view.committee:
        story += [para(labels["committee"], H2), para(view.committee, BODY)]
    page = translator(view.language).gettext(REPORT_LABELS["page"])  # the dossier's « Page x sur y »
    # the coop's name is what a long one shortens: which bilan a page is of stays whole on every page
    marks = PageMarks(view.coop, page, document=f" · {labels['title']} · {view.checkpoint}")
    return build(story, f"{labels['title']} — {view.coop}", view.language, marks)
