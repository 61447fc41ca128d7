"""The date questions' examples are computed from today, never written with a year that would age: a
target date's is the end of the month the 18-month period ends in if the next meeting declares the coop
admissible, an action's deadline's the day its refusal shows; each form they show reads back as the same
day."""

from __future__ import annotations

from datetime import date

import pytest

from conversations.render.fields import Answer, field_spec
from locales import translator
from models.clock import paris_today
from models.label.meetings import next_committee_meeting
from models.parsing.due_dates import parse_due_date
from models.parsing.text import InputError

SOME_DAY = date(2031, 8, 10)  # another year than the one the examples were first written in


def example(entity: str, name: str, language: str, today: date | None, meeting: date | None = None) -> str:
    """The example under a date question, on ``today`` (the next meeting by the default rule's days)."""
    answer = Answer(language, today, meeting or next_committee_meeting(today)) if today else None
    return field_spec(entity, name).example_for(translator(language), None, answer)


def test_a_target_dates_example_is_the_end_of_the_month_the_18_month_period_ends_in():
    # the next meeting by the default rule: Tuesday 2 September 2031, the period's end 2 March 2033
    assert example("indicator", "target_date", "fr", SOME_DAY) == "ex. 31/03/2033 ou mars 2033"
    assert example("indicator", "target_date", "en", SOME_DAY) == "e.g. 31/03/2033 or March 2033"
    # a meeting configured on 20 August 2030: the period ends in a leap February, its 29th
    in_august = example("indicator", "target_date", "en", date(2030, 8, 1), meeting=date(2030, 8, 20))
    assert in_august == "e.g. 29/02/2032 or February 2032"


def test_an_actions_deadline_example_is_the_day_its_refusal_shows():
    assert example("action", "due_date", "fr", SOME_DAY) == "ex. décembre 2031, 12/2031 ou 15/12/2031"
    assert example("action", "due_date", "en", SOME_DAY) == "e.g. December 2031, 12/2031 or 15/12/2031"
    with pytest.raises(InputError) as refused:
        parse_due_date("un jour", "fr", SOME_DAY)
    assert refused.value.example == "15/12/2031"  # the same day: one rule for the question and its refusal


@pytest.mark.parametrize(
    ("entity", "name", "days"), [("indicator", "target_date", 1), ("action", "due_date", 2)]
)
def test_every_form_an_example_shows_reads_back_in_its_month(entity, name, days):
    """A target's « 31/05/2028 » and « May 2028 » are one day typed two ways; an action's month forms
    stand for that month's last day, its day form for the 15th."""
    shown = example(entity, name, "en", SOME_DAY).removeprefix("e.g. ").replace(" or ", ", ").split(", ")
    read = {parse_due_date(form, "en", SOME_DAY).value for form in shown}
    assert len(shown) == days + 1 and len(read) == days and len({(d.year, d.month) for d in read}) == 1


def test_without_a_day_given_the_examples_are_todays():
    for entity, name in (("indicator", "target_date"), ("action", "due_date")):
        assert example(entity, name, "fr", None) == example(entity, name, "fr", paris_today())
