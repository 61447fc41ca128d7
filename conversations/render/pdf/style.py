"""The look of the dossier's PDF: DejaVu fonts, teal headings, paragraph styles and light grids.

Fonts come from matplotlib's bundled DejaVu (no system font needed) and are registered once per
process, on the first render; ``glyphs`` then says which characters they can print (no emoji).
"""

from __future__ import annotations

import threading
from copy import deepcopy
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, SimpleDocTemplate, TableStyle
from reportlab.platypus.tables import LINECOMMANDS

from conversations.render.fonts import dejavu_folder
from conversations.render.pdf.layout import Grid

FONT = "DejaVuSans"
BOLD, ITALIC = f"{FONT}-Bold", f"{FONT}-Oblique"
FONT_FILES = {
    FONT: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    f"{FONT}-BoldOblique": "DejaVuSans-BoldOblique.ttf",
}
NNBSP, NBSP = "\u202f", "\u00a0"
TEAL = colors.HexColor("#1f5f66")
TEAL_LIGHT = colors.HexColor("#e3eff0")
GRID = colors.HexColor("#b8c7c9")
GREY_HEX = "#5a6668"
GREY = colors.HexColor(GREY_HEX)
WATERMARK = colors.HexColor("#b03a2e")
MARGIN = 18 * mm
BOTTOM = MARGIN + 4 * mm  # the footer lives below the frame
WIDTH = A4[0] - 2 * MARGIN
HEIGHT = A4[1] - MARGIN - BOTTOM
SECTION_SPACE = 9 * mm  # above a part (an axis's band, « Documents joints »), unless it starts a page
# the page's frame: reportlab's 6 points above and below, none on the sides, so that everything as wide
# as the page's text (a table, a band, a box) starts and ends on the margins, as the footer's rule does
FRAME_PADDINGS = {"leftPadding": 0, "rightPadding": 0, "topPadding": 6, "bottomPadding": 6}


SHARED = frozenset((int, float, str, bool, type(None)))  # what a deep copy shares rather than copies


class LightFrame(Frame):
    """reportlab's frame, copied in a fifth of the time: every block kept together copies the frame to
    measure itself, and ``deepcopy`` walked its two dozen numbers one by one (7 % of a dossier)."""

    def __deepcopy__(self, memo: dict) -> LightFrame:
        """The same copy as ``deepcopy``'s: numbers and strings shared, lists and dicts copied deeply."""
        twin = self.__class__.__new__(self.__class__)
        state = twin.__dict__
        state.update(self.__dict__)
        for name, value in state.items():  # replacing values, never adding keys: safe while iterating
            if type(value) not in SHARED:
                state[name] = deepcopy(value, memo)
        return twin


class MarginDocument(SimpleDocTemplate):
    """reportlab's simple document (a first page template, then the same for the others) on a LightFrame
    with no padding on its sides: texts, tables, bands and boxes share the margins' edges, the footer's."""

    def build(self, story: list, canvasmaker: type = Canvas) -> None:
        """Lay out and write ``story``, as ``SimpleDocTemplate.build`` does with no page callbacks."""
        self._calc()
        frame = LightFrame(
            self.leftMargin, self.bottomMargin, self.width, self.height, id="normal", **FRAME_PADDINGS
        )
        self.addPageTemplates(
            [PageTemplate(id=name, frames=frame, pagesize=self.pagesize) for name in ("First", "Later")]
        )
        BaseDocTemplate.build(self, story, canvasmaker=canvasmaker)


@dataclass(frozen=True)
class Styles:
    """Every paragraph style of the document, built once the fonts exist."""

    kicker: ParagraphStyle  # the small teal line above the coop's name
    coop: ParagraphStyle
    subtitle: ParagraphStyle
    band: ParagraphStyle  # an axis: white on teal
    band_count: ParagraphStyle  # how many of its engagements were chosen, on the band's right
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    label: ParagraphStyle  # « Pourquoi il illustre la Raison d’être », above its text
    reminder: ParagraphStyle  # whose the rest of a page is: atop a page an indicator goes on with
    body: ParagraphStyle
    summary: ParagraphStyle
    before: ParagraphStyle  # a value before a change, in the appendix
    after: ParagraphStyle
    action: ParagraphStyle  # a numbered action, who carries it and by when under it
    action_meta: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_small: ParagraphStyle
    cell_right: ParagraphStyle
    cell_head: ParagraphStyle
    note: ParagraphStyle
    bullet: ParagraphStyle
    callout: ParagraphStyle
    centered: ParagraphStyle


class SubsetFont(TTFont):
    """A TrueType font whose text already seen is mapped to its subset's codes by ``str.translate``.

    reportlab maps every character drawn, one by one in Python (8 % of a dossier's rendering); a
    dossier's text is a hundred-odd distinct characters, all in the first subset after the first page.
    """

    def splitString(self, text, doc, encoding: str = "utf-8") -> list[tuple[int, bytes]]:
        """reportlab's (subset, codes) chunks: one chunk when every character has its code in subset 0."""
        state = self.state.get(doc)
        if state is not None and isinstance(text, str) and text:
            if getattr(state, "mapped", None) != len(state.assignments):
                _refresh_codes(state)
            if state.known.issuperset(text):
                return [(0, text.translate(state.codes).encode("latin-1"))]
        return super().splitString(text, doc, encoding)

    def subset_codes(self, text: str, doc) -> dict[int, str] | None:
        """The translation of ``text`` to subset 0's codes, if every character of it has one there."""
        state = self.state.get(doc)
        if state is None:
            return None
        if getattr(state, "mapped", None) != len(state.assignments):
            _refresh_codes(state)
        return state.codes if state.known.issuperset(text) else None


def _refresh_codes(state: TTFont.State) -> None:
    """The translation to subset 0's codes of the characters reportlab assigned there (no-break space as
    space, as reportlab maps it)."""
    codes = {point: chr(code) for point, code in state.assignments.items() if code < 256}
    if 32 in codes:
        codes[0xA0] = codes[32]
    state.codes, state.known = codes, frozenset(map(chr, codes))
    state.mapped = len(state.assignments)


_lock = threading.Lock()  # the bot may render from worker threads: register the fonts only once
_styles: Styles | None = None
_glyphs: frozenset[int] = frozenset()


def _register_fonts() -> None:
    """Register DejaVu Sans from matplotlib's bundled fonts, with <b>/<i> mapped to its faces."""
    global _glyphs
    folder = dejavu_folder()
    for name, file in FONT_FILES.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(SubsetFont(name, str(folder / file)))
        elif type(font := pdfmetrics.getFont(name)) is TTFont:
            # registered first by the commitments' pieces: the same font, given the faster mapping
            font.__class__ = SubsetFont
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=BOLD, italic=ITALIC, boldItalic=f"{FONT}-BoldOblique"
    )
    # what every face can print: anything else (an emoji) would come out as a missing-glyph box
    faces = [set(pdfmetrics.getFont(name).face.charToGlyph) for name in FONT_FILES]
    _glyphs = frozenset(set.intersection(*faces))


def _style(name: str, size: float, **kw) -> ParagraphStyle:
    """A DejaVu paragraph style, 1.3 leading unless told."""
    return ParagraphStyle(
        name, fontName=kw.pop("fontName", FONT), fontSize=size, leading=kw.pop("leading", size * 1.3), **kw
    )


def _build_styles() -> Styles:
    """The house styles: sober, DejaVu everywhere, teal headings."""
    heading = {"fontName": BOLD, "textColor": TEAL, "keepWithNext": 1}
    cell = {"leading": 11.5}
    listed = {"leading": 13.5, "leftIndent": 6 * mm, "bulletIndent": 0, "bulletFontName": FONT}
    return Styles(
        kicker=_style("kicker", 12, fontName=BOLD, textColor=TEAL, spaceAfter=14 * mm),
        coop=_style("coop", 26, fontName=BOLD, leading=31, spaceAfter=3 * mm),
        subtitle=_style("subtitle", 12.5, textColor=GREY, spaceAfter=10 * mm),
        band=_style("band", 13, fontName=BOLD, textColor=colors.white, leading=16),
        band_count=_style("band_count", 9.5, textColor=colors.white, alignment=TA_RIGHT),
        h1=_style("h1", 16, spaceBefore=SECTION_SPACE, spaceAfter=4 * mm, **heading),
        h2=_style("h2", 12.5, spaceBefore=6 * mm, spaceAfter=2.5 * mm, **heading),
        h3=_style("h3", 10.5, fontName=BOLD, spaceBefore=4 * mm, spaceAfter=2 * mm, keepWithNext=1),
        label=_style(
            "label",
            8.5,
            fontName=BOLD,
            textColor=GREY,
            spaceBefore=2.5 * mm,
            spaceAfter=1 * mm,
            keepWithNext=1,
        ),
        reminder=_style("reminder", 9, fontName=ITALIC, textColor=GREY, spaceAfter=2.5 * mm),
        body=_style("body", 10, leading=13.5, spaceAfter=2 * mm),
        summary=_style("summary", 10, fontName=ITALIC, textColor=GREY, spaceBefore=2 * mm, spaceAfter=1 * mm),
        before=_style("before", 9, textColor=GREY, leftIndent=6 * mm, spaceAfter=1 * mm),
        after=_style("after", 9, leftIndent=6 * mm, spaceAfter=2 * mm),
        action=_style("action", 10, keepWithNext=1, **listed),  # never apart from who and by when
        # its baseline one leading (13.5) under the action's last line, as a line of the same paragraph
        action_meta=_style(
            "action_meta",
            8.5,
            leading=12,
            textColor=GREY,
            leftIndent=6 * mm,
            spaceBefore=1.5,
            spaceAfter=2 * mm,
        ),
        cell=_style("cell", 9, **cell),
        cell_bold=_style("cell_bold", 9, fontName=BOLD, **cell),
        cell_small=_style("cell_small", 8, textColor=GREY, leading=10),
        cell_right=_style("cell_right", 9, alignment=TA_RIGHT, **cell),
        cell_head=_style("cell_head", 8, fontName=BOLD, textColor=GREY, leading=10),
        note=_style("note", 8.5, fontName=ITALIC, textColor=GREY, spaceBefore=4 * mm),
        bullet=_style("bullet", 10, spaceAfter=1 * mm, **listed),
        callout=_style("callout", 10, leading=13.5, textColor=TEAL),
        centered=_style("centered", 9, alignment=TA_CENTER, textColor=GREY),
    )


def ensure_ready() -> Styles:
    """Fonts and styles, created on the first render of the process."""
    global _styles
    with _lock:
        if _styles is None:
            _register_fonts()
            _styles = _build_styles()
        return _styles


def glyphs() -> frozenset[int]:
    """The code points every face of the font can print (after ``ensure_ready``)."""
    return _glyphs


# commands reportlab keeps for the whole table; every other one styles the cells it names
TABLE_WIDE = frozenset(
    ("BACKGROUND", "ROWBACKGROUNDS", "COLBACKGROUNDS", "SPAN", "NOSPLIT", "ROUNDEDCORNERS")
)
_cell_styles: dict[str, list[list]] = {}  # by shape and cell commands: the cells' styles, worked out once


def cells_styled(rows: int, columns: int, commands: list[tuple]) -> list[list]:
    """The cells' styles those commands give a table of this shape, as its own ``setStyle`` makes them.

    A dossier has dozens of tables of the same shape and look (its indicators' figures); reportlab
    shares cell styles between the parts of a split table the same way.
    """
    key = repr((rows, columns, commands))
    styles = _cell_styles.get(key)
    if styles is None:
        if len(_cell_styles) > 256:  # a few shapes in practice (rows: one per document, per summary line)
            _cell_styles.clear()
        template = Grid([[""] * columns for _ in range(rows)])
        template.setStyle(TableStyle(commands))
        styles = _cell_styles[key] = template._cellStyles
    return styles


def grid_commands(head: bool) -> list[tuple]:
    """A light grid's style commands; its first row pale when ``head``."""
    commands = [
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, GRID),
        ("LINEABOVE", (0, 0), (-1, 0), 0.4, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    return commands + ([("BACKGROUND", (0, 0), (-1, 0), TEAL_LIGHT)] if head else [])


def grid(rows: list[list], widths: list[float], head: bool = False, extra: list | None = None) -> Grid:
    """A light-grid table; its first row a pale header repeated on every page when ``head``."""
    commands = grid_commands(head) + (extra or [])
    wide = [c for c in commands if c[0] in TABLE_WIDE or c[0] in LINECOMMANDS]
    styles = cells_styled(len(rows), len(rows[0]), [c for c in commands if c not in wide])
    table = Grid(rows, colWidths=widths, repeatRows=1 if head else 0, hAlign="LEFT", cellStyles=styles)
    table.setStyle(TableStyle(wide))
    return table
