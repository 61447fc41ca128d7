"""The dossier's rules as pure functions: what is chosen, what is still missing."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from models.referential import Referential

MIN_ENGAGEMENTS = 8
MIN_PER_AXIS = 2


@dataclass(frozen=True)
class AxisProgress:
    axis: int
    chosen: int
    available: int

    @property
    def missing(self) -> int:
        """How many more engagements the axis needs to reach its minimum."""
        return max(0, MIN_PER_AXIS - self.chosen)


@dataclass(frozen=True)
class SelectionProgress:
    axes: tuple[AxisProgress, ...]
    chosen: int

    @property
    def missing_total(self) -> int:
        """How many more engagements the dossier needs in all (beyond the axes' own gaps)."""
        return max(0, MIN_ENGAGEMENTS - self.chosen)

    @property
    def is_valid(self) -> bool:
        """At least 8 engagements and at least 2 in each axis."""
        return self.missing_total == 0 and all(axis.missing == 0 for axis in self.axes)


def selection_progress(referential: Referential, chosen_codes: Iterable[int]) -> SelectionProgress:
    """Count the chosen engagements per axis against the minimums."""
    chosen = {code for code in chosen_codes}
    axes = tuple(
        AxisProgress(
            axis=axis.code,
            chosen=sum(1 for e in referential.engagements_of(axis.code) if e.code in chosen),
            available=len(referential.engagements_of(axis.code)),
        )
        for axis in referential.axes
    )
    return SelectionProgress(axes=axes, chosen=sum(a.chosen for a in axes))
