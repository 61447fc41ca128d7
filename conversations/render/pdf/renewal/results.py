"""The earlier cycle's results as the renewal's PDF shows them (« Résultats du cycle 1 »): the domain's
comparison (``models.label.renewal.results``, which the committee's « 📜 Cycle 1 » reads too) with every
text translated and formatted, and the cover's words (a renewal, or a new candidacy after a label refused).
Plain data: no reportlab here, the chat imports the words it shares with the PDF.
"""

from __future__ import annotations

from dataclasses import dataclass

from conversations.render.formatting import format_day, format_due, format_value, quoted
from locales import N_, Translator
from models.clock import add_months
from models.label.lifecycle import RENEWAL_OPENS_AFTER as LABEL_MONTHS
from models.label.renewal.results import CycleResults, EarlierIndicator
from models.referential.model import Referential
from models.tables import Indicator

# shared with the committee's « 📜 Cycle 1 »
NOT_CARRIED = N_("Not carried over to cycle {cycle}.")
NOT_KEPT = N_("Engagement not kept in cycle {cycle}.")
NO_INDICATOR = N_("No indicator in this cycle.")
# the PDF's own
NOT_CARRIED_CELL = N_("Not carried over")  # under « Cycle 2: current → target »
RENEWAL = N_("Renewal — cycle {cycle}")
NEW_CANDIDACY = N_("New candidacy — cycle {cycle}")  # after the earlier cycle's label was refused
LABEL_OF = N_("Cycle {cycle} label")
LABEL_DATES = N_("from {start} to {end}")
TITLE = N_("Cycle {cycle} results")
INTRO = N_(
    "Each indicator of cycle {earlier} as that cycle ended: its start, its target, the last value reached "
    "and when. Beside it, its current value and target in cycle {cycle}, under review, where the coop "
    "carried it over."
)
COLUMNS = (
    N_("Indicator"),
    N_("Start"),
    N_("Cycle {earlier}: target"),
    N_("Reached"),
    N_("Cycle {cycle}: current → target"),
)


@dataclass(frozen=True)
class ResultRow:
    """An earlier indicator's row: each cell a value and, under it, its date (or nothing)."""

    title: str
    start: str
    target: tuple[str, str]  # the earlier cycle's target, by its date
    reached: tuple[str, str]  # the last value, « le 3 mars 2028 »
    now: tuple[str, str]  # « 16 % → 25 % », by its date; or « Non reconduit »
    carried: bool


@dataclass(frozen=True)
class EngagementResults:
    title: str  # « Engagement 3 — … »
    before: tuple[str, ...]  # notes above its indicators (not kept in the cycle under review)
    rows: tuple[ResultRow, ...]
    after: tuple[str, ...]  # notes below (no indicator; indicators new in the cycle under review)


@dataclass(frozen=True)
class RenewalView:
    """The earlier cycle's part of a renewal's PDF, in one language."""

    cover: tuple[tuple[str, str], ...]  # the cover's rows in place of its « Cycle »
    title: str
    intro: str
    columns: tuple[str, ...]
    engagements: tuple[EngagementResults, ...]
    added: tuple[str, ...]  # « Engagements ajoutés au cycle 2 : » then each, or nothing


def new_indicators(t: Translator, cycle: int, titles: list[str]) -> str:
    """« Nouvel indicateur au cycle 2 : « … » » (plain text): the chat's and the PDF's words."""
    said = t.ngettext(
        "New indicator in cycle {cycle}: {titles}", "New indicators in cycle {cycle}: {titles}", len(titles)
    )
    return said.format(cycle=cycle, titles=", ".join(quoted(t.language, title) for title in titles))


def new_engagements(t: Translator, cycle: int, count: int) -> str:
    """« Engagement ajouté au cycle 2 : », « Engagements ajoutés… » for more (plain text): the chat's and the
    PDF's words above the engagements the cycle under review added."""
    said = t.ngettext("Engagement added in cycle {cycle}:", "Engagements added in cycle {cycle}:", count)
    return said.format(cycle=cycle)


def engagement_name(t: Translator, referential: Referential, code: int) -> str:
    """« Engagement 3 — Title »; the code alone if the referential no longer has it."""
    word = t.gettext("Engagement")
    try:
        return f"{word} {code} — {referential.engagement(code).title.get(t.language)}"
    except KeyError:
        return f"{word} {code}"


def cover_rows(t: Translator, results: CycleResults) -> tuple[tuple[str, str], ...]:
    """A renewal and its earlier label's dates; or a new candidacy, its earlier label refused."""
    earlier, cycle = results.earlier, results.current.cycle
    if earlier.labelled_on is None:
        return ((t.gettext("Cycle"), t.gettext(NEW_CANDIDACY).format(cycle=cycle)),)
    end = add_months(earlier.labelled_on, LABEL_MONTHS)
    dates = t.gettext(LABEL_DATES).format(start=format_day(t, earlier.labelled_on), end=format_day(t, end))
    return (
        (t.gettext("Cycle"), t.gettext(RENEWAL).format(cycle=cycle)),
        (t.gettext(LABEL_OF).format(cycle=earlier.cycle), dates),
    )


def result_row(t: Translator, referential: Referential, result: EarlierIndicator) -> ResultRow:
    """An earlier indicator's figures, and its counterpart's in the cycle under review."""
    item, twin = result.indicator, result.twin

    def value(row: Indicator, stored: str | None) -> str:
        return format_value(t, stored, row.value_kind, row.unit)

    on = t.gettext("on {date}").format(date=format_day(t, result.reached_on)) if result.reached_on else ""
    if twin is None:
        now = (t.gettext(NOT_CARRIED_CELL), "")
    else:
        figures = f"{value(twin, twin.current_value)} → {value(twin, twin.target_value)}"
        now = (figures, format_due(t, twin.target_date))
    return ResultRow(
        referential.indicator_title(item, t.language),
        value(item, result.start),
        (value(item, item.target_value), format_due(t, item.target_date)),
        (value(item, item.current_value), on),
        now,
        twin is not None,
    )


def renewal_view(t: Translator, referential: Referential, results: CycleResults) -> RenewalView:
    """The earlier cycle's results for a reader of ``t``'s language."""
    earlier, cycle = results.earlier.cycle, results.current.cycle
    engagements = []
    for engagement in results.engagements:
        before = () if engagement.kept else (t.gettext(NOT_KEPT).format(cycle=cycle),)
        after = () if engagement.indicators else (t.gettext(NO_INDICATOR),)
        if engagement.new:
            titles = [referential.indicator_title(i, t.language) for i in engagement.new]
            after += (new_indicators(t, cycle, titles),)
        rows = tuple(result_row(t, referential, result) for result in engagement.indicators)
        engagements.append(
            EngagementResults(engagement_name(t, referential, engagement.code), before, rows, after)
        )
    added = tuple(engagement_name(t, referential, code) for code in results.added)
    return RenewalView(
        cover=cover_rows(t, results),
        title=t.gettext(TITLE).format(cycle=earlier),
        intro=t.gettext(INTRO).format(earlier=earlier, cycle=cycle),
        columns=tuple(t.gettext(c).format(earlier=earlier, cycle=cycle) for c in COLUMNS),
        engagements=tuple(engagements),
        added=(new_engagements(t, cycle, len(added)), *added) if added else (),
    )
