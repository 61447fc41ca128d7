"""A refused date or meeting time, in the user's words: the limit crossed and the example their own way."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from conversations.render.input_errors import input_error_text
from locales import Translator
from models.parsing.due_dates import parse_date_between, parse_due_date
from models.parsing.meeting_time import parse_meeting_time
from models.parsing.text import InputError

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)  # a Monday, 10:30 in Paris
TODAY = date(2026, 11, 23)


def refusal(language: str, call, *args) -> str:
    """The message a user of that language reads for a typed answer the parser refuses."""
    with pytest.raises(InputError) as refused:
        call(*args)
    return input_error_text(Translator(language), refused.value, str(args[0]))


@pytest.mark.parametrize(
    ("language", "example", "other"),
    [("en", "e.g. 9am or 2:30pm", "9h or 14h30"), ("fr", "par exemple 9h ou 14h30", "9am")],
)
def test_a_meeting_without_its_time_gets_an_example_the_users_way(language, example, other):
    said = refusal(language, parse_meeting_time, "9 December", language, NOW)
    assert example in said and other not in said, said


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "This date is too far ahead. At most 24 months ahead: until Thursday 23 November 2028."),
        (
            "fr",
            "Cette date est trop lointaine. Au plus 24 mois à l’avance\u00a0: jusqu’au jeudi 23 novembre 2028.",
        ),
    ],
)
def test_a_meeting_too_far_ahead_says_the_last_day(language, expected):
    assert refusal(language, parse_meeting_time, "24/11/2028 9h", language, NOW) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            "This moment, on Monday 23 November 2026, is already past. It is now Monday 23 November 2026 at 10:30.",
        ),
        (
            "fr",
            "Ce moment, le lundi 23 novembre 2026, est déjà passé. Nous sommes le lundi 23 novembre 2026 à 10 h 30.",
        ),
    ],
)
def test_a_meeting_already_past_says_when_it_is_now(language, expected):
    assert refusal(language, parse_meeting_time, "23/11/2026 9h", language, NOW) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "22/11/2026",
            "en",
            "This date is already past. The earliest possible is today, Monday 23 November 2026.",
        ),
        ("22/11/2026", "fr", "Cette date est déjà passée. Au plus tôt aujourd’hui, lundi 23 novembre 2026."),
        (
            "01/01/2040",
            "en",
            "This date is too far ahead. At most 10 years ahead: until Sunday 23 November 2036.",
        ),
        (
            "01/01/2040",
            "fr",
            "Cette date est trop lointaine. Au plus 10 ans à l’avance\u00a0: jusqu’au dimanche 23 novembre 2036.",
        ),
    ],
)
def test_a_deadline_out_of_range_says_the_limit(text, language, expected):
    assert refusal(language, parse_due_date, text, language, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("23/11/2026", "en", "This date is too early. The earliest possible is Tuesday 24 November 2026."),
        ("23/11/2026", "fr", "Cette date est trop précoce. Au plus tôt le mardi 24 novembre 2026."),
        ("01/06/2027", "en", "This date is too far ahead. The latest possible is Sunday 23 May 2027."),
        ("01/06/2027", "fr", "Cette date est trop lointaine. Au plus tard le dimanche 23 mai 2027."),
    ],
)
def test_a_day_out_of_its_bounds_says_the_bound(text, language, expected):
    """A consultation's closing day: from tomorrow to six months on."""
    bounds = (date(2026, 11, 24), date(2027, 5, 23))
    assert refusal(language, parse_date_between, text, language, *bounds, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "lundi 20 novembre 2026",
            "fr",
            "Le jour de la semaine ne correspond pas à la date. Le 20 novembre 2026 est un vendredi, pas un lundi.",
        ),
        (
            "Monday, November 20, 2026",
            "en",
            "The day of the week does not match the date. 20 November 2026 is a Friday, not a Monday.",
        ),
    ],
)
def test_a_wrong_weekday_is_refused_naming_both_days(text, language, expected):
    assert refusal(language, parse_due_date, text, language, date(2026, 11, 1)) == expected
    meeting = refusal(language, parse_meeting_time, text + " 9h", language, datetime(2026, 11, 1, tzinfo=UTC))
    assert meeting == expected  # the announcement's date, by the same rule
