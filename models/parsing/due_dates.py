"""Dates as users type them ("15/03/2026", "mars 2026", "end of March 2026"...): deadlines, bounded days.

The words are read by ``calendar_words``, the same grammar as a meeting's day; this module sets bounds.
"""

from __future__ import annotations

from datetime import date

from models.clock import add_months
from models.parsing.calendar_words import NEXT_ONE, DueDate, read_date
from models.parsing.text import InputError

MAX_YEARS_AHEAD = 10


def parse_due_date(text: str, language: str, today: date) -> DueDate:
    """Read a future deadline typed as a day or a month, in French or English; a day without its year
    (« 31/12 », « 31 décembre ») is the next one, « demain » tomorrow."""
    due = read_date(text, language, (today, date.max), today, horizon=NEXT_ONE)
    # The last day of the current month is never before today, so this month is accepted.
    if due.value < today:
        raise InputError("date_in_past", {"date": due.value, "today": today})
    limit = add_months(today, 12 * MAX_YEARS_AHEAD)
    # A month counts from its first day: "03/2036" is within ten years of 15 March 2026.
    start = due.value.replace(day=1) if due.precision == "month" else due.value
    if start > limit:
        raise InputError("date_too_far", {"date": due.value, "limit": limit, "years": MAX_YEARS_AHEAD})
    return due


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
