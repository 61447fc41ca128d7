"""The dossier as an A4 PDF for the committee: a pure renderer of a DossierReport (no Telegram here).

The story: a cover (identity and the dossier at a glance), the engagements axis by axis, the approach
and involvement, the documents and what is still missing, then the appendices: what changed since the
version the committee read, and the commitment letter itself.
"""

from __future__ import annotations

import io
from dataclasses import replace

from reportlab.lib.pagesizes import A4

from conversations.render.pdf.body import axis_title, body, resumed
from conversations.render.pdf.closing import closing
from conversations.render.pdf.contents import Contents
from conversations.render.pdf.cover import cover
from conversations.render.pdf.layout import Together
from conversations.render.pdf.letter import drawable, letter_story
from conversations.render.pdf.pages import PageMarks, numbered_canvas
from conversations.render.pdf.renewal.story import contents_entry, renewal_story
from conversations.render.pdf.style import BOTTOM, MARGIN, MarginDocument, ensure_ready
from conversations.render.pdf.typography import forget_widths, label, printing_in
from conversations.render.report import DossierReport


class Document(MarginDocument):
    """The dossier's document: a page opening within an indicator's story says first whose it is."""

    def filterFlowables(self, flowables: list) -> None:
        """Before a page's first flowable, the reminder of the indicator it goes on with (``running``)."""
        resumed(self, flowables)


def page_marks(report: DossierReport) -> PageMarks:
    """The footer's texts and, on a dossier not submitted, the watermark."""
    document = f" · {label(report, 'title')} · {label(report, 'cycle').lower()} {report.cycle}"
    watermark = label(report, "draft") if report.draft else ""
    version = report.labels.get("generated_day", "")
    return PageMarks(report.coop_name, label(report, "page"), watermark, document, version)


def parts(report: DossierReport) -> Contents:
    """The parts the cover's contents lists, in reading order."""
    L = lambda key: label(report, key)  # noqa: E731
    entries = [contents_entry(report.renewal)] if report.renewal else []  # a renewal: the earlier results
    entries += [(f"axis-{axis.code}", axis_title(report, axis)) for axis in report.axes]
    entries.append(("involvement", L("involvement")))
    if report.consultations:  # its evidence, right after it
        entries.append(("consultations", L("consultations")))
    entries.append(("documents", L("documents")))
    if report.gaps:
        entries.append(("missing", L("missing")))
    if report.revision is not None:
        entries.append(("changes", f"{L('appendix')} — {report.revision.title}"))
    if report.letter is not None:
        entries.append(("letter", f"{L('appendix')} — {L('letter')}"))
    return Contents(entries)


def build(report: DossierReport, reader: object | None) -> bytes:
    """The document laid out and written by reportlab, a PDF letter's pages drawn in (``reader``)."""
    with printing_in(report.language):  # letters its font lacks read as a marker in the reader's language
        return write(report, reader)


def write(report: DossierReport, reader: object | None) -> bytes:
    """``build``'s work: the story made, its cover last (it says whether some letters could not be
    printed), then laid out and written."""
    s, contents = ensure_ready(), parts(report)
    forget_widths()
    story = (
        renewal_story(report.renewal, s, contents)
        + body(report, s, contents)
        + closing(report, s, contents)
        + letter_story(report, reader, s, contents)
    )
    story = cover(report, s, contents) + story
    buffer = io.BytesIO()
    title = f"{label(report, 'title')} — {report.coop_name}"
    doc = Document(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=BOTTOM,
        # Unicode strings a reader shows whole: the real name, not the marker the page's font needs
        title=title,
        author=report.coop_name,
        subject=label(report, "title"),
        creator="Quali’Coop assistant",
        lang=report.language or None,
        keepTogetherClass=Together,  # what a heading keeps with it, measured the lean way
    )
    doc.build(story, canvasmaker=numbered_canvas(page_marks(report), contents))
    return buffer.getvalue()


def with_letter(report: DossierReport) -> bytes:
    """The document with its letter: a PDF letter's pages read by pypdf, drawn by reportlab; a letter
    that cannot be drawn named instead (and not said to be in the appendix)."""
    letter, reader = drawable(report.letter)
    return build(report if letter is report.letter else replace(report, letter=letter), reader)


def render_pdf(report: DossierReport) -> bytes:
    """The dossier as the bytes of an A4 PDF, in the report's language, its letter included."""
    ensure_ready()
    try:
        return with_letter(report)
    except Exception:  # a letter read but not drawable: the dossier goes out all the same, the letter named
        if report.letter is None or report.letter.kind == "other":
            raise
        return build(replace(report, letter=replace(report.letter, kind="other")), None)
