"""Blocks measured once: what is kept together, and tables, laid out as reportlab lays them out with
less of its general machinery (a fifth of a dossier's rendering went to measuring kept-together blocks).
"""

from __future__ import annotations

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table
from reportlab.rl_config import _FUZZ, listWrapOnFakeWidth

from conversations.render.pdf.drawing import text_code

# what measures itself without acting on the frame (no page break, no content generated while wrapping)
QUIET = (Paragraph, Table, Spacer)
UNBOUNDED = 0xFFFFFFF  # the height ``_listWrapOn`` offers each piece
OPENING_LINES = 3  # a long text's first lines that stay with the headings above it
BLANK_LEFT = 0.5  # a block moves whole to the next page only if it leaves at most this part of a page blank


class Together(KeepTogether):
    """reportlab's KeepTogether, measured without copying the frame when none of its pieces can act on
    it (``_listWrapOn``'s copy guards against generated content: ours generate none), and drawn at once
    when it fits where it stands, each piece where the frame would have put it.

    reportlab's block always claims to be too tall, so that the frame splits it into its pieces and
    adds them one by one: three times the frame's work for the two-thirds of a dossier's paragraphs
    that are kept with a neighbour. A block that does not fit still goes reportlab's way.
    """

    _sizes: list[tuple[float, float]] | None = None  # each piece's size, when the block is drawn whole

    def __init__(self, flowables: list, opening: int | None = None) -> None:
        """``opening``: how many pieces stay whole with the first lines of the next one when the block
        cannot be kept whole (all but the last one unless told)."""
        super().__init__(flowables)
        self.opening = len(self._content) - 1 if opening is None else min(opening, len(self._content) - 1)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """``KeepTogether.wrap``'s figures; its true height when it fits (then it is drawn whole)."""
        self._sizes = None
        if not all(isinstance(piece, QUIET) for piece in self._content):
            return super().wrap(available_width, available_height)
        sizes = [piece.wrapOn(self.canv, available_width, UNBOUNDED) for piece in self._content]
        widest = height = space = 0
        for number, (piece, (w, h)) in enumerate(zip(self._content, sizes, strict=True)):
            if h <= _FUZZ:
                continue
            widest = max(widest, min(w, available_width) if listWrapOnFakeWidth else w)
            height += h  # summed in reportlab's order: the same float
            if number:  # the space before merges with the previous piece's space after
                height += max(piece.getSpaceBefore() - space, 0)
            space = piece.getSpaceAfter()
            height += space
        total = height - space
        self._H, self._H0 = total, sizes[0][1] if sizes else 0
        self._wrapInfo = available_width, available_height
        if total <= available_height and sizes and all(h > _FUZZ for _, h in sizes):
            self._sizes = sizes  # no empty piece: the frame would space the pieces as measured here
            return widest, total
        return widest, 0xFFFFFF  # as reportlab: too tall on purpose, so that the frame splits it

    def split(self, available_width: float, available_height: float) -> list:
        """Where the block does not fit: moved whole to the next page if a page holds it and little blank
        is left behind; else its opening here (headings and a long text's first lines), the rest flowing.

        reportlab moves a block too tall for a page to the next one all the same, then flows it from
        there: a page left blank behind each long text (a 6,000-character rationale).
        """
        frame = getattr(self, "_frame", None)
        if frame is None:
            return super().split(available_width, available_height)
        height, page = self.height_at(available_width), frame._aH
        if height <= available_height or (height <= page and available_height <= page * BLANK_LEFT):
            return super().split(available_width, available_height)
        opened = self.opened(available_width, available_height)
        if opened:
            return opened
        if getattr(frame, "_atTop", False):  # not even its opening holds on a page: reportlab's way
            return super().split(available_width, available_height)
        return [self.FrameBreak(), self]  # its opening on the next page

    def height_at(self, width: float) -> float:
        """The block's height at this width, its pieces spaced as the frame spaces them."""
        return stacked(self._content, self.canv, width)

    def opened(self, width: float, height: float) -> list | None:
        """The pieces to flow from here, the opening's first ones no longer kept with the next, when the
        opening holds in ``height``; None when it does not."""
        head, piece, rest = (
            self._content[: self.opening],
            self._content[self.opening],
            self._content[self.opening + 1 :],
        )
        room = height - stacked(head, self.canv, width)
        if head:
            room -= head[-1].getSpaceAfter() + max(piece.getSpaceBefore() - head[-1].getSpaceAfter(), 0)
        if room <= _FUZZ:
            return None
        parts = piece.splitOn(self.canv, width, room)
        first = parts[0] if parts else None
        if first is None or (first is not piece and isinstance(first, Paragraph) and short(first)):
            return None
        for kept in head:  # already together with what follows them
            kept.__dict__["keepWithNext"] = 0
        return [*head, *parts, *rest]

    def drawOn(self, canvas, x: float, y: float, _sW: float = 0) -> None:
        """Each piece drawn from the top, its space before merged with the previous one's space after,
        aligned in the frame's width as the frame aligns it."""
        top, width, space = y + self._H, self._wrapInfo[0], None
        for piece, (w, h) in zip(self._content, self._sizes, strict=True):
            if space is not None:
                top -= max(piece.getSpaceBefore() - space, 0)
            top -= h
            piece.drawOn(canvas, x, top, _sW=width - w)
            space = piece.getSpaceAfter()
            top -= space


def short(opening: Paragraph) -> bool:
    """Whether a text's first part on a page is too short to follow a heading (fewer than 3 lines)."""
    return len(opening.blPara.lines) < OPENING_LINES


def unbroken(parts: list) -> list:
    """A paragraph's two parts as reportlab splits it, the second without the empty line reportlab starts
    it with when the cut falls after a line break (the rest of a text of short lines, a refusal's remarks,
    began one line lower on its page or in its table's row)."""
    rest = parts[1].frags if len(parts) == 2 else None
    if rest and isinstance(rest[0], list) and all(getattr(f, "lineBreak", 0) for f, _ in rest[0][1:]):
        del rest[0]  # a word of line breaks only
    return parts


def stacked(pieces: list, canvas, width: float) -> float:
    """The height of pieces one under the other, a space between two the larger of the space after the
    first and the space before the second (the first's space before and the last's space after aside)."""
    height, space = 0.0, None
    for piece in pieces:
        _, tall = piece.wrapOn(canvas, width, UNBOUNDED)
        if space is not None:
            height += space + max(piece.getSpaceBefore() - space, 0)
        height += tall
        space = piece.getSpaceAfter()
    return height


class Boxed(Flowable):
    """Lines of text in a box of the page's ``width`` (a background, a thin border, a thick rule on its
    left) that flows over as many pages as it takes, the box drawn around its part on each: a table's one
    cell cannot split, and a committee's request of 60 short lines is taller than a page."""

    PADDING = (8, 6, 6, 7)  # left, right, top, bottom: as a reportlab table cell styled so

    def __init__(self, lines: list[Flowable], width: float, colours: tuple, rule: float = 2.5) -> None:
        """``lines``: one paragraph per line of the text (one that wraps splits too), a blank line a
        spacer; ``colours``: the background's, the border's and the rule's."""
        super().__init__()
        self.lines, self.width, self.colours, self.rule = lines, width, colours, rule
        self.hAlign = "CENTER"  # as a table is placed: its width the frame's, from margin to margin
        left, right, top, bottom = self.PADDING
        self.inner, self.padded = width - left - right, top + bottom

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """Its width whatever the frame's, its height the lines' and the paddings."""
        self.heights = [line.wrap(self.inner, UNBOUNDED)[1] for line in self.lines]
        self.height = sum(self.heights) + self.padded
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        """The lines that hold here in a box (a long one split between its own lines), the rest in
        another; nothing when not one line holds."""
        self.wrap(available_width, available_height)
        room, number = available_height - self.padded, 0
        while number < len(self.lines) and self.heights[number] <= room + _FUZZ:
            room -= self.heights[number]
            number += 1
        if number == len(self.lines):
            return [self]
        parts = self.lines[number].split(self.inner, room) if room > _FUZZ else []
        parts = parts if len(parts) > 1 else []  # its first lines here, the others in the next box
        head, tail = self.lines[:number] + parts[:1], parts[1:] or [self.lines[number]]
        if not head:
            return []
        return [self.boxing(head), self.boxing(tail + self.lines[number + 1 :])]

    def boxing(self, lines: list[Flowable]) -> Boxed:
        """Some of its lines in a box like its own."""
        return Boxed(lines, self.width, self.colours, self.rule)

    def draw(self) -> None:
        """The background, the lines, then the border and the rule over them, as a table draws them."""
        canvas, (background, border, rule) = self.canv, self.colours
        canvas.saveState()
        canvas.setFillColor(background)
        canvas.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        top = self.height - self.PADDING[2]
        for line, height in zip(self.lines, self.heights, strict=True):
            top -= height
            line.drawOn(canvas, self.PADDING[0], top)
        canvas.setStrokeColor(border)
        canvas.setLineWidth(0.3)
        canvas.rect(0, 0, self.width, self.height, stroke=1, fill=0)
        canvas.setStrokeColor(rule)
        canvas.setLineWidth(self.rule)
        canvas.line(0, 0, 0, self.height)
        canvas.restoreState()


class Grid(Table):
    """reportlab's Table, its rows measured once per width (a table kept with its neighbours is measured
    by the block, then again by the frame, then at drawing time), its one-line texts drawn directly."""

    _measured_at: float | None = None

    def _calc(self, available_width: float, available_height: float) -> None:
        """The rows' heights and the columns' widths, kept while the width is the same and every row was
        measured (reportlab stops measuring a long table once it overflows the height it is offered)."""
        if available_width == self._measured_at:
            return
        super()._calc(available_width, available_height)
        self._measured_at = available_width if self._hmax == len(self._argH) else None

    def split(self, available_width: float, available_height: float) -> list:
        """Split between rows, as reportlab does; a row of a user's text of many short lines (a refusal's
        comment, a milestone) split within itself here, its lines flowing to the next page, when it is
        taller than a whole page (it would otherwise stop the document: reportlab's LayoutError) or than
        the room left where more than ``BLANK_LEFT`` of a page is left (moved whole, it left that blank:
        the rule ``Together`` follows; a row of figures, a few lines, always holds in such room)."""
        parts = super().split(available_width, available_height)
        page = self._getPossibleHeight(available_height)
        if parts:
            if not self.blank_left(available_height, page):
                return parts
            within = self.split_in_row(lambda: self._splitRows(available_height, doInRowSplit=1))
            return within or parts
        if not any(row > page for row in self._rowHeights):
            return parts
        return self.split_in_row(lambda: super(Grid, self).split(available_width, available_height))

    def blank_left(self, height: float, page: float) -> bool:
        """Whether the first row that does not hold in ``height`` leaves more than ``BLANK_LEFT`` of a page
        blank above it when moved to the next page."""
        room = height
        for row in self._rowHeights:
            if row > room:
                return room > page * BLANK_LEFT
            room -= row
        return False

    def split_in_row(self, splitting) -> list:
        """``splitting``'s parts, made with rows split within themselves allowed; the parts' other rows
        split between rows again, unless as tall."""
        self.splitInRow = 1
        try:
            parts = splitting()
        finally:
            self.splitInRow = 0
        for part in parts:
            part.splitInRow = 0
        return parts

    def _drawCell(self, value: object, style: object, position: tuple, size: tuple) -> None:
        """A cell as reportlab draws it; a left-aligned text's lines written as ``drawString`` writes them."""
        if type(value) is not str or style.alignment != "LEFT" or style.valign not in TOPS:
            return super()._drawCell(value, style, position, size)
        if style.direction or style.shaping or style.href or style.destination:
            return super()._drawCell(value, style, position, size)
        if not getFont(style.fontname)._dynamicFont:
            return super()._drawCell(value, style, position, size)
        canvas, current = self.canv, self._curcellstyle
        if current is not style:  # reportlab's own change of colour and font, on the canvas
            if current is None or style.color != current.color:
                canvas.setFillColor(style.color)
            if current is None or (style.leading, style.fontname, style.fontsize) != (
                current.leading,
                current.fontname,
                current.fontsize,
            ):
                canvas.setFont(style.fontname, style.fontsize, style.leading)
            self._curcellstyle = style
        lines, leading, font_size = value.split("\n"), style.leading, style.fontsize
        column, row = position
        if style.valign == "TOP":
            y = row + size[1] - style.topPadding - font_size
        else:
            y = row + style.bottomPadding + len(lines) * leading - font_size
        x, font = column + style.leftPadding, canvas._fontname
        for line in lines:  # in the canvas's font, size and leading, as a text object takes them
            made = text_code(line, font, canvas._fontsize, canvas._leading, canvas)
            canvas._code.append(f"BT 1 0 0 1 {fp_str(x, y)} Tm {made} T* ET")
            y -= leading
        return None


TOPS = ("TOP", "BOTTOM")  # the vertical alignments drawn directly (MIDDLE is left to reportlab)
