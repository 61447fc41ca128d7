"""The full date (day's name, day, month, year) reads the same way in both languages, as ux.md writes it."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from locales import Translator
from models.clock import PARIS
from models.parsing.due_dates import DueDate, parse_date_between, parse_due_date
from models.parsing.meeting_time import parse_meeting_time


def test_the_full_date_has_no_comma_in_english_and_keeps_the_french_first():
    en, fr = Translator("en"), Translator("fr")
    assert en.format_date(date(2026, 12, 1), "full") == "Tuesday 1 December 2026"
    assert en.format_date(date(2026, 3, 3), "full") == "Tuesday 3 March 2026"
    assert fr.format_date(date(2026, 12, 1), "full") == "mardi 1er décembre 2026"
    assert fr.format_date(date(2026, 3, 3), "full") == "mardi 3 mars 2026"
    # the date and time pattern starts with the same words
    moment = datetime(2026, 3, 3, 8, tzinfo=UTC)
    assert en.format_datetime(moment).startswith(en.format_date(date(2026, 3, 3), "full") + " at ")
    assert en.format_date(date(2026, 3, 3)) == "3 March 2026"  # the other formats stay babel's


# every day of a year, leap day included, with each weekday and each « 1er »
YEAR_2028 = [date(2028, 1, 1) + timedelta(days=n) for n in range(366)]


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("format", ["full", "long", "medium"])
def test_every_date_the_bot_writes_is_read_back_as_itself(language, format):
    """A user copying a date the bot wrote (« mardi 1er décembre 2026 ») gets that date, in either language."""
    t = Translator(language)
    today = date(2027, 12, 31)
    for day in YEAR_2028:
        written = t.format_date(day, format)
        for reader in ("fr", "en"):
            assert parse_due_date(written, reader, today) == DueDate(day, "day"), (written, reader)
            assert parse_date_between(written, reader, day, day, today=today) == day, (written, reader)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_meeting_moment_the_bot_writes_is_read_back_as_itself(language):
    """The announcement's echo (« ✅ mercredi 9 décembre 2026 à 9 h 00 »), typed back, is that moment."""
    t = Translator(language)
    now = datetime(2027, 12, 31, 12, tzinfo=UTC)
    for day in YEAR_2028:
        moment = datetime.combine(day, time(8, 30), tzinfo=PARIS).astimezone(UTC)
        assert parse_meeting_time(t.format_datetime(moment), language, now) == moment, t.format_datetime(
            moment
        )
