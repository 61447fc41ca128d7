"""The look of the dossier's PDF: DejaVu fonts, teal headings, paragraph styles, grids, the footer.

Fonts come from matplotlib's bundled DejaVu (no system font needed) and are registered once per
process, on the first render. What goes on the pages is in ``pdf``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

FONT = "DejaVuSans"
FONT_FILES = {
    FONT: "DejaVuSans.ttf",
    f"{FONT}-Bold": "DejaVuSans-Bold.ttf",
    f"{FONT}-Oblique": "DejaVuSans-Oblique.ttf",
    f"{FONT}-BoldOblique": "DejaVuSans-BoldOblique.ttf",
}
NNBSP, NBSP = "\u202f", "\u00a0"
TEAL = colors.HexColor("#1f5f66")
TEAL_LIGHT = colors.HexColor("#e3eff0")
GRID = colors.HexColor("#b8c7c9")
GREY = colors.HexColor("#5a6668")
MARGIN = 18 * mm
WIDTH = A4[0] - 2 * MARGIN


@dataclass(frozen=True)
class Styles:
    """Every paragraph style of the document, built once the fonts exist."""

    title: ParagraphStyle
    coop: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    body: ParagraphStyle
    summary: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    cell_right: ParagraphStyle
    note: ParagraphStyle
    bullet: ParagraphStyle


_lock = threading.Lock()  # the bot may render from worker threads: register the fonts only once
_styles: Styles | None = None
_footer_space = NNBSP  # what U+202F becomes in the footer, set with the fonts


def _register_fonts() -> None:
    """Register DejaVu Sans from matplotlib's bundled fonts, with <b>/<i> mapped to its faces."""
    global _footer_space
    import matplotlib  # imported here: only the first render pays for it

    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    for name, file in FONT_FILES.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=f"{FONT}-Bold", italic=f"{FONT}-Oblique", boldItalic=f"{FONT}-BoldOblique"
    )
    # a DejaVu without the narrow no-break space would print a missing-glyph box
    has_nnbsp = all(ord(NNBSP) in pdfmetrics.getFont(name).face.charToGlyph for name in FONT_FILES)
    _footer_space = NNBSP if has_nnbsp else NBSP


def _build_styles() -> Styles:
    """The house styles: sober, DejaVu everywhere, teal headings."""

    def style(name: str, size: float, **kw) -> ParagraphStyle:
        return ParagraphStyle(
            name,
            fontName=kw.pop("fontName", FONT),
            fontSize=size,
            leading=kw.pop("leading", size * 1.3),
            **kw,
        )

    return Styles(
        title=style("title", 13, fontName=f"{FONT}-Bold", textColor=TEAL, spaceAfter=18 * mm),
        coop=style("coop", 26, fontName=f"{FONT}-Bold", leading=31, spaceAfter=4 * mm),
        subtitle=style("subtitle", 12, textColor=GREY, spaceAfter=10 * mm),
        h1=style(
            "h1",
            16,
            fontName=f"{FONT}-Bold",
            textColor=TEAL,
            spaceBefore=4 * mm,
            spaceAfter=3 * mm,
            keepWithNext=1,
        ),
        h2=style(
            "h2",
            13,
            fontName=f"{FONT}-Bold",
            textColor=TEAL,
            spaceBefore=3 * mm,
            spaceAfter=2 * mm,
            keepWithNext=1,
        ),
        h3=style("h3", 10.5, fontName=f"{FONT}-Bold", spaceBefore=4 * mm, spaceAfter=2 * mm, keepWithNext=1),
        body=style("body", 10, spaceAfter=2.5 * mm),
        summary=style("summary", 10, fontName=f"{FONT}-Oblique", textColor=GREY, spaceAfter=3 * mm),
        cell=style("cell", 8.5),
        cell_head=style("cell_head", 8.5, fontName=f"{FONT}-Bold", textColor=colors.white),
        cell_right=style("cell_right", 8.5, alignment=TA_RIGHT),
        note=style("note", 8.5, fontName=f"{FONT}-Oblique", textColor=GREY, spaceBefore=3 * mm),
        bullet=style(
            "bullet", 10, leftIndent=5 * mm, bulletIndent=1 * mm, bulletFontName=FONT, spaceAfter=1.5 * mm
        ),
    )


def ensure_ready() -> Styles:
    """Fonts and styles, created on the first render of the process."""
    global _styles
    with _lock:
        if _styles is None:
            _register_fonts()
            _styles = _build_styles()
        return _styles


def grid(rows: list[list], widths: list[float], head: bool = True, extra: list | None = None) -> Table:
    """A light-grid table, its first row a teal header repeated on every page when ``head``."""
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if head:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), TEAL))
    # splitInRow: a very long rationale may be taller than a page, its row must be able to split
    table = Table(rows, colWidths=widths, repeatRows=1 if head else 0, hAlign="LEFT", splitInRow=1)
    table.setStyle(TableStyle(commands + (extra or [])))
    return table


def page_footer(coop_name: str, page_label: str) -> Callable[[Canvas, SimpleDocTemplate], None]:
    """The page callback: a hairline, the coop's name and the page number."""
    name = coop_name.replace(NNBSP, _footer_space)
    page = page_label.replace(NNBSP, _footer_space)

    def draw(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setStrokeColor(GRID)
        canvas.setLineWidth(0.4)
        canvas.line(MARGIN, 12 * mm, A4[0] - MARGIN, 12 * mm)
        canvas.setFont(FONT, 8)
        canvas.setFillColor(GREY)
        canvas.drawString(MARGIN, 8 * mm, f"{name} · {page} {doc.page}")
        canvas.restoreState()

    return draw
