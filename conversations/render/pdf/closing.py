"""After the engagements: the approach and involvement, the documents, what is still missing, and the
appendix of what changed since the version the committee read.
"""

from __future__ import annotations

import re
from pathlib import PurePath
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Paragraph

from conversations.render.commitments.consultation_pdf import consultation_story
from conversations.render.formatting import quoted
from conversations.render.pdf.contents import Contents, fitted, heading
from conversations.render.pdf.cover import callout
from conversations.render.pdf.layout import Together
from conversations.render.pdf.style import GREY_HEX, WIDTH, Styles, grid
from conversations.render.pdf.typography import label, long_text, markup, para, typeset
from conversations.render.report import AttachmentView, DossierReport

# document, type, size, date: the name gets what the short columns leave (« OpenDocument » and
# « 1er septembre 2027 » on one line, « 19,9 Mo » too); the size, right-aligned, kept apart from the date,
# left-aligned, by ``DATE_GAP`` more points: « 239 ko » and « 2 novembre 2026 » never read as one phrase
DATE_GAP = 10
DOCUMENT_COLUMNS = (WIDTH - 80 * mm - DATE_GAP, 28 * mm, 17 * mm, 35 * mm + DATE_GAP)
# where a file name may wrap: after a separator, or between a lower-case letter and a capital
FILE_NAME_BREAKS = re.compile(r"(?<=[_\-.\s])|(?<=[a-zà-ÿ])(?=[A-ZÀ-Þ])")
EXTENSION = re.compile(r"[A-Za-z0-9]{1,5}")  # what follows a name's last dot
TAIL = 8  # characters a name cut in the middle of a word keeps on its last line, at least


def involvement(report: DossierReport, s: Styles, contents: Contents) -> list[Flowable]:
    """Each question of the approach and involvement, its answer in full under it."""
    story: list[Flowable] = [
        CondPageBreak(60 * mm),
        heading(label(report, "involvement"), s.h1, contents, "involvement"),
    ]
    for question, answer in report.involvement:
        unanswered = answer == label(report, "no_answer")  # said as a note, not read as the coop's words
        story += [para(question, s.h3), *long_text(answer, s.summary if unanswered else s.body)]
    # the consultations are the involvement's evidence: right after it (nothing when there is none)
    title = heading(label(report, "consultations"), s.h1, contents, "consultations")
    return story + consultation_story(list(report.consultations), title)


def file_name_markup(name: str, width: float, font: str, size: float) -> str:
    """A file name as markup wrapping within ``width`` after a separator (« lettre_ / signée.pdf »), its
    extension never alone on a line; a piece wider than a line cut where the line is full."""
    pieces = FILE_NAME_BREAKS.split(typeset(name))
    if len(pieces) > 1 and EXTENSION.fullmatch(pieces[-1]):  # « v3. / ods » would read as two names
        pieces[-2:] = [pieces[-2] + pieces[-1]]
    lines, line = [], ""
    for piece in pieces:
        if line and stringWidth(line + piece, font, size) > width:
            lines.append(line)
            line = ""
        line += piece
        while stringWidth(line, font, size) > width and len(line) > 1:
            cut = max(1, len(fitted(line, width, font, size)) - 1)  # what holds, « … » aside
            if len(line) - cut < TAIL:  # the end of the name keeps a few characters before its extension
                cut = max(1, len(line) - TAIL)
            lines.append(line[:cut])
            line = line[cut:]
    lines.append(line)
    return "<br/>".join(escape(line) for line in lines if line)


def document_cell(document: AttachmentView, s: Styles) -> Paragraph:
    """The label in bold, then the kind and the file name in grey, each on its line (the name wraps at
    its separators, its extension kept with what precedes it); neither said twice: a label that is the
    file's name (« lettre-engagement », of « lettre-engagement.pdf ») or its kind stands alone."""
    style = s.cell_small
    details = [markup(document.kind)] if document.label.casefold() != document.kind.casefold() else []
    if PurePath(document.file_name).stem.casefold() != document.label.casefold():
        details.append(
            file_name_markup(document.file_name, DOCUMENT_COLUMNS[0] - 8, style.fontName, style.fontSize)
        )
    grey = f'<br/><font size="{style.fontSize}" color="{GREY_HEX}">{"<br/>".join(details)}</font>'
    return Paragraph(f"<b>{markup(document.label)}</b>{grey if details else ''}", s.cell)


def documents(report: DossierReport, s: Styles, contents: Contents) -> list[Flowable]:
    """Every document with its type, size and date; where the letter is reproduced."""
    story: list[Flowable] = [
        CondPageBreak(45 * mm),
        heading(label(report, "documents"), s.h1, contents, "documents"),
    ]
    if report.letter is not None and report.letter.kind != "other":
        story.append(para(label(report, "letter_in_appendix"), s.body))
    if not report.attachments:
        return [*story, para(label(report, "no_documents"), s.body)]
    head_right = ParagraphStyle("cell_head_right", s.cell_head, alignment=TA_RIGHT)  # over the sizes
    keys = (("document", s.cell_head), ("type", s.cell_head), ("size", head_right), ("added_on", s.cell_head))
    head = [para(label(report, key), style) for key, style in keys]
    rows = [
        [
            document_cell(d, s),
            para(d.type or "—", s.cell),
            para(d.size, s.cell_right),
            para(d.added_on, s.cell),
        ]
        for d in report.attachments
    ]
    gap = [("LEFTPADDING", (3, 0), (3, -1), 4 + DATE_GAP)]
    return [*story, grid([head, *rows], list(DOCUMENT_COLUMNS), head=True, extra=gap)]


def gaps(report: DossierReport, s: Styles, contents: Contents) -> list[Flowable]:
    """What is still missing, on a dossier not complete yet."""
    if not report.gaps:
        return []
    story: list[Flowable] = [
        CondPageBreak(30 * mm),
        heading(label(report, "missing"), s.h1, contents, "missing"),
    ]
    return story + [para(gap, s.bullet, "•") for gap in report.gaps]


def revision(report: DossierReport, s: Styles, contents: Contents) -> list[Flowable]:
    """The appendix of what changed: every change, old → new in full."""
    view = report.revision
    if view is None:
        return []
    title = f"{label(report, 'appendix')} — {view.title}"
    story: list[Flowable] = [PageBreak(), heading(title, s.h1, contents, "changes")]
    story.append(para(view.intro, s.summary))
    if view.request:
        story.append(callout(quoted(report.language, view.request), s))
    if not view.changes:
        story.append(para(view.none, s.body))
    where = None
    for change in view.changes:
        entry: list[Flowable] = []
        if change.where != where:  # the changes of one engagement or indicator under one heading
            where = change.where
            entry.append(para(where, s.h3))  # in the block: a heading is kept with a block only from inside
        entry.append(para(change.what, s.bullet, "•"))
        opening = len(entry) - 1  # the headings whole, with the first lines of what follows them
        if change.old or change.new:
            entry += [
                para(view.before.format(value=change.old), s.before),
                para(view.after.format(value=change.new), s.after),
            ]
            opening += 1  # a long value (a rationale rewritten) flows after its first lines
        story.append(Together(entry, opening))
    return story


def closing(report: DossierReport, s: Styles, contents: Contents) -> list[Flowable]:
    """Everything after the engagements."""
    parts = (involvement, documents, gaps, revision)
    return [flowable for part in parts for flowable in part(report, s, contents)]
