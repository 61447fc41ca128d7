"""One way of reading a day: a deadline, a committee's date and a meeting read the same words as the same day."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from conversations.render.input_errors import input_error_text
from locales import Translator
from models.clock import PARIS
from models.parsing.due_dates import parse_date_between, parse_due_date
from models.parsing.meeting_time import parse_meeting_time
from models.parsing.text import InputError

NOW = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)  # a Monday, 8:00 in Paris
TODAY = date(2026, 11, 23)
BOTH = pytest.mark.parametrize("language", ["fr", "en"])


def meeting_day(words: str, language: str) -> date:
    """The Paris day of a meeting typed as these day words and a late time (still ahead today)."""
    return parse_meeting_time(f"{words} 23h", language, NOW).astimezone(PARIS).date()


def refused(call, *args, **keywords) -> InputError:
    """The refusal of a typed answer (fails the test if it is accepted)."""
    with pytest.raises(InputError) as caught:
        call(*args, **keywords)
    return caught.value


@BOTH
@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("aujourd'hui", TODAY),
        ("aujourd\u2019hui", TODAY),
        ("aujourdhui", TODAY),
        ("today", TODAY),
        ("demain", date(2026, 11, 24)),
        ("tomorrow", date(2026, 11, 24)),
        ("après-demain", date(2026, 11, 25)),
        ("apres demain", date(2026, 11, 25)),
        ("day after tomorrow", date(2026, 11, 25)),
        ("the day after tomorrow", date(2026, 11, 25)),
        ("Le 25/11", date(2026, 11, 25)),
        ("25/11/2026", date(2026, 11, 25)),
        ("25.11.26", date(2026, 11, 25)),
        ("2026-11-25", date(2026, 11, 25)),
        ("1er décembre", date(2026, 12, 1)),
        ("6 de décembre", date(2026, 12, 6)),
        ("on 6 December", date(2026, 12, 6)),
        ("the 6th of December 2026", date(2026, 12, 6)),
        ("mercredi 25 novembre", date(2026, 11, 25)),
        ("mer. 25/11", date(2026, 11, 25)),
        ("Wednesday, November 25, 2026", date(2026, 11, 25)),
        ("décembre 6", date(2026, 12, 6)),  # one digit is never a year: a day
        ("déc. 6", date(2026, 12, 6)),
        ("December 26", date(2026, 12, 26)),  # an English name then a day, as English writes it
        ("December 26th", date(2026, 12, 26)),
        ("20/11", date(2027, 11, 20)),  # a day without its year: the next one
        ("29/02", date(2028, 2, 29)),
    ],
)
def test_a_deadline_and_a_meeting_read_the_same_words_as_the_same_day(words, expected, language):
    assert parse_due_date(words, language, TODAY).value == expected
    assert meeting_day(words, language) == expected


@BOTH
@pytest.mark.parametrize(
    "words", ["après-demain", "day after tomorrow", "the day after tomorrow", "aujourdhui", "on 25 November"]
)
def test_a_committees_date_reads_the_days_named_from_today_too(words, language):
    expected = TODAY if "aujourd" in words else date(2026, 11, 25)
    assert (
        parse_date_between(words, language, date(2016, 11, 23), date(2027, 11, 23), today=TODAY) == expected
    )


@pytest.mark.parametrize(
    ("words", "language", "month"),
    [
        # a French user writes the day first: a French month's name then two digits is a month and its
        # year (« décembre 26 », « déc. 26 » as on a planning), so a meeting asks for its day, never guessed
        ("décembre 26", "fr", date(2026, 12, 31)),
        ("décembre 26", "en", date(2026, 12, 31)),
        ("déc. 26", "fr", date(2026, 12, 31)),
        ("mars 27", "en", date(2027, 3, 31)),
        ("03/27", "fr", date(2027, 3, 31)),
        ("décembre 2026", "fr", date(2026, 12, 31)),
    ],
)
def test_a_month_and_its_year_is_a_deadlines_month_and_a_meetings_missing_day(words, language, month):
    due = parse_due_date(words, language, TODAY)
    assert (due.value, due.precision) == (month, "month")
    error = refused(parse_meeting_time, f"{words} 9h", language, NOW)
    assert (error.code, error.params) == ("whole_month", {"month": month})


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "fr",
            "Cela se lit comme un mois entier, décembre 2026\u00a0: indiquez aussi le jour de la réunion.",
        ),
        ("en", "This reads as a whole month, December 2026: please type the day of the meeting as well."),
    ],
)
def test_a_meeting_typed_as_a_month_says_which_month_it_read(language, expected):
    error = refused(parse_meeting_time, "décembre 26 à 9h", language, NOW)
    assert input_error_text(Translator(language), error, "décembre 26 à 9h") == expected


@BOTH
@pytest.mark.parametrize(
    ("call", "args", "code", "bound"),
    [
        (parse_due_date, (TODAY,), "date_in_past", {"today": TODAY}),
        (parse_date_between, (TODAY, date(2027, 1, 1)), "date_before", {"earliest": TODAY}),
        (parse_meeting_time, (NOW,), "moment_past", {"now": NOW}),
    ],
    ids=["deadline", "between", "meeting"],
)
def test_each_bound_crossed_backwards_has_its_own_code(call, args, code, bound, language):
    """A day before today, before an earliest day, a moment before now: three refusals, three codes."""
    words = "hier 9h" if call is parse_meeting_time else "hier"
    error = refused(call, words, language, *args, **({"today": TODAY} if call is parse_date_between else {}))
    assert (error.code, error.params) == (code, {"date": date(2026, 11, 22), **bound})
