"""Cycle 1 beside cycle 2: an earlier cycle's results, and what became of each in the cycle that follows
(domain.md: at renewal the coop shows at least that cycle 1's results are maintained, ideally improved or
enriched with indicators). One comparison, read by the committee's « 📜 Cycle 1 » and the renewal's PDF.

Per engagement of the earlier cycle, each indicator: its start (its value at admissibility, else its last
one), its last value and when it was set (``value_dates``, as the bilan dates it), and its counterpart in
the next cycle when the coop carried it over. The renewal copies indicators without a link to their source
(``transitions._next_cycle``): one is matched on its engagement and the referential's code, else its
title. Figures only, no « maintained / improved » verdict: a higher number is not always better.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel.ext.asyncio.session import AsyncSession

from models.dossier.reads import DossierSnapshot, read_snapshot
from models.label.bilans import value_dates
from models.label.cycles import earlier_cycle_of
from models.parsing.names import loose_name_key
from models.tables import Dossier, Indicator


@dataclass(frozen=True)
class EarlierIndicator:
    """An indicator of the earlier cycle, as that cycle ended."""

    indicator: Indicator
    start: str | None  # its value at the cycle's start (admissibility), else its last one
    reached_on: date | None  # when its last value was set
    twin: Indicator | None  # the same indicator in the next cycle, when the coop carried it over


@dataclass(frozen=True)
class EarlierEngagement:
    """An engagement of the earlier cycle (chosen, or holding indicators)."""

    code: int
    kept: bool  # still chosen in the next cycle
    indicators: tuple[EarlierIndicator, ...]
    new: tuple[Indicator, ...]  # the next cycle's indicators of this engagement that match none


@dataclass(frozen=True)
class CycleResults:
    """The earlier cycle's results beside the next cycle's dossier."""

    earlier: Dossier
    current: Dossier
    engagements: tuple[EarlierEngagement, ...]
    added: tuple[int, ...]  # the engagements the next cycle chose and the earlier did not


def carried_key(indicator: Indicator) -> tuple:
    """What an indicator is recognised by from one cycle to the next: its engagement and the referential's
    code (a suggested one), else its title as a person reads it (``loose_name_key``: « Taux d’impayés » is
    « taux d'impayés »)."""
    if indicator.suggested_code:
        return (indicator.engagement_code, "code", indicator.suggested_code)
    return (indicator.engagement_code, "title", loose_name_key(indicator.title or ""))


def carried_over(earlier: DossierSnapshot, current: DossierSnapshot) -> dict[int, Indicator]:
    """Each earlier indicator's counterpart in the next cycle, by the earlier one's id (each once)."""
    waiting: dict[tuple, list[Indicator]] = {}
    for indicator in current.indicators:
        waiting.setdefault(carried_key(indicator), []).append(indicator)
    found = {}
    for indicator in earlier.indicators:
        if candidates := waiting.get(carried_key(indicator)):
            found[indicator.id] = candidates.pop(0)
    return found


def compared(before: DossierSnapshot, now: DossierSnapshot, dates: dict[int, date]) -> CycleResults:
    """The comparison of two cycles read (``dates``: when each earlier indicator's value was set)."""
    twins = carried_over(before, now)
    matched = {twin.id for twin in twins.values()}
    engagements = []
    for code in sorted(before.chosen | {i.engagement_code for i in before.indicators}):
        indicators = tuple(
            EarlierIndicator(i, i.baseline_value or i.current_value, dates.get(i.id), twins.get(i.id))
            for i in before.indicators_of(code)
        )
        new = tuple(i for i in now.indicators_of(code) if i.id not in matched)
        engagements.append(EarlierEngagement(code, code in now.chosen, indicators, new))
    return CycleResults(
        before.dossier, now.dossier, tuple(engagements), tuple(sorted(now.chosen - before.chosen))
    )


async def cycle_results(session: AsyncSession, earlier: Dossier, now: DossierSnapshot) -> CycleResults:
    """The earlier cycle ``earlier`` read (its content, its values' dates) beside ``now``, read already."""
    before = await read_snapshot(session, earlier)
    return compared(before, now, await value_dates(session, earlier, [i.id for i in before.indicators]))


async def results_before(session: AsyncSession, now: DossierSnapshot) -> CycleResults | None:
    """The results of the cycle before ``now``'s dossier, submitted to the committee then (renewed, or its
    label refused); None for a first cycle, known without a statement."""
    earlier = await earlier_cycle_of(session, now.dossier)
    return None if earlier is None else await cycle_results(session, earlier, now)
