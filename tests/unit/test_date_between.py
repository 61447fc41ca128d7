"""Days typed between explicit bounds (the committee's dates): the due-date forms, refused outside."""

from __future__ import annotations

from datetime import date

import pytest

from models.clock import add_months
from models.parsing.due_dates import parse_date_between
from models.parsing.text import InputError

TODAY = date(2026, 1, 15)
EARLIEST, LATEST = add_months(TODAY, -120), add_months(TODAY, 1)  # what the committee accepts


def error_of(text: str, earliest: date = EARLIEST, latest: date = LATEST) -> InputError:
    """The InputError raised for a text (fails the test if the day is accepted)."""
    with pytest.raises(InputError) as caught:
        parse_date_between(text, "fr", earliest, latest)
    return caught.value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("08/01/2026", date(2026, 1, 8)),  # last week
        ("15/01/2026", TODAY),
        ("2025-06-30", date(2025, 6, 30)),
        ("1er décembre 2024", date(2024, 12, 1)),
        ("March 3rd, 2020", date(2020, 3, 3)),
        ("15/01/2016", EARLIEST),  # both bounds are included
        ("15/02/2026", LATEST),
        ("janvier 2026", date(2026, 1, 31)),  # a whole month is its last day
        ("fin décembre 2025", date(2025, 12, 31)),
    ],
)
def test_days_within_the_bounds_are_read(text: str, expected: date) -> None:
    assert parse_date_between(text, "fr", EARLIEST, LATEST) == expected
    assert parse_date_between(text, "en", EARLIEST, LATEST) == expected


@pytest.mark.parametrize(
    ("text", "day"),
    [("14/01/2016", date(2016, 1, 14)), ("12/2015", date(2015, 12, 31)), ("01/01/1990", date(1990, 1, 1))],
)
def test_before_the_earliest_day(text: str, day: date) -> None:
    error = error_of(text)
    assert error.code == "date_in_past" and error.params == {"date": day, "earliest": EARLIEST}


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("16/02/2026", date(2026, 2, 16)),
        ("02/2026", date(2026, 2, 28)),  # its last day is past the bound, though it starts before
        ("01/01/9999", date(9999, 1, 1)),
    ],
)
def test_after_the_latest_day(text: str, day: date) -> None:
    error = error_of(text)
    assert error.code == "date_too_far" and error.params == {"date": day, "latest": LATEST}


def test_the_bounds_are_the_callers() -> None:
    assert parse_date_between("03/03/2027", "fr", date(2027, 3, 3), date(2027, 3, 3)) == date(2027, 3, 3)
    assert error_of("02/03/2027", date(2027, 3, 3), date(2027, 3, 3)).code == "date_in_past"
    assert error_of("04/03/2027", date(2027, 3, 3), date(2027, 3, 3)).code == "date_too_far"


@pytest.mark.parametrize(
    ("text", "code"),
    [("", "empty"), ("hier", "not_a_date"), ("31/02/2026", "invalid_date"), ("jui 2025", "not_a_date")],
)
def test_what_is_not_a_day_is_refused_as_for_due_dates(text: str, code: str) -> None:
    assert error_of(text).code == code


@pytest.mark.parametrize(
    ("text", "past", "ahead"),
    [
        ("hier", date(2026, 1, 14), None),  # tomorrow's bounds refuse yesterday
        ("Yesterday", date(2026, 1, 14), None),
        ("aujourd’hui", TODAY, None),
        ("demain", None, date(2026, 1, 16)),
        # within half a year, the way the question looks: back for a decision, ahead for a closing day
        ("31 décembre", date(2025, 12, 31), None),  # not next December: too far to guess
        ("le 31/12", date(2025, 12, 31), None),
        ("December 31st", date(2025, 12, 31), None),
        ("10 janvier", date(2026, 1, 10), None),
        ("20 janvier", None, date(2026, 1, 20)),  # a decision: in the future, not last January
        ("17 janvier", None, date(2026, 1, 17)),
        ("15 mars", None, date(2026, 3, 15)),
        ("15 octobre", date(2025, 10, 15), None),
    ],
)
def test_given_today_days_named_from_it_and_days_without_a_year(text: str, past, ahead) -> None:
    """The committee's bounds (ten years back to today) and a consultation's (tomorrow to a year on)."""
    bounds = {"past": (EARLIEST, TODAY), "ahead": (date(2026, 1, 16), add_months(TODAY, 12))}
    for expected, (earliest, latest) in ((past, bounds["past"]), (ahead, bounds["ahead"])):
        if expected is None:
            with pytest.raises(InputError):
                parse_date_between(text, "fr", earliest, latest, today=TODAY)
        else:
            assert parse_date_between(text, "fr", earliest, latest, today=TODAY) == expected
    with pytest.raises(InputError):  # without today, a day needs its year
        parse_date_between(text, "fr", EARLIEST, LATEST)
