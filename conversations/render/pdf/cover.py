"""The cover: who and what (coop, region, cycle, status, submission), the dossier's course once past its
submission, then the dossier at a glance and its contents, all on the first page."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, PageBreak, Spacer

from conversations.render.notifications import name_or_former_member
from conversations.render.pdf.contents import Contents, ContentsRoom
from conversations.render.pdf.layout import Boxed, Grid, stacked
from conversations.render.pdf.style import (
    FRAME_PADDINGS,
    GRID,
    HEIGHT,
    TEAL,
    TEAL_LIGHT,
    WIDTH,
    Styles,
    grid,
)
from conversations.render.pdf.typography import label, para, typeset, unprinted_marker
from conversations.render.report import DossierReport
from locales import N_, translator

# the cover's labels, one column as wide for its three tables (identity, course, at a glance): as wide as
# the widest of them on one line (« Point d’étape à mi-parcours du label », an axis's title), within these
KEY_WIDTHS = (40 * mm, WIDTH / 2)
CELL_PADDINGS = 8 + 1  # a grid cell's left and right paddings, and a point to spare
# the masthead's ways, roomiest first: (closer together, the coop's name in points or the house's 26)
MASTHEADS = ((False, None), (True, None), (True, 21.0), (True, 17.0))
UNPRINTABLE_NOTICE = N_(
    "Some texts contain characters this PDF cannot show: they appear here as {marker}. They can be read "
    "in full in the Quali’Coop assistant on Telegram."
)


def identity(report: DossierReport) -> list[tuple[str, str]]:
    """The dossier's identity: cycle, status, its last submission, when this document was made."""
    rows = list(report.renewal.cover) if report.renewal else [(label(report, "cycle"), str(report.cycle))]
    rows.append((label(report, "status"), report.status))
    if report.submitted_on:
        rows.append((label(report, "submitted_on"), report.submitted_on))
        # who submitted it, or « Un ancien membre » once they erased their data: never the row dropped
        submitter = name_or_former_member(translator(report.language), report.submitted_by or None)
        rows.append((label(report, "submitted_by"), submitter))
    rows.append((label(report, "generated"), report.generated_on))
    return rows


def key_width(tables: list[list[tuple[str, str]]], s: Styles) -> float:
    """The one width of the labels' column of the cover's tables: its values start on one line down the
    page, whichever table they are in."""
    font, size = s.cell_head.fontName, s.cell_head.fontSize
    widest = max((stringWidth(typeset(what), font, size) for rows in tables for what, _ in rows), default=0)
    return min(max(widest + CELL_PADDINGS, KEY_WIDTHS[0]), KEY_WIDTHS[1])


def key_values(rows: list[tuple[str, str]], s: Styles, key: float, emphasis: int | None = None) -> Grid:
    """Two columns: what (grey, bold) and its value; the row ``emphasis`` stands out."""
    cells = [[para(what, s.cell_head), para(value, s.cell)] for what, value in rows]
    extra = []
    if emphasis is not None:
        row = emphasis % len(rows)
        cells[row][1] = para(rows[row][1], s.cell_bold)
        extra.append(("BACKGROUND", (0, row), (-1, row), TEAL_LIGHT))
    return grid(cells, [key, WIDTH - key], extra=extra)


def callout(text: str, s: Styles) -> Boxed:
    """A text set apart by a teal rule on its left, for what the reader must know first; a long one
    (the committee's request, up to 2,000 characters in as many lines) flows over pages in its box."""
    style, text = s.callout, text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [para(line, style) if line.strip() else Spacer(1, style.leading) for line in text.split("\n")]
    return Boxed(lines, WIDTH, (TEAL_LIGHT, GRID, TEAL))


def unprintable_notice(report: DossierReport, s: Styles) -> list[Flowable]:
    """Once, on the cover, when some letters of the dossier (any page: the cover is made last) are in a
    script the PDF cannot print: what they read instead, and where to read them."""
    marker = unprinted_marker()
    if not marker:
        return []
    notice = translator(report.language).gettext(UNPRINTABLE_NOTICE).format(marker=marker)
    return [para(notice, ParagraphStyle("notice", s.note, spaceBefore=2 * mm))]


def masthead(report: DossierReport, s: Styles, tight: bool, size: float | None) -> list[Flowable]:
    """The document, the coop, its region; closer together when ``tight``, the coop's name in ``size``
    points rather than the house's 26 when told."""
    kicker, coop, subtitle, space = s.kicker, s.coop, s.subtitle, [Spacer(1, 12 * mm)]
    if tight:
        kicker = ParagraphStyle("kicker_tight", parent=kicker, spaceAfter=5 * mm)
        subtitle, space = ParagraphStyle("subtitle_tight", parent=subtitle, spaceAfter=5 * mm), []
    if size is not None:
        coop = ParagraphStyle(f"coop_{size}", parent=coop, fontSize=size, leading=size * 1.2)
    return [
        *space,
        para(label(report, "title"), kicker),
        para(report.coop_name, coop),
        para(report.region or " ", subtitle),
    ]


def cover(report: DossierReport, s: Styles, contents: Contents) -> list[Flowable]:
    """The first page, the one the committee reads before deciding to read on: its contents included,
    the masthead closer together and then the coop's name smaller when a long name or the course would
    push them onto a page of their own."""
    first = masthead(report, s, *MASTHEADS[0])  # the coop's name typeset: its letters count in the notice
    rows = identity(report)
    key = key_width([rows, list(report.course), list(report.summary)], s)
    story: list[Flowable] = [key_values(rows, s, key), *unprintable_notice(report, s)]
    if report.course:  # past the submission: where the candidacy stands, and whose figures these are
        story += [
            para(label(report, "course"), s.h2),
            key_values(list(report.course), s, key),
            para(label(report, "values_on"), s.note),
        ]
    if report.revision is not None:
        story += [Spacer(1, 6 * mm), callout(label(report, "asked" if report.draft else "resubmitted"), s)]
    if report.summary:
        story += [
            para(label(report, "at_a_glance"), s.h2),
            key_values(list(report.summary), s, key, -1),
        ]
    story += [para(label(report, "contents"), s.h2), ContentsRoom(contents)]
    width, height = WIDTH, HEIGHT - FRAME_PADDINGS["topPadding"] - FRAME_PADDINGS["bottomPadding"]
    for number, (tight, size) in enumerate(MASTHEADS):  # the first that holds, else the last
        head = masthead(report, s, tight, size) if number else first  # (the contents then on page 2)
        if stacked([*head, *story], None, width) <= height:
            break
    return [*head, *story, PageBreak()]
