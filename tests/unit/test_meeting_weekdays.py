"""A meeting typed as a weekday and a time (« mercredi à 9h », how the federation words its VisioCoops),
read as the next such day: today's weekday is today while the time is still ahead, else a week on;
« prochain » / "next" the same. The refusals of a time the clocks skip or show twice stay."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from conversations.render.input_errors import input_error_text
from locales import Translator
from models.parsing.meeting_time import parse_meeting_time
from models.parsing.text import InputError

PARIS = ZoneInfo("Europe/Paris")
MONDAY = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)  # Monday 23 November 2026, 10:30 in Paris


def paris(*fields: int) -> datetime:
    """The UTC instant of a Paris wall time."""
    return datetime(*fields, tzinfo=PARIS).astimezone(UTC)


def refusal(text: str, now: datetime, language: str = "fr") -> InputError:
    with pytest.raises(InputError) as caught:
        parse_meeting_time(text, language, now)
    return caught.value


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize(
    ("text", "wall"),
    [
        ("mercredi à 9h", (2026, 11, 25, 9, 0)),
        ("mercredi 9h", (2026, 11, 25, 9, 0)),
        ("Mercredi, 9 h 30", (2026, 11, 25, 9, 30)),
        ("mercredi prochain 9h", (2026, 11, 25, 9, 0)),
        ("mercredi prochain à 14h", (2026, 11, 25, 14, 0)),
        ("prochain mercredi à 9h", (2026, 11, 25, 9, 0)),
        ("ce mercredi à 9h", (2026, 11, 25, 9, 0)),
        ("le mercredi 9h", (2026, 11, 25, 9, 0)),
        ("mer. 9h", (2026, 11, 25, 9, 0)),
        ("Wednesday 9am", (2026, 11, 25, 9, 0)),
        ("Wednesday at 9:00", (2026, 11, 25, 9, 0)),
        ("next Wednesday at 9am", (2026, 11, 25, 9, 0)),
        ("on Wed 2:30pm", (2026, 11, 25, 14, 30)),
        ("dimanche midi", (2026, 11, 29, 12, 0)),
        ("mardi 9h", (2026, 11, 24, 9, 0)),  # tomorrow
        ("lundi 14h", (2026, 11, 23, 14, 0)),  # today, still ahead: today
        ("lundi 9h", (2026, 11, 30, 9, 0)),  # today, already past: a week on
        ("lundi prochain 9h", (2026, 11, 30, 9, 0)),
        ("Monday 10:29", (2026, 11, 30, 10, 29)),  # a minute ago
    ],
)
def test_a_weekday_is_the_next_such_day(text, wall, language):
    assert parse_meeting_time(text, language, MONDAY) == paris(*wall)


def test_a_weekday_alone_still_asks_the_time_of_its_day():
    error = refusal("mercredi prochain", MONDAY)
    assert (error.code, error.params) == ("missing_time", {"date": date(2026, 11, 25)})


def test_a_month_s_abbreviation_is_still_the_month():
    """« mar » alone is March, as everywhere a date is read (« mardi » is to be typed whole)."""
    assert refusal("mar 9h", MONDAY).code == "whole_month"


@pytest.mark.parametrize(
    ("now", "code"),
    [
        (datetime(2027, 3, 27, 11, tzinfo=UTC), "time_skipped"),  # Saturday before the spring change
        (datetime(2027, 3, 28, 0, 30, tzinfo=UTC), "time_skipped"),  # that Sunday, 1:30: still ahead
        (datetime(2027, 10, 30, 10, tzinfo=UTC), "time_repeated"),  # Saturday before the autumn change
    ],
)
def test_a_weekday_at_a_time_the_clocks_skip_or_repeat_is_refused(now, code):
    assert refusal("dimanche 2h30", now).code == code


@pytest.mark.parametrize(
    ("language", "typed", "shown"),
    [
        ("fr", "31/02 à 9h", "15/03/2027 à 9 h"),
        ("fr", "bientôt", "15/03/2027 à 9 h"),
        ("en", "31/02 at 9am", "15/03/2027 at 9:00"),
        ("en", "soon", "15/03/2027 at 9:00"),
    ],
)
def test_a_refused_meeting_day_s_example_has_a_time_and_is_read(language, typed, shown):
    """A date's refusal shows the day to type (the 15th four months on); a meeting's, with a time."""
    said = input_error_text(Translator(language), refusal(typed, MONDAY, language), typed)
    assert said.endswith(f" {shown}."), said
    assert parse_meeting_time(shown, language, MONDAY) == paris(2027, 3, 15, 9, 0)
