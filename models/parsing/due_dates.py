"""Dates as users type them ("15/03/2026", "mars 2026", "end of March 2026"...): deadlines, bounded days.

The words are read by ``calendar_words``, the same grammar as a meeting's day, and a planner's periods by
``periods`` (« T2 2027 », « fin d’année »); this module sets bounds.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from models.clock import add_months
from models.parsing.calendar_words import NEXT_ONE, DueDate, read_date
from models.parsing.periods import at_the_latest_off, from_today, part_of_month, read_period, without_by
from models.parsing.text import InputError, fold

MAX_YEARS_AHEAD = 10

Check = Callable[[DueDate], date]


def parse_due_date(text: str, language: str, today: date) -> DueDate:
    """Read a future deadline typed as a day or a month, in French or English; a day without its year
    (« 31/12 », « 31 décembre ») is the next one, « demain » tomorrow, « dans 6 mois » six months on,
    « fin 2027 » December 2027, « T2 2027 » June; « d’ici » or « avant » before an end changes nothing."""

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

    def read(folded: str) -> DueDate:
        """The day or month a folded text names, placed after today."""
        return read_date(folded, language, (today, date.max), today, horizon=NEXT_ONE, typed=text)

    folded = _folded(text)
    if (day := from_today(at_the_latest_off(folded), today)) is not None:  # « dans 6 mois »: that day, echoed
        due = DueDate(day, "day")
    else:  # « d’ici fin 2027 », "by the end of 2027": the deadline is what follows
        folded = without_by(folded)
        _refuse_part_of_month(folded, text, check, read)
        due = period_end(folded, text, check, today) or read(folded)
    check(due)
    return due


def _folded(text: str) -> str:
    """A typed date folded as ``read_date`` reads it: one apostrophe, no punctuation around it."""
    return fold(text or "").replace("\u2019", "'").strip(" ,").rstrip(" .!,")


def period_end(folded: str, text: str, check: Check, today: date | None = None) -> DueDate | None:
    """A period that ends a deadline (« fin 2027 », « T2 2027 », « fin d’année »): its last month, as
    « fin décembre 2027 » or « juin 2027 » reads. One that names no month (« début 2027 », « mi-2027 »,
    « été 2027 », « 2028 » alone) is refused with one to type (``month_needed``), never guessed: its usual
    one (January, June, August, December) or the nearest the question's ``check`` takes (« mi-2026 » in
    July 2026: July); a period none of whose months it takes is refused as they are (past, too far). None
    for any other text (``text``: as typed, for the refusal)."""
    period = read_period(folded, today)
    if period is None:
        return None
    if period.usual is None:
        return DueDate(period.last_day(), "month")
    first, last, year = period.first, period.last, period.year
    taken, refusals = [], []
    for month in sorted(range(first, last + 1), key=lambda month: (abs(month - period.usual), -month)):
        try:
            check(DueDate(add_months(date(year, month, 1), 1) - timedelta(days=1), "month"))
            taken.append(month)
        except InputError as refused:
            refusals.append((month, refused))
    if not taken:  # as its nearest month is refused: the last one if the period is past, else the first
        raise min(refusals, key=lambda refusal: abs(refusal[0] - (last if _past(refusal[1]) else first)))[1]
    raise InputError("month_needed", {"text": text, "month": date(year, taken[0], 1)})


def _refuse_part_of_month(folded: str, text: str, check: Check, read: Callable[[str], DueDate]) -> None:
    """A part of a month (« début mars 2027 », "mid-March") is refused with a day to type (``day_needed``),
    never guessed: the one its part usually stands for (the 1st, the 15th, the last) or the nearest of
    its days the question's ``check`` takes; when it takes none, refused as the nearest is (past, too far).
    Nothing for another text, or one whose month is not read (refused as the whole text then is); one
    without its year where the question looks back (a decision) has its year asked first, as a month has."""
    found = part_of_month(folded)
    try:
        month = read(found[1]) if found else None
    except InputError as refused:
        if refused.code == "month_without_year":
            raise
        return
    if month is None or month.precision != "month":
        return
    (first, last, usual), length = found[0], month.value.day
    days = sorted(range(first, min(last, length) + 1), key=lambda day: (abs(day - min(usual, length)), -day))
    refusals = []
    for day in (month.value.replace(day=number) for number in days):
        try:
            check(DueDate(day, "day"))
        except InputError as refused:
            refusals.append(refused)
            continue
        raise InputError("day_needed", {"text": text, "day": day})
    raise refusals[0]


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

    def read(folded: str) -> DueDate:
        """The day or month a folded text names, placed by the bounds."""
        return read_date(folded, language, (earliest, latest), today, typed=text)

    folded = _folded(text)
    _refuse_part_of_month(folded, text, check, read)
    return check(period_end(folded, text, check, today) or read(folded))


def same_month(*days: date) -> bool:
    """Whether the days all fall in one month of one year."""
    return len({(day.year, day.month) for day in days}) == 1
