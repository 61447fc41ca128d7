"""Dates as users type them ("15/03/2026", "mars 2026", "end of March 2026"...): deadlines, bounded days.

The words are read by ``calendar_words``, the same grammar as a meeting's day; this module sets bounds.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from models.clock import add_months
from models.parsing.calendar_words import NEXT_ONE, DueDate, read_date
from models.parsing.text import InputError, fold

MAX_YEARS_AHEAD = 10

# a year with a word before it, or alone: « fin 2027 », « the end of 2027 », « début 2027 », « mi-2027 »
_PART_OF_YEAR = re.compile(r"(?:(?:the |la )?(?P<part>[a-z]+)(?: de| d'| of)?[ -]?)?(?P<year>\d{4})")
_YEAR_END = ("fin", "end")
# a part of a year that names no month: its months (first and last), and the one shown to type instead
# (its first, its middle one); « courant 2027 », « en 2027 »: the whole year, its last shown
_PART_MONTHS = {
    **dict.fromkeys(("debut", "beginning", "early", "start"), (1, 4, 1)),
    **dict.fromkeys(("mi", "milieu", "mid", "middle"), (5, 8, 6)),
    "late": (9, 12, 12),  # not « fin »'s December: September to December
    **dict.fromkeys(("courant", "en", "in", "during"), (1, 12, 12)),
}

Check = Callable[[DueDate], date]


def parse_due_date(text: str, language: str, today: date) -> DueDate:
    """Read a future deadline typed as a day or a month, in French or English; a day without its year
    (« 31/12 », « 31 décembre ») is the next one, « demain » tomorrow, « fin 2027 » December 2027."""

    def check(due: DueDate) -> date:
        # The last day of the current month is never before today, so this month is accepted.
        if due.value < today:
            raise InputError("date_in_past", {"date": due.value, "today": today})
        limit = add_months(today, 12 * MAX_YEARS_AHEAD)
        # A month counts from its first day: "03/2036" is within ten years of 15 March 2026.
        start = due.value.replace(day=1) if due.precision == "month" else due.value
        if start > limit:
            raise InputError("date_too_far", {"date": due.value, "limit": limit, "years": MAX_YEARS_AHEAD})
        return due.value

    due = year_end(text, check) or read_date(text, language, (today, date.max), today, horizon=NEXT_ONE)
    check(due)
    return due


def year_end(text: str, check: Check) -> DueDate | None:
    """« fin 2027 », « end of 2027 »: the year's last month, as « fin décembre 2027 » reads. Another part
    of a year (« début 2027 », « mi-2027 ») names no month: refused with one to type (``month_needed``),
    never guessed: its usual one (January, June, December) or the nearest the question's ``check`` takes
    (« mi-2026 » in July 2026: July); a part none of whose months it takes is refused as they are (past,
    too far). None for any other text (a year alone: ``read_date``'s refusal, with a day to type)."""
    found = _PART_OF_YEAR.fullmatch(fold(text or "").replace("\u2019", "'").strip(" ,").rstrip(" .!,"))
    if found is None or found["part"] not in (*_YEAR_END, *_PART_MONTHS):  # a year alone: not a date
        return None
    year = int(found["year"])
    if found["part"] in _YEAR_END:
        return DueDate(date(year, 12, 31), "month")
    first, last, usual = _PART_MONTHS[found["part"]]
    taken, refusals = [], []
    for month in sorted(range(first, last + 1), key=lambda month: (abs(month - usual), -month)):
        try:
            check(DueDate(add_months(date(year, month, 1), 1) - timedelta(days=1), "month"))
            taken.append(month)
        except InputError as refused:
            refusals.append((month, refused))
    if not taken:  # as its nearest month is refused: the last one if the part is past, else the first
        raise min(refusals, key=lambda refusal: abs(refusal[0] - (last if _past(refusal[1]) else first)))[1]
    raise InputError("month_needed", {"text": text, "month": date(year, taken[0], 1)})


def _past(refused: InputError) -> bool:
    """Whether a date was refused for being before the question's first day."""
    return refused.code in ("date_in_past", "date_before")


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

    def check(due: DueDate) -> date:
        day = due.value
        if due.precision == "month" and today is not None and latest < day and same_month(latest, day, today):
            day = latest
        if day < earliest:  # before the first day allowed (not always today: a closing day is from tomorrow)
            raise InputError("date_before", {"date": day, "earliest": earliest})
        if day > latest:
            raise InputError("date_too_far", {"date": day, "latest": latest})
        return day

    return check(year_end(text, check) or read_date(text, language, (earliest, latest), today))


def same_month(*days: date) -> bool:
    """Whether the days all fall in one month of one year."""
    return len({(day.year, day.month) for day in days}) == 1
