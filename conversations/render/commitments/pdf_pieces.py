"""Small PDF pieces of the commitments (consultation results, bilans): fonts, styles, tables, images.

They render alone (the bilan's PDF) and inside the dossier's story alike, in the dossier PDF's fonts,
typography and page marks (``render/pdf``).
"""

from __future__ import annotations

import io

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Image, Paragraph, Table, TableStyle

from conversations.render.pdf.contents import Contents
from conversations.render.pdf.layout import Together
from conversations.render.pdf.pages import PageMarks, numbered_canvas
from conversations.render.pdf.style import MarginDocument, ensure_ready
from conversations.render.pdf.typography import markup as typeset_markup
from conversations.render.pdf.typography import typeset

FONT = "DejaVuSans"
TEAL, TEAL_LIGHT, GRID = colors.HexColor("#1f5f66"), colors.HexColor("#e3eff0"), colors.HexColor("#b8c7c9")
MARGIN = 18 * mm
WIDTH = A4[0] - 2 * MARGIN


def ensure_fonts() -> None:
    """The dossier PDF's fonts (DejaVu Sans, <b> and <i> mapped to its faces), registered once."""
    ensure_ready()


def style(name: str, size: float, **options) -> ParagraphStyle:
    """A DejaVu paragraph style."""
    options.setdefault("fontName", FONT)
    return ParagraphStyle(name, fontSize=size, leading=size * 1.3, **options)


HEADING = {"fontName": f"{FONT}-Bold", "textColor": TEAL, "keepWithNext": 1}  # never a page's last line
H1 = style("c_h1", 15, spaceBefore=4 * mm, spaceAfter=3 * mm, **HEADING)
H2 = style("c_h2", 11.5, spaceBefore=3 * mm, spaceAfter=2 * mm, **HEADING)
BODY = style("c_body", 10, spaceAfter=2 * mm)
CELL = style("c_cell", 8.5)
HEAD = style("c_head", 8.5, fontName=f"{FONT}-Bold", textColor=colors.white)


def markup(text: str) -> str:
    """Plain text as paragraph markup, typeset as the dossier's PDF typesets it (true apostrophes, no-break
    spaces, nothing the font cannot print), escaped, line breaks kept."""
    ensure_ready()  # the font's glyphs known: what it cannot print is dropped, not drawn as a box
    return typeset_markup(text)


def para(text: str, paragraph_style: ParagraphStyle = BODY) -> Paragraph:
    """A paragraph of plain text."""
    return Paragraph(markup(text), paragraph_style)


PADDING = 6  # reportlab's cell padding on each side, in points
TALL_ROW = 130 * mm  # about half a page: a row taller than this may be split between pages, never a shorter


class Grid(Table):
    """A table split between its rows; within a row only for one too tall to move whole to the next page
    (a row's first line alone at a page's foot, the rest overleaf, read as two rows)."""

    def split(self, availWidth, availHeight):
        """Nothing here (the table goes on the next page) when not even its first row fits, unless that
        row is so tall that it must be split anyway."""
        self._calc(availWidth, availHeight)
        first = sum(self._rowHeights[: self.repeatRows + 1])
        if availHeight < first <= TALL_ROW:
            return []
        return super().split(availWidth, availHeight)


def one_line_width(texts: list[str], least: float) -> float:
    """A column wide enough for each of these cells' texts on one line (a date), at least ``least``."""
    widths = (stringWidth(typeset(text), FONT, CELL.fontSize) + 2 * PADDING + 1 for text in texts)
    return max([least, *widths])


def table(head: list[str], rows: list[list[str]], widths: list[float]) -> Table:
    """A light grid with a teal header row repeated on each page."""
    data = [[para(cell, HEAD) for cell in head]] + [[para(cell, CELL) for cell in row] for row in rows]
    grid = Grid(data, colWidths=widths, repeatRows=1, hAlign="LEFT", splitInRow=1)
    grid.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, GRID),
                ("BACKGROUND", (0, 0), (-1, 0), TEAL),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return grid


def picture(png: bytes, width: float = WIDTH * 0.85) -> Image:
    """A PNG chart scaled to a width, keeping its proportions."""
    image = Image(io.BytesIO(png))
    image.drawHeight = image.drawHeight * width / image.drawWidth
    image.drawWidth = width
    return image


def build(story: list[Flowable], title: str, language: str, marks: PageMarks | None = None) -> bytes:
    """An A4 PDF of a story; with ``marks``, every page says whose it is and « Page x sur y », as the
    dossier's own pages do."""
    ensure_fonts()
    buffer = io.BytesIO()
    document = MarginDocument(  # texts, tables and charts on the margins' edges, as in the dossier's PDF
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,  # the marks' footer holds below it (from 13 mm down)
        title=title,
        creator="Quali’Coop assistant",
        lang=language,
        keepTogetherClass=Together,  # a heading kept with its text's first lines, as in the dossier's PDF
    )
    if marks is None:
        document.build(story)
    else:
        document.build(story, numbered_canvas(marks, Contents([])))
    return buffer.getvalue()
