"""Dates as users type them ("15/03/2026", "mars 2026", "end of March 2026"...): deadlines, bounded days.

The words are read by ``calendar_words``, the same grammar as a meeting's day; this module sets bounds.
"""

from __future__ import annotations

import re
from datetime import date

from models.clock import add_months
from models.parsing.calendar_words import NEXT_ONE, DueDate, read_date
from models.parsing.text import InputError, fold

MAX_YEARS_AHEAD = 10

# a year with a word before it, or alone: « fin 2027 », « end of 2027 », « début 2027 », « mi-2027 »
_PART_OF_YEAR = re.compile(r"(?:(?P<part>[a-z]+)(?: de| d'| of)?[ -]?)?(?P<year>\d{4})")
_YEAR_END = ("fin", "end")
# a part of a year that names no month: the month shown to type instead (its first, its middle one);
# « courant 2027 », « en 2027 »: its last
_MONTH_OF_PART = {"debut": 1, "beginning": 1, "early": 1, "mi": 6, "milieu": 6, "mid": 6, "middle": 6}
_YEAR_WORDS = {*_MONTH_OF_PART, "courant", "en", "in", "during"}


def parse_due_date(text: str, language: str, today: date) -> DueDate:
    """Read a future deadline typed as a day or a month, in French or English; a day without its year
    (« 31/12 », « 31 décembre ») is the next one, « demain » tomorrow, « fin 2027 » December 2027."""
    due = year_end(text) or read_date(text, language, (today, date.max), today, horizon=NEXT_ONE)
    # The last day of the current month is never before today, so this month is accepted.
    if due.value < today:
        raise InputError("date_in_past", {"date": due.value, "today": today})
    limit = add_months(today, 12 * MAX_YEARS_AHEAD)
    # A month counts from its first day: "03/2036" is within ten years of 15 March 2026.
    start = due.value.replace(day=1) if due.precision == "month" else due.value
    if start > limit:
        raise InputError("date_too_far", {"date": due.value, "limit": limit, "years": MAX_YEARS_AHEAD})
    return due


def year_end(text: str) -> DueDate | None:
    """« fin 2027 », « end of 2027 »: the year's last month, as « fin décembre 2027 » reads. Another part
    of a year (« début 2027 », « mi-2027 ») names no month: refused with one to type (``month_needed``:
    January, June, December), never guessed. None for any other text (a year alone: ``read_date``'s
    refusal, with a day to type)."""
    found = _PART_OF_YEAR.fullmatch(fold(text or "").replace("\u2019", "'").strip(" ,").rstrip(" .!,"))
    if found is None or found["part"] not in (*_YEAR_END, *_YEAR_WORDS):  # a year alone: not a date
        return None
    year = int(found["year"])
    if found["part"] in _YEAR_END:
        return DueDate(date(year, 12, 31), "month")
    month = _MONTH_OF_PART.get(found["part"], 12)
    raise InputError("month_needed", {"text": text, "month": date(year, month, 1)})


def parse_date_between(
    text: str, language: str, earliest: date, latest: date, today: date | None = None
) -> date:
    """Read a day typed between two dates included, such as a meeting held last week.

    The same forms as a due date are read; a whole month stands for its last day, which must itself
    fall within the bounds (so that the day stored is never outside them): but the current month, its
    last day not allowed yet, stands for the latest day that is (a decision's « novembre 2026 » typed on
    23 November: today, not a day in the future). Given ``today``, also « hier », « demain »… and a day
    without its year (« 31 décembre », « 31/12 »): the one within the bounds nearest today (last 31
    December for a decision, the next one for a closing day).
    """
    due = read_date(text, language, (earliest, latest), today)
    day = due.value
    if due.precision == "month" and today is not None and latest < day and same_month(latest, day, today):
        day = latest
    if day < earliest:  # before the first day allowed (not always today: a closing day is from tomorrow)
        raise InputError("date_before", {"date": day, "earliest": earliest})
    if day > latest:
        raise InputError("date_too_far", {"date": day, "latest": latest})
    return day


def same_month(*days: date) -> bool:
    """Whether the days all fall in one month of one year."""
    return len({(day.year, day.month) for day in days}) == 1
