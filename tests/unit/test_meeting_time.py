"""Parsing of the meeting dates and times that federation admins type."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from models.parsing.meeting_time import parse_meeting_time
from models.parsing.text import InputError

PARIS = ZoneInfo("Europe/Paris")
# A Friday, 12:00 in Paris (summer time).
NOW = datetime(2027, 8, 20, 10, 0, tzinfo=UTC)
BOTH = pytest.mark.parametrize("language", ["fr", "en"])


def utc(text: str) -> datetime:
    """An aware UTC instant written ISO-style ("2027-09-06 07:00")."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def paris(*fields: int) -> datetime:
    """The UTC instant of a Paris wall time, exactly as zoneinfo computes it."""
    return datetime(*fields, tzinfo=PARIS).astimezone(UTC)


def error_of(text: str, now: datetime = NOW) -> InputError:
    """The InputError raised for a typed meeting time (fails the test if none is)."""
    with pytest.raises(InputError) as caught:
        parse_meeting_time(text, "fr", now)
    return caught.value


@BOTH
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 6 September 2027 is a Monday, 8 September a Wednesday.
        ("mercredi 8 septembre 9h", "2027-09-08 07:00"),
        ("mercredi 8 septembre à 9h30", "2027-09-08 07:30"),
        ("Mercredi 8 Septembre A 9H30", "2027-09-08 07:30"),
        ("le mercredi 8 septembre à 9h", "2027-09-08 07:00"),
        ("lundi 6 septembre 9h", "2027-09-06 07:00"),
        ("6 septembre 2027 à 9 h 30", "2027-09-06 07:30"),
        ("le 6 septembre à 9h", "2027-09-06 07:00"),
        ("06/09 à 9h00", "2027-09-06 07:00"),
        ("06/09/2027 9:00", "2027-09-06 07:00"),
        ("6/9 9h", "2027-09-06 07:00"),
        ("06/09/27 14h", "2027-09-06 12:00"),
        ("06.09.2027 9h", "2027-09-06 07:00"),
        ("6 sept. 14h15", "2027-09-06 12:15"),
        ("6 sep 14h15", "2027-09-06 12:15"),
        ("1er octobre 10h", "2027-10-01 08:00"),
        ("6 août 2028 10h", "2028-08-06 08:00"),
        ("6 aout 2028 10h", "2028-08-06 08:00"),
        ("6 février 2028 10h", "2028-02-06 09:00"),
        ("6 fevrier 2028 10h", "2028-02-06 09:00"),
        ("Wednesday 8 September 9:00", "2027-09-08 07:00"),
        ("Wed, 8 Sept 9:00", "2027-09-08 07:00"),
        ("mer. 8 sept. 9h", "2027-09-08 07:00"),
        ("Monday 6 September 9:00", "2027-09-06 07:00"),
        ("lundi 6 September 9:00", "2027-09-06 07:00"),
        ("Monday 6 septembre 9h", "2027-09-06 07:00"),
        ("6 September 2027 at 9am", "2027-09-06 07:00"),
        ("September 6 at 2:30pm", "2027-09-06 12:30"),
        ("September 6th, 2027 at 2:30 p.m.", "2027-09-06 12:30"),
        ("Wednesday, September 8 at 9 AM", "2027-09-08 07:00"),
        ("2027-09-06 09:00", "2027-09-06 07:00"),
        ("demain 9h", "2027-08-21 07:00"),
        ("tomorrow 9am", "2027-08-21 07:00"),
        ("Demain à 9h", "2027-08-21 07:00"),
        ("aujourd'hui 18h", "2027-08-20 16:00"),
        ("aujourd\u2019hui 18h", "2027-08-20 16:00"),
        ("aujourdhui 18h", "2027-08-20 16:00"),
        ("today 6pm", "2027-08-20 16:00"),
        ("après-demain 9h", "2027-08-22 07:00"),
        ("6\u00a0septembre\u202f9h", "2027-09-06 07:00"),
        ("  6 septembre 9h. ", "2027-09-06 07:00"),
    ],
)
def test_accepted_forms(text, expected, language):
    """Each way of typing a meeting gives the exact UTC instant."""
    result = parse_meeting_time(text, language, NOW)
    assert result == utc(expected)
    assert result.tzinfo == UTC


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("9h", "07:00"),
        ("9h00", "07:00"),
        ("9 h", "07:00"),
        ("9 h 30", "07:30"),
        ("09h30", "07:30"),
        ("9:00", "07:00"),
        ("9.30", "07:30"),
        ("9am", "07:00"),
        ("9 a.m.", "07:00"),
        ("2:30 pm", "12:30"),
        ("2:30pm", "12:30"),
        ("12am", "22:00"),  # midnight starting 6 September, 22:00 UTC the day before
        ("12pm", "10:00"),
        ("14h15", "12:15"),
        ("0h30", "22:30"),
        ("23h59", "21:59"),
        ("midi", "10:00"),
        ("noon", "10:00"),
        ("9 heures", "07:00"),
    ],
)
def test_times(typed, expected):
    """Every way of typing the time of day, on 6 September (UTC+2)."""
    result = parse_meeting_time(f"6 septembre 2027 {typed}", "fr", NOW)
    day = "2027-09-05" if typed in {"12am", "0h30"} else "2027-09-06"
    assert result == utc(f"{day} {expected}")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6 septembre 9h", "2027-09-06 07:00"),  # summer time, UTC+2
        ("6 décembre 9h", "2027-12-06 08:00"),  # winter time, UTC+1
        ("30/10 9h", "2027-10-30 07:00"),  # the day before clocks go back (31 October)
        ("01/11 9h", "2027-11-01 08:00"),  # the day after
        ("15/01 9h", "2028-01-15 08:00"),  # already past this year: next year
        ("20/08 18h", "2027-08-20 16:00"),  # later today
        ("19/08 18h", "2028-08-19 16:00"),  # yesterday: next year
        ("29/02 9h", "2028-02-29 08:00"),  # next leap day
    ],
)
def test_offsets_and_next_occurrence(text, expected):
    """Paris civil time becomes UTC with the offset of that day; yearless dates look ahead."""
    assert parse_meeting_time(text, "en", NOW) == utc(expected)


@pytest.mark.parametrize(
    ("text", "now", "wall"),
    [
        # the minutes on either side of a change exist once (02:00 to 02:59 is skipped in March and
        # shown twice in October: refused, tests/conversations/test_counts_and_clock_changes.py)
        ("26/03/2028 1h59", NOW, (2028, 3, 26, 1, 59)),
        ("26/03/2028 3h00", NOW, (2028, 3, 26, 3, 0)),
        ("31/10/2027 1h59", NOW, (2027, 10, 31, 1, 59)),
        ("31/10/2027 3h00", NOW, (2027, 10, 31, 3, 0)),
    ],
)
def test_daylight_saving_edges(text, now, wall):
    """The times around a change of the clocks read as Paris wall times."""
    assert parse_meeting_time(text, "fr", now) == paris(*wall)


def test_daylight_saving_values():
    """The offsets on either side of the changes, spelled out."""
    spring = datetime(2027, 1, 10, tzinfo=UTC)
    assert parse_meeting_time("28/03/2027 3h", "fr", spring) == utc("2027-03-28 01:00")
    assert parse_meeting_time("31/10/2027 1h59", "fr", NOW) == utc("2027-10-30 23:59")
    assert parse_meeting_time("31/10/2027 3h30", "fr", NOW) == utc("2027-10-31 02:30")
    for typed, code in (("28/03/2027 2h30", "time_skipped"), ("31/10/2027 2h30", "time_repeated")):
        assert error_of(typed, spring).code == code


@pytest.mark.parametrize(
    ("text", "code", "params"),
    [
        ("", "empty", {}),
        ("   ", "empty", {}),
        (" . ", "empty", {}),
        ("bientôt", "not_a_date", {"text": "bientôt"}),
        ("9h", "not_a_date", {"text": "9h"}),
        ("6 jui 9h", "not_a_date", {"text": "6 jui 9h"}),  # juin or juillet
        # the date read, the time is what is not understood (tests/unit/test_meeting_time_slots.py)
        ("6 septembre 9h7", "words_unread", {"date": date(2027, 9, 6), "words": "9h7"}),
        ("31/02 9h", "invalid_date", {"text": "31/02 9h"}),
        ("31/02/2028 9h", "invalid_date", {"text": "31/02/2028 9h"}),
        ("29/02/2029 9h", "invalid_date", {"text": "29/02/2029 9h"}),
        # no 13th month: June 2013, as a deadline reads it (« 03/27 » is March 2027), not a meeting's day
        ("6/13 9h", "whole_month", {"month": date(2013, 6, 30)}),
        ("31 avril 9h", "invalid_date", {"text": "31 avril 9h"}),
        ("6 septembre 25h", "invalid_time", {"text": "6 septembre 25h"}),
        ("6 septembre 9h75", "invalid_time", {"text": "6 septembre 9h75"}),
        ("6 septembre 24:00", "invalid_time", {"text": "6 septembre 24:00"}),
        ("6 septembre 13pm", "invalid_time", {"text": "6 septembre 13pm"}),
        ("6 septembre", "missing_time", {"date": date(2027, 9, 6)}),
        ("06/09/2027", "missing_time", {"date": date(2027, 9, 6)}),
        ("demain", "missing_time", {"date": date(2027, 8, 21)}),
        (
            "aujourd'hui 9h",
            "moment_past",
            {"date": date(2027, 8, 20), "now": NOW},
        ),
        (
            "20/08 11h59",
            "moment_past",
            {"date": date(2027, 8, 20), "now": NOW},
        ),
        (
            "06/09/2026 9h",
            "moment_past",
            {"date": date(2026, 9, 6), "now": NOW},
        ),
        (
            "21/08/2029 9h",
            "date_too_far",
            {"date": date(2029, 8, 21), "limit": date(2029, 8, 20), "months": 24},
        ),
        (
            "20/08/2029 12h01",
            "date_too_far",
            {"date": date(2029, 8, 20), "limit": date(2029, 8, 20), "months": 24},
        ),
    ],
)
def test_errors(text, code, params):
    """Each refusal carries a code and the params the UI needs to explain it."""
    error = error_of(text)
    assert error.code == code
    assert error.params == params


def test_limits_are_inclusive():
    """Now itself and exactly two years ahead are both accepted."""
    assert parse_meeting_time("20/08/2027 12h", "fr", NOW) == NOW
    assert parse_meeting_time("20/08/2029 12h", "fr", NOW) == utc("2029-08-20 10:00")


@pytest.mark.parametrize(
    ("text", "typed", "actual", "day"),
    [
        ("mercredi 6 septembre 9h", 2, 0, date(2027, 9, 6)),
        ("Wednesday 6 September 2027 9:00", 2, 0, date(2027, 9, 6)),
        ("mer. 6 sept. 9h", 2, 0, date(2027, 9, 6)),
        ("vendredi 06/09 9h", 4, 0, date(2027, 9, 6)),
        ("sunday 15/01 9am", 6, 5, date(2028, 1, 15)),
    ],
)
def test_weekday_mismatch(text, typed, actual, day):
    """A weekday that does not fit the date is refused, with the real weekday (0 = Monday)."""
    error = error_of(text)
    assert error.code == "weekday_mismatch"
    assert error.params == {"typed": typed, "actual": actual, "date": day}


def test_month_names_before_weekdays():
    """ "mar" before a day number alone is March, and before a date it is Tuesday (mardi)."""
    assert parse_meeting_time("mar 6 2028 9h", "en", NOW) == utc("2028-03-06 08:00")
    assert parse_meeting_time("mar 7 septembre 9h", "fr", NOW) == utc("2027-09-07 07:00")
