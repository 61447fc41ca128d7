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
    assert error.code == "date_before" and error.params == {"date": day, "earliest": EARLIEST}


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
    assert error_of("02/03/2027", date(2027, 3, 3), date(2027, 3, 3)).code == "date_before"
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


# A decision typed on 23 November 2026 (a Monday; the 20th was a Friday), as the committee does.
DECIDED_BY = date(2026, 11, 23)


def decision_day(text: str, language: str) -> date:
    """The day a committee member's typed date is read as, ten years back to today."""
    return parse_date_between(text, language, add_months(DECIDED_BY, -120), DECIDED_BY, today=DECIDED_BY)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # an English month's name before a number up to 31 is a day of it, as English writes it
        ("Nov 20", "en", date(2026, 11, 20)),
        ("Nov. 20", "en", date(2026, 11, 20)),
        ("November 20", "en", date(2026, 11, 20)),
        ("november 20", "fr", date(2026, 11, 20)),  # an English name, whoever types it
        ("Oct 31", "en", date(2026, 10, 31)),
        ("November the 20th", "en", date(2026, 11, 20)),
        # four digits stay a month and year
        ("Nov 2020", "en", date(2020, 11, 30)),
        ("November 2025", "en", date(2025, 11, 30)),
        # French writes the day first: « 20 nov. » is a day, « novembre 20 » or « nov. 20 » a month
        ("20 nov.", "fr", date(2026, 11, 20)),
        ("20 nov.", "en", date(2026, 11, 20)),
        ("novembre 20", "en", date(2020, 11, 30)),
        ("nov. 20", "fr", date(2020, 11, 30)),
        ("20th of November", "en", date(2026, 11, 20)),
        ("the 20th of November 2026", "en", date(2026, 11, 20)),
    ],
)
def test_a_month_name_then_a_day_is_a_day_in_english(text: str, language: str, expected: date) -> None:
    """« Nov 20 » on 23 November 2026 was November 2020 (refused as before the submission)."""
    assert decision_day(text, language) == expected


def test_an_english_day_is_not_a_year_even_when_it_is_refused() -> None:
    """« Nov 27 » four days ahead is that day, said to be in the future, not November 2027 (nor 2025's)."""
    with pytest.raises(InputError) as refused:
        decision_day("Nov 27", "en")
    assert refused.value.code == "date_too_far" and refused.value.params["date"] == date(2026, 11, 27)
    with pytest.raises(InputError) as refused:
        decision_day("Nov 31", "en")
    assert refused.value.code == "invalid_date" and refused.value.params == {"text": "Nov 31"}
    assert decision_day("Fri, Nov 20", "en") == date(2026, 11, 20)


@pytest.mark.parametrize(
    "text",
    [
        "vendredi 20 novembre 2026",  # as the bot writes it
        "Vendredi 20 novembre",
        "le vendredi 20 novembre 2026",
        "ven. 20/11/2026",
        "ven 20/11",
        "Friday 20 November 2026",
        "Friday, 20 November 2026",
        "Friday, November 20, 2026",
        "Friday the 20th of November",
    ],
)
@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_weekday_before_the_date_is_read_when_it_is_the_dates_own(text: str, language: str) -> None:
    assert decision_day(text, language) == date(2026, 11, 20)


@pytest.mark.parametrize(
    ("text", "typed"),
    [("lundi 20 novembre 2026", 0), ("Thursday, November 20, 2026", 3), ("sam. 20/11", 5)],
)
def test_a_weekday_that_is_not_the_dates_is_refused_naming_both(text: str, typed: int) -> None:
    """A wrong weekday is a typo the user must see: neither the weekday nor the date is guessed."""
    with pytest.raises(InputError) as refused:
        decision_day(text, "fr")
    assert refused.value.code == "weekday_mismatch"
    assert refused.value.params == {"typed": typed, "actual": 4, "date": date(2026, 11, 20)}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("vendredi novembre 2026", "not_a_date"),
        ("vendredi", "not_a_date"),
        ("ven. 31/02/2026", "invalid_date"),
    ],
)
def test_a_weekday_names_a_day_that_exists(text: str, code: str) -> None:
    with pytest.raises(InputError) as refused:
        decision_day(text, "fr")
    assert refused.value.code == code
