"""The cover's table of contents. Where each part starts is known only once the pages are laid out:
its headings note their page as they are drawn, the cover keeps room for the lines, and the lines are
drawn with the page marks (``pages``), when every page is known.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from conversations.render.pdf.style import FONT, GRID, NBSP
from conversations.render.pdf.typography import Para, markup, typeset

LINE = 15  # points between two lines of the contents
SIZE = 10


@dataclass
class Contents:
    """The parts of the document in reading order, and the page each was drawn on."""

    entries: list[tuple[str, str]]  # (key, title)
    pages: dict[str, int] = field(default_factory=dict)
    slot: tuple[int, float, float, float] | None = None  # the cover's room: page, left, top, width

    def note(self, key: str, canvas: Canvas) -> None:
        """A part starts on this page (its first heading wins)."""
        self.pages.setdefault(key, canvas.getPageNumber())


class Heading(Para):
    """A heading that notes its page for the contents."""

    def __init__(
        self, text, style: ParagraphStyle, *args, contents: Contents | None = None, key: str = "", **kw
    ):
        super().__init__(text, style, *args, **kw)
        self.contents, self.key = contents, key

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        """Note the page, then draw the heading."""
        if self.contents is not None:
            self.contents.note(self.key, canvas)
        super().drawOn(canvas, x, y, _sW)


def heading(text: str, style: ParagraphStyle, contents: Contents, key: str) -> Heading:
    """A heading of plain text, noted in the contents under ``key``."""
    return Heading(markup(text), style, contents=contents, key=key)


class ContentsRoom(Flowable):
    """The room the cover keeps for the contents, one line per part."""

    def __init__(self, contents: Contents) -> None:
        super().__init__()
        self.contents = contents

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """As wide as the frame, a line per entry."""
        self.width, self.height = available_width, LINE * len(self.contents.entries)
        return self.width, self.height

    def draw(self) -> None:
        """Note where the lines will go."""
        left, top = self.canv.absolutePosition(0, self.height)
        self.contents.slot = (self.canv.getPageNumber(), left, top, self.width)


def fitted(text: str, width: float, font: str, size: float) -> str:
    """The text, cut with « … » where it would pass ``width``: after its last whole word when that keeps
    two thirds of what holds, a « left open closed (« « Les Bâtisseurs Solidaires… » »); nothing when not
    even « … » holds."""
    if stringWidth(text, font, size) <= width:
        return text
    kept = _held(text, width - stringWidth("…", font, size), font, size)
    if kept.count("«") > kept.count("»"):
        closing = NBSP + "»"
        kept = _held(text, width - stringWidth("…" + closing, font, size), font, size)
        return kept + "…" + closing if kept else ""
    return kept + "…" if kept else ""


def _held(text: str, room: float, font: str, size: float) -> str:
    """What of ``text`` holds in ``room``, ending on a whole word when that keeps two thirds of it."""
    used = 0.0
    for end, character in enumerate(text):
        used += stringWidth(character, font, size)
        if used > room:
            cut = text[:end]
            words = cut.rsplit(" ", 1)[0] if " " in cut and not text[end].isspace() else cut
            kept = words if len(words) * 3 >= len(cut) * 2 else cut
            return kept.rstrip(" ,·—-«" + NBSP) if room > 0 else ""
    return text


def draw_contents(canvas: Canvas, contents: Contents) -> None:
    """Each part's title on the left, its page on the right, a dotted line between."""
    _page, left, top, width = contents.slot
    canvas.saveState()
    canvas.setFont(FONT, SIZE)
    canvas.setStrokeColor(GRID)
    canvas.setDash(1, 2)
    for row, (key, title) in enumerate(contents.entries):
        if key not in contents.pages:
            continue
        y = top - (row + 1) * LINE + 4
        number = str(contents.pages[key])
        room = width - stringWidth(number, FONT, SIZE) - 12
        text = fitted(typeset(title), room, FONT, SIZE)
        canvas.drawString(left, y, text)
        canvas.drawRightString(left + width, y, number)
        canvas.line(left + stringWidth(text, FONT, SIZE) + 4, y + 1, left + room + 8, y + 1)
    canvas.restoreState()
