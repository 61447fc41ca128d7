"""Property-based tests: the parsers read back what the formatters write, in French and in English, and
raise nothing but InputError on any text; the selection rules count right; the lifecycle reaches no
impossible state and its dates stay in order.

(There is no duration parser in models/parsing: a duration is typed as a number of days, a unit of
the number parser, covered here.)
"""

from __future__ import annotations

import contextlib
import itertools
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conversations.render.formatting import format_due, format_moment, format_number, format_value
from locales import translator
from models.clock import PARIS, add_months
from models.dossier.rules import MIN_ENGAGEMENTS, MIN_PER_AXIS, selection_progress
from models.label.lifecycle import (
    RULES,
    Role,
    Transition,
    TransitionRefused,
    allowed_transitions,
    check_transition,
    timeline,
)
from models.parsing.due_dates import parse_date_between, parse_due_date
from models.parsing.meeting_time import parse_meeting_time
from models.parsing.numbers import MAX_DECIMALS, MAX_NUMBER, WHOLE_UNITS, parse_number
from models.parsing.text import InputError
from models.parsing.values import parse_value
from models.referential.parsing import default_referential
from models.tables import DossierStatus
from models.values import Unit, ValueKind, number_to_storage

LANGUAGES = st.sampled_from(["fr", "en"])
TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
ANY_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from(list("0123456789,. %€h/:-'")),
    max_size=40,
)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

numbers = st.decimals(min_value=0, max_value=MAX_NUMBER, places=MAX_DECIMALS, allow_nan=False)


@FAST
@given(numbers, LANGUAGES, st.sampled_from([None, Unit.EURO, Unit.COUNT, Unit.HOMES, Unit.DAYS]))
def test_a_number_shown_reads_back_the_same(value, language, unit):
    if unit in WHOLE_UNITS:  # homes and people are counted whole (« 12,5 logements » is refused)
        value = value.to_integral_value(rounding="ROUND_DOWN")
    stored = number_to_storage(value)
    shown = format_number(translator(language), stored, unit)
    assert parse_number(shown, language, unit) == Decimal(stored), shown


@FAST
@given(st.decimals(min_value=0, max_value=100, places=MAX_DECIMALS), LANGUAGES)
def test_a_percentage_shown_reads_back_the_same(value, language):
    stored = number_to_storage(value)
    shown = format_value(translator(language), stored, ValueKind.NUMBER, Unit.PERCENT)
    assert parse_value(shown, language, ValueKind.NUMBER, Unit.PERCENT) == stored, shown


@FAST
@given(st.dates(min_value=TODAY, max_value=add_months(TODAY, 119)), LANGUAGES)
def test_a_day_shown_reads_back_the_same(day, language):
    shown = format_due(translator(language), day)
    assert parse_due_date(shown, language, TODAY).value == day, shown
    assert parse_date_between(shown, language, TODAY, day) == day


@FAST
@given(st.dates(min_value=TODAY, max_value=add_months(TODAY, 119)), LANGUAGES)
def test_a_month_shown_reads_back_as_its_last_day(day, language):
    shown = format_due(translator(language), day, "month")
    due = parse_due_date(shown, language, TODAY)
    assert (due.precision, due.value.month, due.value.year) == ("month", day.month, day.year), shown
    assert (due.value + timedelta(days=1)).day == 1


@FAST
@given(st.integers(min_value=1, max_value=60 * 24 * 700), LANGUAGES)
def test_a_meeting_time_shown_reads_back_the_same(minutes, language):
    instant = (NOW + timedelta(minutes=minutes)).replace(second=0, microsecond=0)
    if (
        instant.astimezone(PARIS).fold
        or instant.astimezone(PARIS).dst() != (instant + timedelta(hours=2)).astimezone(PARIS).dst()
    ):  # the hour the clocks go back happens twice: a Paris time there names two instants
        return
    shown = format_moment(translator(language), instant)
    assert parse_meeting_time(shown, language, NOW) == instant, shown


@settings(max_examples=400, deadline=None)
@given(ANY_TEXT, LANGUAGES, st.sampled_from([None, *Unit, "jours ouvrés"]), st.sampled_from(list(ValueKind)))
def test_any_text_is_read_or_refused_with_an_input_error(text, language, unit, kind):
    for parse in (
        lambda: parse_number(text, language, unit if unit in list(Unit) else None),
        lambda: parse_value(text, language, kind, unit),
        lambda: parse_due_date(text, language, TODAY),
        lambda: parse_date_between(text, language, TODAY - timedelta(days=30), TODAY),
        lambda: parse_date_between(text, language, TODAY - timedelta(days=30), TODAY, today=TODAY),
        lambda: parse_meeting_time(text, language, NOW),
    ):
        with contextlib.suppress(InputError):
            parse()


REFERENTIAL = default_referential()
CODES = [e.code for axis in REFERENTIAL.axes for e in REFERENTIAL.engagements_of(axis.code)]


@FAST
@given(st.sets(st.sampled_from(CODES)), st.sampled_from(CODES))
def test_the_selection_rules_count_right(chosen, another):
    progress = selection_progress(REFERENTIAL, chosen)
    assert progress.chosen == len(chosen)
    per_axis = {a.axis: a.chosen for a in progress.axes}
    assert progress.is_valid == (len(chosen) >= MIN_ENGAGEMENTS and min(per_axis.values()) >= MIN_PER_AXIS)
    more = selection_progress(REFERENTIAL, chosen | {another})
    assert more.chosen >= progress.chosen and more.missing_total <= progress.missing_total
    assert sum(a.missing for a in more.axes) <= sum(a.missing for a in progress.axes)


TERMINAL = {DossierStatus.RENEWED}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(list(Transition)), st.sampled_from(list(Role))), max_size=30))
def test_no_sequence_of_transitions_reaches_an_impossible_state(steps):
    status, seen = DossierStatus.DRAFT, [DossierStatus.DRAFT]
    for transition, role in steps:
        allowed = transition in allowed_transitions(status, role)
        try:
            status = check_transition(status, transition, role)
        except TransitionRefused:
            assert not allowed
            continue
        assert allowed and status == RULES[transition].target
        seen.append(status)
    assert not any(s in TERMINAL for s in seen[:-1])  # nothing leaves a renewal
    # a refusal is left only for a new draft (the direction's « prepare a new candidacy »)
    assert all(b == DossierStatus.DRAFT for a, b in itertools.pairwise(seen) if a == DossierStatus.REFUSED)
    order = list(DossierStatus)
    backwards = [(a, b) for a, b in itertools.pairwise(seen) if order.index(b) < order.index(a)]
    # the only steps back: the committee asks for more, the coop submits again, or prepares a new
    # candidacy from a refused one (its own explicit step, by the direction); and the label refused
    # after the visit (405ad90: « refused » comes before « visited » in the statuses' order)
    editable_again = {(DossierStatus.SUBMITTED, DossierStatus.INFO_REQUESTED)}
    again = {
        (DossierStatus.INFO_REQUESTED, DossierStatus.SUBMITTED),
        (DossierStatus.REFUSED, DossierStatus.DRAFT),
        (DossierStatus.VISITED, DossierStatus.REFUSED),
    }
    assert set(backwards) <= editable_again | again


@FAST
@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2040, 12, 31)), st.integers(0, 1500))
def test_checkpoint_dates_follow_the_admissibility_and_label_dates(admissible_on, days_to_label):
    labelled_on = admissible_on + timedelta(days=days_to_label)
    steps = timeline(admissible_on, labelled_on)
    after_a, after_l = steps[:3], steps[3:]
    assert all(admissible_on < day for _, day in after_a) and all(labelled_on < day for _, day in after_l)
    assert [d for _, d in after_a] == sorted(d for _, d in after_a)
    assert [d for _, d in after_l] == sorted(d for _, d in after_l)
