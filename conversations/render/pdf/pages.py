"""What every page carries, drawn once the page count is known: the footer (the coop, the document, the
day it was made, « page x sur y ») and, on a dossier not submitted, the « BROUILLON » watermark (over
everything, a scanned letter included).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from conversations.render.pdf import distinctive_name
from conversations.render.pdf.contents import Contents, draw_contents, fitted
from conversations.render.pdf.style import BOLD, FONT, GREY, GRID, MARGIN, NBSP, WATERMARK
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
        canvas.setFont(BOLD, 92)
        canvas.translate(A4[0] / 2, A4[1] / 2)
        canvas.rotate(52)
        canvas.drawCentredString(0, -30, typeset(marks.watermark))
    canvas.restoreState()


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
