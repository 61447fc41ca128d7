"""A meeting's time typed as the French write a slot (« jeudi 10 décembre de 14h à 15h », « 9 décembre
9h30-10h30 »), the time before the date (« 14h le 9 décembre »), or a weekday with the day's number
alone (« mercredi 9 à 9h »): read as the slot's start. What is still refused says what was not
understood: the time after a date read (« add the time »), not « no date »."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from conversations.render.input_errors import input_error_text
from locales import Translator
from models.parsing.meeting_time import parse_meeting_time
from models.parsing.text import InputError

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)  # Monday 23 November 2026, 10:30 in Paris


def paris(*fields: int) -> datetime:
    """The UTC instant of a Paris wall time."""
    return datetime(*fields, tzinfo=PARIS).astimezone(UTC)


def refusal(text: str, language: str = "fr", now: datetime = NOW) -> InputError:
    with pytest.raises(InputError) as caught:
        parse_meeting_time(text, language, now)
    return caught.value


@pytest.mark.parametrize(
    ("text", "wall"),
    [
        # the tester's five, refused as « Je ne reconnais pas de date » before
        ("jeudi 10 décembre de 14h à 15h", (2026, 12, 10, 14, 0)),
        ("9 décembre 9h30-10h30", (2026, 12, 9, 9, 30)),
        ("14h le 9 décembre", (2026, 12, 9, 14, 0)),
        ("09/12 - 14h", (2026, 12, 9, 14, 0)),
        ("mercredi 9 à 9h", (2026, 12, 9, 9, 0)),
        # a slot, however its ends are joined
        ("10 décembre 14h–15h30", (2026, 12, 10, 14, 0)),
        ("10 décembre 14h - 15h", (2026, 12, 10, 14, 0)),
        ("10/12 de 9 h 30 à 11 h", (2026, 12, 10, 9, 30)),
        ("10/12 de 14 à 16h", (2026, 12, 10, 14, 0)),
        ("10/12 entre 14h et 15h", (2026, 12, 10, 14, 0)),
        ("10/12, 14:00-15:00", (2026, 12, 10, 14, 0)),
        ("mercredi de 14h à 15h", (2026, 11, 25, 14, 0)),
        ("demain de 9h à 10h", (2026, 11, 24, 9, 0)),
        # the time first
        ("à 14h, le 9 décembre", (2026, 12, 9, 14, 0)),
        ("9h30 mercredi 9 décembre", (2026, 12, 9, 9, 30)),
        ("de 14h à 15h le 10/12", (2026, 12, 10, 14, 0)),
        ("14h - 9 décembre", (2026, 12, 9, 14, 0)),
        ("9h mercredi", (2026, 11, 25, 9, 0)),
        # a weekday with the day's number alone: the next such day of a month
        ("jeudi 10 à 14h", (2026, 12, 10, 14, 0)),
        ("mercredi 25 9h", (2026, 11, 25, 9, 0)),
        ("mer. 9, 9h", (2026, 12, 9, 9, 0)),
        # what was read before still is
        ("mercredi 9h", (2026, 11, 25, 9, 0)),
        ("mercredi 9 h", (2026, 11, 25, 9, 0)),
        ("9 décembre 9h", (2026, 12, 9, 9, 0)),
    ],
)
def test_a_slot_or_a_time_first_is_read_as_its_start(text, wall):
    assert parse_meeting_time(text, "fr", NOW) == paris(*wall)


@pytest.mark.parametrize(
    ("text", "wall"),
    [
        ("December 10 from 2pm to 3pm", (2026, 12, 10, 14, 0)),
        ("December 10 2:00-3:00pm", (2026, 12, 10, 14, 0)),  # the end's pm is the start's
        ("December 10 11-1pm", (2026, 12, 10, 11, 0)),  # 11 before 1 pm: the morning
        ("December 10, 2-3pm", (2026, 12, 10, 14, 0)),
        ("2pm on December 9", (2026, 12, 9, 14, 0)),
        ("Wednesday 9 at 9am", (2026, 12, 9, 9, 0)),
        ("Wednesday, December 9 at 9 AM", (2026, 12, 9, 9, 0)),
    ],
)
def test_the_same_in_english(text, wall):
    """ "December 10" is a day in English (in French, « décembre 10 » is December 2010)."""
    assert parse_meeting_time(text, "en", NOW) == paris(*wall)


@pytest.mark.parametrize(
    ("text", "code", "params"),
    [
        # the date is read: the time typed is what is not understood, quoted (never said missing)
        ("6 décembre 9h7", "words_unread", {"date": date(2026, 12, 6), "words": "9h7"}),
        ("10 décembre après-midi", "missing_time", {"date": date(2026, 12, 10)}),
        ("demain matin", "missing_time", {"date": date(2026, 11, 24)}),
        ("jeudi 10 décembre de 14h à", "words_unread", {"date": date(2026, 12, 10), "words": "de 14h à"}),
        ("dans l'après-midi du 10 décembre", "missing_time", {"date": date(2026, 12, 10)}),
        # the day's number alone must be the weekday's: the next 9th is a Wednesday, not a Friday
        ("vendredi 9 à 9h", "weekday_mismatch", {"typed": 4, "actual": 2, "date": date(2026, 12, 9)}),
        # a slot's end that is no time of day
        ("10 décembre 14h-25h", "invalid_time", {"text": "10 décembre 14h-25h"}),
        # no date at all: still said so
        ("9h", "not_a_date", {"text": "9h"}),
        ("de 14h à 15h", "not_a_date", {"text": "de 14h à 15h"}),
        ("bientôt", "not_a_date", {"text": "bientôt"}),
    ],
)
def test_what_is_refused_says_what_was_not_understood(text, code, params):
    error = refusal(text)
    assert (error.code, error.params) == (code, params)


def test_a_time_not_understood_after_a_date_asks_the_time_not_a_date():
    typed = "jeudi 10 décembre 14h30h"
    said = input_error_text(Translator("fr"), refusal(typed), typed)
    assert "heure" in said and "date" not in said, said
