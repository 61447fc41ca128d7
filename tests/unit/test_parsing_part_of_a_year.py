"""A part of a year typed as a date (« mi-2026 », « début 2026 », « courant 2026 ») is read against the
question's bounds: wholly past for a deadline, it is refused as past (« fin 2025 »'s words); partly past,
its month is asked with an example the question takes (never June for « mi-2026 » on 6 December 2026); at
a decision's date, which looks back, with one in its range (never a month ahead)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from conversations.render.input_errors import input_error_text
from locales import Translator
from models.clock import add_months
from models.parsing.due_dates import DueDate, parse_date_between, parse_due_date
from models.parsing.text import InputError

TODAY = date(2026, 12, 6)
FR = Translator("fr")
PARTS = ("début", "mi-", "milieu", "courant", "en", "early", "mid-", "beginning of", "in")
# a season, a year alone: no month either (tests/unit/test_parsing_planners_periods.py)
PARTS += ("été", "l’hiver", "au printemps", "autumn", "")


def refused(call, *args, **kwargs) -> InputError:
    """The InputError a parser raises (fails the test if it returns instead)."""
    with pytest.raises(InputError) as caught:
        call(*args, **kwargs)
    return caught.value


def _typed(part: str, year: int) -> str:
    return f"{part}{year}" if part.endswith("-") else f"{part} {year}"


def _example(error: InputError, typed: str) -> str:
    """The month a refusal asks to type, as it says it (« ex. juillet 2026 »)."""
    said = input_error_text(FR, error, typed)
    assert error.code == "month_needed", said
    return said.rsplit("ex. ", 1)[1].rstrip(".")


def _decision(text: str, today: date = TODAY):
    return parse_date_between(text, "fr", add_months(today, -120), today, today=today)


@pytest.mark.parametrize("typed", ["mi-2026", "début 2026", "mid-2026", "early 2026", "milieu de 2026"])
def test_a_part_of_a_year_wholly_past_is_refused_as_past(typed):
    error = refused(parse_due_date, typed, "fr", TODAY)
    assert error.code == "date_in_past", input_error_text(FR, error, typed)
    past = refused(parse_due_date, "fin 2025", "fr", TODAY)
    assert input_error_text(FR, error, typed) == input_error_text(FR, past, "fin 2025")  # the same words


@pytest.mark.parametrize(
    ("typed", "today", "month"),
    [
        ("mi-2026", date(2026, 7, 10), date(2026, 7, 1)),  # June gone: July, the current month
        ("mid-2026", date(2026, 8, 31), date(2026, 8, 1)),
        ("début 2026", date(2026, 3, 2), date(2026, 3, 1)),
        ("courant 2026", TODAY, date(2026, 12, 1)),
        ("mi-2026", date(2026, 5, 15), date(2026, 6, 1)),  # June still ahead: June
        ("début 2027", TODAY, date(2027, 1, 1)),
    ],
)
def test_a_part_of_a_year_partly_past_asks_a_month_still_ahead(typed, today, month):
    error = refused(parse_due_date, typed, "fr", today)
    assert (error.code, error.params["month"]) == ("month_needed", month)
    assert parse_due_date(_example(error, typed), "fr", today).value.replace(day=1) == month


@pytest.mark.parametrize("part", PARTS)
def test_every_example_of_a_deadline_is_taken_whatever_the_day(part):
    """The first, 15th and last days of two years, for the year before, this one and the next: refused as past, or asked
    with a month that the deadline's question takes when typed back."""
    for day in _days_of(2026, 2027):
        for year in (day.year - 1, day.year, day.year + 1):
            typed = _typed(part, year)
            error = refused(parse_due_date, typed, "fr", day)
            if error.code != "date_in_past":
                parse_due_date(_example(error, typed), "fr", day)  # raises if the example is refused


def _days_of(*years: int):
    """The first, the 15th and the last day of every month of these years."""
    for year in years:
        for month in range(1, 13):
            first = date(year, month, 1)
            yield from (first, first.replace(day=15), add_months(first, 1) - timedelta(days=1))


def test_a_decisions_part_of_a_year_asks_a_month_in_its_range():
    error = refused(_decision, "mi-2026")
    assert (error.code, error.params["month"]) == ("month_needed", date(2026, 6, 1))
    assert _decision(_example(error, "mi-2026")) == date(2026, 6, 30)
    # on 10 March 2026, « courant 2026 »'s December is ahead: the current month, its day today
    error = refused(_decision, "courant 2026", date(2026, 3, 10))
    assert _decision(_example(error, "courant 2026"), date(2026, 3, 10)) == date(2026, 3, 10)


@pytest.mark.parametrize("part", PARTS)
def test_every_example_of_a_decisions_date_is_taken(part):
    for today in _days_of(2026):
        for year in (2016, 2017, 2025, 2026, 2027):
            typed = _typed(part, year)
            error = refused(_decision, typed, today)
            if error.code == "month_needed":
                _decision(_example(error, typed), today)  # raises if the example is refused
            else:  # the whole part ahead, or before the ten years a decision goes back
                assert error.code in ("date_too_far", "date_before"), (typed, today, error.code)


def test_the_end_of_a_year_for_a_decision_is_its_december():
    assert _decision("fin 2025") == date(2025, 12, 31)
    assert _decision("fin 2026") == TODAY  # the current month: its latest day allowed, today
    assert parse_due_date("fin 2026", "fr", TODAY) == DueDate(date(2026, 12, 31), "month")


@pytest.mark.parametrize("typed", ["the end of 2027", "la fin de 2027", "The end of 2027."])
def test_the_end_of_a_year_with_its_article_is_its_december(typed: str) -> None:
    assert parse_due_date(typed, "en", TODAY) == DueDate(date(2027, 12, 31), "month")


@pytest.mark.parametrize(
    ("typed", "month"), [("start of 2027", 1), ("late 2027", 12), ("the start of 2027", 1)]
)
def test_more_english_parts_of_a_year_ask_their_month(typed: str, month: int) -> None:
    error = refused(parse_due_date, typed, "en", TODAY)
    assert error.code == "month_needed" and error.params["month"] == date(2027, month, 1), error
