"""Blocks measured once: what is kept together, and tables, laid out as reportlab lays them out with
less of its general machinery (a fifth of a dossier's rendering went to measuring kept-together blocks).
"""

from __future__ import annotations

from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table
from reportlab.rl_config import _FUZZ, listWrapOnFakeWidth

# what measures itself without acting on the frame (no page break, no content generated while wrapping)
QUIET = (Paragraph, Table, KeepTogether, Spacer)
UNBOUNDED = 0xFFFFFFF  # the height ``_listWrapOn`` offers each piece


class Together(KeepTogether):
    """reportlab's KeepTogether, its pieces measured without copying the frame when none of them can act
    on it (``_listWrapOn``'s copy guards against generated content: ours generate none)."""

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """``KeepTogether.wrap``: the widest piece and the height of them all, spaces merged."""
        content = self._content
        if not all(isinstance(piece, QUIET) for piece in content):
            return super().wrap(available_width, available_height)
        widest = height = space = 0
        first_height, first = None, True
        for piece in content:
            w, h = piece.wrapOn(self.canv, available_width, UNBOUNDED)
            if first_height is None:
                first_height = h
            if h <= _FUZZ:
                continue
            widest = max(widest, min(w, available_width) if listWrapOnFakeWidth else w)
            height += h
            if first:
                first = False
            else:  # the space before merges with the previous piece's space after
                height += max(piece.getSpaceBefore() - space, 0)
            space = piece.getSpaceAfter()
            height += space
        self._H, self._H0 = height - space, first_height or 0
        self._wrapInfo = available_width, available_height
        return widest, 0xFFFFFF  # as reportlab: too tall on purpose, so that the frame splits it


class Grid(Table):
    """reportlab's Table, its rows measured once per width: a table kept with its neighbours is measured
    by the block, then again by the frame, then at drawing time."""

    _measured_at: float | None = None

    def _calc(self, available_width: float, available_height: float) -> None:
        """The rows' heights and the columns' widths, kept while the width is the same and every row was
        measured (reportlab stops measuring a long table once it overflows the height it is offered)."""
        if available_width == self._measured_at:
            return
        super()._calc(available_width, available_height)
        self._measured_at = available_width if self._hmax == len(self._argH) else None
