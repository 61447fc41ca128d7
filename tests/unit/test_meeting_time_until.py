"""A meeting's day followed by « jusqu'à », "to", "until" or a dash, then a time (a tester's finding:
"December 9 to 10am" was refused as « a whole month », the 9 read as a slot's start). A dash between the
day and the time is a separator, as « 09/12 - 14h » already was, and « à partir de » a start: read. A
time after « jusqu'à » or "until" is the meeting's end: refused with its start to type; after "to" (a
French user's « à »?) it may be either: refused with both answers. Several days (« 9 au 10 décembre »)
are refused with both days, and "December 9 to 10", whose 10 may be a day or an hour, with both."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from conversations.render.input_errors import input_error_text
from locales import Translator
from models.parsing.meeting_time import parse_meeting_time
from models.parsing.text import InputError

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)  # Tuesday 1 December 2026, 10:00 in Paris
NINTH, TENTH = date(2026, 12, 9), date(2026, 12, 10)  # a Wednesday, a Thursday


def paris(*fields: int) -> datetime:
    """The UTC instant of a Paris wall time."""
    return datetime(*fields, tzinfo=PARIS).astimezone(UTC)


def refusal(text: str, language: str) -> InputError:
    with pytest.raises(InputError) as caught:
        parse_meeting_time(text, language, NOW)
    return caught.value


@pytest.mark.parametrize(
    ("text", "language", "wall"),
    [
        # a dash between the day and the time, spaced or not: the 9 is the day, not a slot's start
        ("Dec 9 - 10am", "en", (2026, 12, 9, 10, 0)),
        ("December 9 - 10:00", "en", (2026, 12, 9, 10, 0)),
        ("Dec 9 -10am", "en", (2026, 12, 9, 10, 0)),
        ("December 9-10am", "en", (2026, 12, 9, 10, 0)),
        ("9/12-10h", "fr", (2026, 12, 9, 10, 0)),
        ("9 décembre-10h", "fr", (2026, 12, 9, 10, 0)),
        ("14h-9 décembre", "fr", (2026, 12, 9, 14, 0)),  # the time first: « a whole month » before
        ("2pm-Dec 9", "en", (2026, 12, 9, 14, 0)),
        # a start said in words
        ("9 décembre à partir de 10h", "fr", (2026, 12, 9, 10, 0)),
        ("9 décembre à partir de 10h jusqu'à 11h", "fr", (2026, 12, 9, 10, 0)),
        ("December 9 starting at 10am", "en", (2026, 12, 9, 10, 0)),
        # what was read before still is
        ("le 9 décembre à 10h", "fr", (2026, 12, 9, 10, 0)),
        ("9 déc. à 10 h", "fr", (2026, 12, 9, 10, 0)),
        ("9/12 à 10h", "fr", (2026, 12, 9, 10, 0)),
        ("mercredi 9 décembre vers 10h", "fr", (2026, 12, 9, 10, 0)),
        ("le 9 décembre de 10h à 11h", "fr", (2026, 12, 9, 10, 0)),
        ("December 9 at 10am", "en", (2026, 12, 9, 10, 0)),
        ("December 9th at 10 am", "en", (2026, 12, 9, 10, 0)),
        ("December 9 from 10 to 11am", "en", (2026, 12, 9, 10, 0)),
        ("December 9, 9-10am", "en", (2026, 12, 9, 9, 0)),
        ("December 9 9 to 10am", "en", (2026, 12, 9, 9, 0)),
        ("December 10 11-1pm", "en", (2026, 12, 10, 11, 0)),
        ("December 10 2:00-3:00pm", "en", (2026, 12, 10, 14, 0)),
    ],
)
def test_a_day_then_a_dash_or_a_start_and_a_time_is_read(text, language, wall):
    assert parse_meeting_time(text, language, NOW) == paris(*wall)


@pytest.mark.parametrize(
    ("text", "language", "end"),
    [
        ("December 9 until 10am", "en", time(10)),
        ("December 9 till 10am", "en", time(10)),
        ("December 9th until 10 am", "en", time(10)),
        ("December 9 up to 10am", "en", time(10)),
        ("9 décembre jusqu'à 10h", "fr", time(10)),
        ("9 décembre jusqu’à 10h", "fr", time(10)),
        ("le 9 décembre jusqu'à 10 h 30", "fr", time(10, 30)),
        ("mercredi 9 jusqu'à 10h", "fr", time(10)),
        ("9/12 jusqu'à midi", "fr", time(12)),
    ],
)
def test_a_time_after_until_is_the_end_and_its_start_is_asked(text, language, end):
    error = refusal(text, language)
    assert (error.code, error.params) == ("end_without_start", {"date": NINTH, "end": end})


@pytest.mark.parametrize(
    ("text", "language", "end"),
    [
        ("December 9 to 10am", "en", time(10)),  # the tester's: « a whole month »
        ("December 9th to 10 am", "en", time(10)),
        ("Dec 9 to 10am", "en", time(10)),
        ("Dec. 9 to 10am", "en", time(10)),
        ("on December 9 to 10am", "en", time(10)),
        ("Wednesday, December 9 to 10am", "en", time(10)),
        ("9/12 to 10am", "en", time(10)),
        ("December 9 to 11:30", "en", time(11, 30)),
        ("December 9 to noon", "en", time(12)),
        ("9 décembre au 10h", "fr", time(10)),
    ],
)
def test_a_time_after_to_may_be_the_start_or_the_end_and_both_are_said(text, language, end):
    error = refusal(text, language)
    assert (error.code, error.params) == ("start_or_end", {"date": NINTH, "end": end})


@pytest.mark.parametrize(
    ("text", "language", "at"),
    [
        ("9 au 10 décembre", "fr", time(9)),
        ("du 9 au 10 décembre à 10h", "fr", time(10)),
        ("9-10 décembre 14h", "fr", time(14)),
        ("les 9 et 10 décembre à 10h", "fr", time(10)),
        ("9 décembre au 10 décembre", "fr", time(9)),
        ("9 to 10 December", "en", time(9)),
        ("December 9-10", "en", time(9)),  # « a whole month » before
        ("December 9th to 10th", "en", time(9)),
        ("December 9 to December 10 at 10am", "en", time(10)),
        ("December 9 to 10 at 10am", "en", time(10)),  # a time after it: the 10 is a day
    ],
)
def test_several_days_are_refused_with_both(text, language, at):
    error = refusal(text, language)
    assert (error.code, error.params) == ("day_range", {"first": NINTH, "last": TENTH})
    assert error.example == datetime.combine(NINTH, at)  # the first day, at the time typed if any


@pytest.mark.parametrize(
    ("text", "language"),
    [("December 9 to 10", "en"), ("December 9 - 10", "en"), ("9 décembre jusqu'à 10", "fr")],
)
def test_a_number_that_may_be_a_day_or_an_hour_is_said_so(text, language):
    error = refusal(text, language)
    assert (error.code, error.params) == ("day_or_hour", {"number": 10, "day": TENTH, "hour": time(10)})
    assert error.example == datetime(2026, 12, 9, 10, 0)


def test_a_weekday_that_is_not_the_day_s_is_still_said():
    error = refusal("mardi 9 décembre vers 10h", "fr")
    assert (error.code, error.params) == ("weekday_mismatch", {"typed": 1, "actual": 2, "date": NINTH})


@pytest.mark.parametrize(
    ("language", "typed", "said", "examples"),
    [
        (
            "fr",
            "9 décembre jusqu'à 10h",
            "Je lis le mercredi 9 décembre 2026, avec une fin à 10 h, mais pas l’heure où la réunion "
            "commence. Tapez aussi son début, par exemple 09/12/2026 de 9 h à 10 h.",
            ["09/12/2026 de 9 h à 10 h"],
        ),
        (
            "en",
            "December 9 until 10am",
            "I read Wednesday 9 December 2026, ending at 10:00, but not when the meeting starts. "
            "Please type its start as well, e.g. 09/12/2026 from 9:00 to 10:00.",
            ["09/12/2026 from 9:00 to 10:00"],
        ),
        (
            "en",
            "December 9 to 10am",
            "I read Wednesday 9 December 2026, but not whether the meeting starts or ends at 10:00. "
            "Please type e.g. 09/12/2026 from 9:00 to 10:00 if it ends then, or 09/12/2026 at 10:00 if "
            "it starts then.",
            ["09/12/2026 from 9:00 to 10:00", "09/12/2026 at 10:00"],
        ),
        (
            "fr",
            "9 décembre au 10h",
            "Je lis le mercredi 9 décembre 2026, mais pas si la réunion commence ou finit à 10 h. Tapez "
            "par exemple 09/12/2026 de 9 h à 10 h si elle finit à cette heure, ou 09/12/2026 à 10 h si "
            "elle commence à cette heure.",
            ["09/12/2026 de 9 h à 10 h", "09/12/2026 à 10 h"],
        ),
        (
            "fr",
            "du 9 au 10 décembre à 10h",
            "« du 9 au 10 décembre à 10h » désigne plusieurs jours, du 9 décembre 2026 au 10 décembre "
            "2026, alors qu’une réunion a lieu un seul jour. Tapez son jour et l’heure où elle commence, "
            "par exemple 09/12/2026 à 10 h.",
            ["09/12/2026 à 10 h"],
        ),
        (
            "en",
            "December 9 to 10",
            "In “December 9 to 10”, I cannot tell whether 10 is a day (10 December 2026) or a time "
            "(10:00). A meeting is on one day: please type its day and the time it starts, e.g. "
            "09/12/2026 at 10:00.",
            ["09/12/2026 at 10:00"],
        ),
    ],
)
def test_the_refusal_says_what_was_read_and_examples_that_are_read(language, typed, said, examples):
    said = said.replace(" :", "\u00a0:").replace("« ", "«\u00a0").replace(" »", "\u00a0»")
    assert input_error_text(Translator(language), refusal(typed, language), typed) == said
    for example in examples:
        assert parse_meeting_time(example, language, NOW) in (paris(2026, 12, 9, 9), paris(2026, 12, 9, 10))
