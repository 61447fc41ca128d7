"""The dossier's rules as pure functions: what is chosen, what is still missing."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from models.clock import add_months
from models.referential.model import Referential

MIN_ENGAGEMENTS = 8
MIN_PER_AXIS = 2
TARGET_PERIOD_MONTHS = 18  # an indicator's target date: by default, the end of the 18-month period


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
    chosen = set(chosen_codes)
    axes = tuple(
        AxisProgress(
            axis=axis.code,
            chosen=sum(1 for e in referential.engagements_of(axis.code) if e.code in chosen),
            available=len(referential.engagements_of(axis.code)),
        )
        for axis in referential.axes
    )
    return SelectionProgress(axes=axes, chosen=sum(a.chosen for a in axes))


def default_target_date(meeting: date) -> date:
    """The end of the 18-month period if the coop is declared admissible at this meeting: the next one,
    the earliest it can be while its dossier is still written."""
    return add_months(meeting, TARGET_PERIOD_MONTHS)


# ---- completeness of the whole dossier -------------------------------------------------------

# in the order every screen asks them (the chat's wizard, the Mini App's row): a gap's first field is where
# « continue » and a link lead; the unit, required for numbers only, right after the kind
INDICATOR_ASKED = ("title", "rationale", "value_kind", "unit", "current_value", "target_value", "target_date")
INDICATOR_REQUIRED = tuple(name for name in INDICATOR_ASKED if name != "unit")  # of every kind
ACTION_REQUIRED = ("description", "owner", "due_date")
INVOLVEMENT_REQUIRED = ("approach", "staff_information", "members_information", "members_consultation")


@dataclass(frozen=True)
class Gap:
    """One rule not met, with what the UI needs to say it and to offer the fix."""

    kind: str  # axis_short, total_short, no_indicator, indicator_incomplete, no_action,
    #            action_incomplete, involvement_missing, no_commitment_letter
    axis: int | None = None
    engagement: int | None = None
    indicator_id: int | None = None
    action_id: int | None = None
    missing: int = 0
    fields: tuple[str, ...] = ()


def indicator_missing_fields(indicator) -> tuple[str, ...]:
    """The required fields of an indicator still empty, in the order they are asked (a unit is required
    for numbers)."""
    numbers = indicator.value_kind == "number"
    asked = (name for name in INDICATOR_ASKED if name != "unit" or numbers)
    return tuple(name for name in asked if getattr(indicator, name) in (None, ""))


def action_missing_fields(action) -> tuple[str, ...]:
    """The required fields of an action still empty."""
    return tuple(name for name in ACTION_REQUIRED if getattr(action, name) in (None, ""))


def indicator_done(indicator, actions) -> bool:
    """An indicator with every required answer and at least one action, each with all of its own (an
    action missing its owner or due date leaves it to finish, as « Ce qui manque » says)."""
    return (
        bool(actions)
        and not indicator_missing_fields(indicator)
        and not any(map(action_missing_fields, actions))
    )


def dossier_gaps(referential: Referential, snapshot) -> list[Gap]:
    """Every rule the dossier does not meet yet, in the order a user would fix them."""
    progress = selection_progress(referential, snapshot.chosen)
    gaps = [Gap("axis_short", axis=a.axis, missing=a.missing) for a in progress.axes if a.missing]
    beyond_axes = progress.missing_total - sum(a.missing for a in progress.axes)
    if beyond_axes > 0:
        gaps.append(Gap("total_short", missing=beyond_axes))
    known = {e.code for e in referential.engagements}
    for code in sorted(c for c in snapshot.chosen if c in known):
        indicators = snapshot.indicators_of(code)
        if not indicators:
            gaps.append(Gap("no_indicator", engagement=code))
        for indicator in indicators:
            fields = indicator_missing_fields(indicator)
            if fields:
                gaps.append(
                    Gap("indicator_incomplete", engagement=code, indicator_id=indicator.id, fields=fields)
                )
            actions = snapshot.actions_of(indicator.id)
            if not actions:
                gaps.append(Gap("no_action", engagement=code, indicator_id=indicator.id))
            for action in actions:
                fields = action_missing_fields(action)
                if fields:
                    gaps.append(
                        Gap(
                            "action_incomplete",
                            engagement=code,
                            indicator_id=indicator.id,
                            action_id=action.id,
                            fields=fields,
                        )
                    )
    missing = tuple(name for name in INVOLVEMENT_REQUIRED if not getattr(snapshot.dossier, name))
    if missing:
        gaps.append(Gap("involvement_missing", fields=missing))
    if not snapshot.has_commitment_letter:
        gaps.append(Gap("no_commitment_letter"))
    return gaps


def completion_percent(referential: Referential, snapshot) -> int:
    """How much of the dossier is filled, 0 to 100: every required answer counts once.

    The engagements count as the 8 to choose (fewer while an axis lacks its 2); each chosen
    engagement then needs an indicator, each indicator its fields and an action, each action its
    fields (one not there yet counts as all it will ask, so that beginning it never lowers the share; an
    engagement still to choose counts so too, else 3 of 8 filled read « 86 % »: choosing one the rules
    still ask for never lowers it, one more than they ask adds the answers it will need); then the
    involvement texts and the letter. 100 exactly when no rule is left unmet.
    """
    progress = selection_progress(referential, snapshot.chosen)
    to_choose = max(progress.missing_total, sum(axis.missing for axis in progress.axes))
    done, total = MIN_ENGAGEMENTS - to_choose, MIN_ENGAGEMENTS
    total += to_choose * (len(INDICATOR_REQUIRED) + len(ACTION_REQUIRED))
    known = {e.code for e in referential.engagements}
    for code in (c for c in snapshot.chosen if c in known):
        indicators = snapshot.indicators_of(code)
        # what is not there yet counts as all it will ask: an indicator begun never lowers the share
        total += 0 if indicators else len(INDICATOR_REQUIRED) + len(ACTION_REQUIRED)
        for indicator in indicators:
            required = len(INDICATOR_REQUIRED) + (1 if indicator.value_kind == "number" else 0)
            done += required - len(indicator_missing_fields(indicator))
            total += required
            actions = snapshot.actions_of(indicator.id)
            total += 0 if actions else len(ACTION_REQUIRED)
            for action in actions:
                done += len(ACTION_REQUIRED) - len(action_missing_fields(action))
                total += len(ACTION_REQUIRED)
    done += sum(1 for name in INVOLVEMENT_REQUIRED if getattr(snapshot.dossier, name))
    done += 1 if snapshot.has_commitment_letter else 0
    total += len(INVOLVEMENT_REQUIRED) + 1
    return 100 * done // total
