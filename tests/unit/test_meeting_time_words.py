"""A meeting time typed with words around it: harmless words read (« du matin », « heure de Paris »,
« (durée 1h) », « demain matin »), others refused by quoting them, never as a missing time.

Before: « mercredi 9h du matin », « demain matin 9h », « le mercredi 2 décembre 2026 à 9h00 (durée
1h) », « mercredi 9h30 heure de Paris », « mercredi minuit » and "Wednesday at 9" were all refused with
« Ajoutez l’heure, par exemple 9h ou 14h30 » though a time was typed."""

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
    return datetime(*fields, tzinfo=PARIS).astimezone(UTC)


@pytest.mark.parametrize(
    ("language", "typed", "expected"),
    [
        ("fr", "mercredi 9h du matin", paris(2026, 11, 25, 9, 0)),
        ("fr", "mercredi 9h30 du matin", paris(2026, 11, 25, 9, 30)),
        ("fr", "mercredi 8h du soir", paris(2026, 11, 25, 20, 0)),
        ("fr", "mercredi 3h de l’après-midi", paris(2026, 11, 25, 15, 0)),
        ("fr", "demain matin 9h", paris(2026, 11, 24, 9, 0)),
        ("fr", "mercredi après-midi à 14h", paris(2026, 11, 25, 14, 0)),
        ("fr", "le mercredi 2 décembre 2026 à 9h00 (durée 1h)", paris(2026, 12, 2, 9, 0)),
        ("fr", "mercredi 9h30 heure de Paris", paris(2026, 11, 25, 9, 30)),
        ("fr", "mercredi 9h30 (heure de Paris)", paris(2026, 11, 25, 9, 30)),
        ("en", "Wednesday 9 in the morning", paris(2026, 11, 25, 9, 0)),
        ("en", "tomorrow morning 9am", paris(2026, 11, 24, 9, 0)),
        ("en", "Wednesday 2pm Paris time", paris(2026, 11, 25, 14, 0)),
    ],
)
def test_harmless_words_around_the_time_are_read(language, typed, expected):
    assert parse_meeting_time(typed, language, NOW) == expected


@pytest.mark.parametrize(
    ("language", "typed", "words", "day"),
    [
        ("fr", "mercredi minuit", "minuit", date(2026, 11, 25)),
        ("en", "Wednesday at 9", "at 9", date(2026, 11, 25)),
        ("fr", "mercredi matin 15h", "matin", date(2026, 11, 25)),  # the part of the day contradicts it
        ("fr", "mercredi 14h du matin", "14h du matin", date(2026, 11, 25)),
        ("fr", "mercredi 9h ou 10h", "9h ou 10h", date(2026, 11, 25)),
    ],
)
def test_other_words_are_quoted_never_said_missing(language, typed, words, day):
    with pytest.raises(InputError) as refused:
        parse_meeting_time(typed, language, NOW)
    assert refused.value.code == "words_unread", refused.value.code
    assert refused.value.params == {"date": day, "words": words}
    said = input_error_text(Translator(language), refused.value, typed)
    assert words in said and "add the time" not in said.lower() and "ajoutez" not in said.lower(), said
    assert said.startswith(("J’ai compris", "I read")), said


@pytest.mark.parametrize("typed", ["mercredi 2 décembre", "10 décembre après-midi"])
def test_a_day_without_a_time_still_asks_for_the_time(typed):
    with pytest.raises(InputError) as refused:
        parse_meeting_time(typed, "fr", NOW)
    assert refused.value.code == "missing_time"


def test_a_moment_past_names_the_day_it_was_read_as():
    """Before: "This moment is already past." alone: an English "12/02/2026" read as 12 February (not
    2 December) left the admin guessing why."""
    with pytest.raises(InputError) as refused:
        parse_meeting_time("12/02/2026 9:00", "en", NOW)
    said = input_error_text(Translator("en"), refused.value, "12/02/2026 9:00")
    assert "12 February 2026" in said and "It is now Monday 23 November 2026 at 10:30" in said, said
