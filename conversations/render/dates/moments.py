"""Days and instants said the user's way: « 1er mars 2026 », « mardi 1er décembre 2026 à 14 h 00 »."""

from __future__ import annotations

import re
from datetime import date, datetime

from locales import Translator
from models.label.meetings import meeting_starts

# the day of a French date: the first number followed by a space and a word (« 1 décembre »)
FIRST_DAY = re.compile(r"(?<!\d)1(?=[ \u00a0\u202f][^\d\s])")


def first_of_month(t: Translator, text: str, day: date) -> str:
    """« 1er décembre »: French writes the first day of a month as an ordinal."""
    if t.language != "fr" or day.day != 1:
        return text
    return FIRST_DAY.sub("1er", text, count=1)


def format_day(t: Translator, value: date, format: str = "long") -> str:
    """« 1er mars 2026 », « 15 mars 2026 », the user's way."""
    return first_of_month(t, t.format_date(value, format), value)


def format_moment(t: Translator, instant: datetime) -> str:
    """An instant in Paris time: « mardi 1er décembre 2026 à 9 h 30 »."""
    # the translator writes « 1er » in its pattern already; done again on the text, it turned
    # « à 1 h 00 » on the first of a month into « à 1er h 00 » (found by test_properties)
    return t.format_datetime(instant)


def meeting_moment(t: Translator, meeting: date) -> str:
    """The committee's meeting with its day and hour, « mardi 1er décembre 2026 à 14 h 00 » ("Tuesday 1
    December 2026 at 14:00"): an appointment, as its reminders, /calendrier and the .ics give it."""
    return format_moment(t, meeting_starts(meeting))
