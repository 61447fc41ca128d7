"""What every page carries, drawn once the page count is known: the footer (the coop, the document, the
day it was made, « page x sur y ») and, on a dossier not submitted, the « BROUILLON » watermark (over
everything, a scanned letter included; its letters' outlines, which no text extraction reads).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

from reportlab.lib.pagesizes import A4
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFStream, xObjectName
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.pdfgen.canvas import Canvas

from conversations.render.fonts import dejavu_folder
from conversations.render.pdf import distinctive_name
from conversations.render.pdf.contents import Contents, draw_contents, fitted
from conversations.render.pdf.style import BOLD, FONT, FONT_FILES, GREY, GRID, MARGIN, NBSP, WATERMARK
from conversations.render.pdf.typography import typeset


@dataclass(frozen=True)
class PageMarks:
    """The texts of the page marks, already translated."""

    coop: str  # the coop's name, shortened to what the footer's line leaves it (or the whole left text)
    page: str  # « Page {page} sur {pages} »
    watermark: str = ""  # « BROUILLON » on a draft, nothing once submitted
    document: str = ""  # after the coop: « · Dossier de candidature Quali’Coop · cycle 1 »
    version: str = ""  # the day the document was made: two printed versions told apart page by page


SIZE = 8  # the footer's
WATERMARK_SIZE, WATERMARK_BASE = 92, -30  # the watermark's letters, and its baseline under the page's centre
WATERMARK_FORM = "QualiCoopWatermark"


@lru_cache(maxsize=64)  # the same on every page whose number is as wide
def footer_left(marks: PageMarks, room: float) -> str:
    """The coop and the document within ``room``: a coop's name too long without its legal form (the words
    telling it from the other coops kept, as in the file name), then shortened with « … » if it must."""
    document = typeset(marks.document)
    coop, room_left = typeset(marks.coop), room - stringWidth(document, FONT, SIZE)
    if stringWidth(coop, FONT, SIZE) > room_left:
        coop = typeset(distinctive_name(marks.coop))
    coop = fitted(coop, room_left, FONT, SIZE)
    return fitted(coop + document if coop else document.lstrip(" ·"), room, FONT, SIZE)


def draw_marks(canvas: Canvas, marks: PageMarks, page: int, pages: int) -> None:
    """The footer of one page and, on a draft, the watermark across it."""
    canvas.saveState()
    canvas.setStrokeColor(GRID)
    canvas.setLineWidth(0.4)
    canvas.line(MARGIN, 13 * mm, A4[0] - MARGIN, 13 * mm)
    canvas.setFont(FONT, SIZE)
    canvas.setFillColor(GREY)
    right = typeset(marks.page.format(page=page, pages=pages)).replace(" ", NBSP)
    if marks.version:
        right = f"{typeset(marks.version)} · {right}"
    room = A4[0] - 2 * MARGIN - stringWidth(right, FONT, SIZE) - 5 * mm  # a gap before the page number
    canvas.drawString(MARGIN, 9 * mm, footer_left(marks, room))
    canvas.drawRightString(A4[0] - MARGIN, 9 * mm, right)
    if marks.watermark:
        canvas.setFillColor(WATERMARK)
        canvas.setFillAlpha(0.13)
        canvas.translate(A4[0] / 2, A4[1] / 2)
        canvas.rotate(52)
        draw_watermark(canvas, typeset(marks.watermark))
    canvas.restoreState()


def draw_watermark(canvas: Canvas, text: str) -> None:
    """The watermark's outlines, written once in the document (a form) and drawn on each page in the
    canvas's colour and transparency."""
    document = canvas._doc
    if not document.hasForm(WATERMARK_FORM):
        half, size = stringWidth(text, BOLD, WATERMARK_SIZE) / 2, WATERMARK_SIZE
        box = [-half - size, WATERMARK_BASE - size, half + size, WATERMARK_BASE + 2 * size]  # room around
        form = PDFDictionary({"Type": b"/XObject", "Subtype": b"/Form", "BBox": PDFArray(box)})
        document.Reference(PDFStream(form, outlined(text).encode()), xObjectName(WATERMARK_FORM))
    canvas.doForm(WATERMARK_FORM)


@lru_cache(maxsize=8)  # a watermark per language: its outlines made once per process
def outlined(text: str, size: float = WATERMARK_SIZE) -> str:
    """The path operators that fill the outlines of ``text``'s letters in bold, centred as the watermark
    was drawn: seen as its text would be, never read as text (extracted, copied, spoken by a screen
    reader between the page's words). The outlines are read by fontTools, which matplotlib brings."""
    from fontTools.pens.basePen import BasePen
    from fontTools.ttLib import TTFont

    face = getFont(BOLD).face
    font = TTFont(str(dejavu_folder() / FONT_FILES[BOLD]), lazy=True)
    scale, glyphs, code = size / font["head"].unitsPerEm, font.getGlyphSet(), []
    left = -stringWidth(text, BOLD, size) / 2

    class Outline(BasePen):
        """A glyph's contours as PDF path operators, in points from the text's start."""

        def point(self, at: tuple[float, float], operator: str, *others: tuple[float, float]) -> None:
            numbers = [n for x, y in (*others, at) for n in (left + x * scale, y * scale + WATERMARK_BASE)]
            code.append(f"{fp_str(*numbers)} {operator}")

        def _moveTo(self, at):
            self.point(at, "m")

        def _lineTo(self, at):
            self.point(at, "l")

        def _curveToOne(self, first, second, at):
            self.point(at, "c", first, second)

        def _closePath(self):
            code.append("h")

    for character in text:
        glyphs[font.getGlyphName(face.charToGlyph.get(ord(character), 0))].draw(Outline(glyphs))
        left += stringWidth(character, BOLD, size)
    return " ".join(code) + " f"


class LeanCanvas(Canvas):
    """reportlab's canvas, its state saved by one C call: every paragraph, table and cell saves it
    (over a thousand times a dossier), and reportlab reads its two dozen attributes one by one."""

    _state = itemgetter(*Canvas.STATE_ATTRIBUTES)

    def push_state_stack(self) -> None:
        """The same state as reportlab's, in the same order."""
        self.state_stack.append(dict(zip(self.STATE_ATTRIBUTES, self._state(self.__dict__), strict=True)))
        self._extgstate = self._extgstate.pushCopy()


def numbered_canvas(marks: PageMarks, contents: Contents) -> type[Canvas]:
    """A canvas class that keeps its pages until the end, then marks each with « page x sur y » (and
    fills the cover's contents).

    One pass instead of two: the pages' drawing operations are held, not the layout redone.
    """

    class NumberedCanvas(LeanCanvas):
        """Holds each finished page, marks them all on save."""

        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict] = []

        def showPage(self) -> None:
            """Hold the finished page instead of writing it."""
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            """Write every held page with its marks, now that their number is known."""
            for state in self._held:
                self.__dict__.update(state)
                draw_marks(self, marks, self._pageNumber, len(self._held))
                if contents.slot is not None and contents.slot[0] == self._pageNumber:
                    draw_contents(self, contents)
                super().showPage()
            super().save()

    return NumberedCanvas
