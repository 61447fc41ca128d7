"""The full date (day's name, day, month, year) reads the same way in both languages, as ux.md writes it."""

from __future__ import annotations

from datetime import UTC, date, datetime

from locales import Translator


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
