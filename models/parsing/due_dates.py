"""Dates as users type them ("15/03/2026", "mars 2026", "end of March 2026"...): deadlines, bounded days."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from models.clock import add_months
from models.parsing.text import InputError, fold

MAX_YEARS_AHEAD = 10

# Folded full month names; any unambiguous prefix of three letters or more also works.
_MONTH_NAMES: dict[str, int] = {
    name: number
    for names in (
        (
            "janvier",
            "fevrier",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "aout",
            "septembre",
            "octobre",
            "novembre",
            "decembre",
        ),
        (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ),
    )
    for number, name in enumerate(names, start=1)
}

# Words before a date that do not change it: a month already means its last day.
_PREFIXES = re.compile(r"^(?:fin de |fin d['\u2019] ?|fin |end of |end |le |the )")
_YEAR = r"(?P<year>\d{4}|\d{2})"
_SEP = r"[/.-]"
_DAY_FIRST = re.compile(rf"(?P<day>\d{{1,2}}){_SEP}(?P<month>\d{{1,2}}){_SEP}{_YEAR}")
_ISO = re.compile(rf"(?P<year>\d{{4}}){_SEP}(?P<month>\d{{1,2}}){_SEP}(?P<day>\d{{1,2}})")
_MONTH_YEAR = re.compile(rf"(?P<month>\d{{1,2}}){_SEP}(?P<year>\d{{4}})")
# With a two-digit year, "15/03" is a day missing its year rather than a month 15.
_MONTH_SHORT_YEAR = re.compile(rf"(?P<month>0?[1-9]|1[0-2]){_SEP}(?P<year>\d{{2}})")
_ISO_MONTH = re.compile(rf"(?P<year>\d{{4}}){_SEP}(?P<month>\d{{1,2}})")
_ORDINAL = r"(?:er|re|st|nd|rd|th)?"
_NAMED = re.compile(rf"(?:(?P<day>\d{{1,2}}){_ORDINAL} )?(?P<name>[a-z]+)\.?,? {_YEAR}")
_NAMED_DAY_AFTER = re.compile(rf"(?P<name>[a-z]+)\.? (?P<day>\d{{1,2}}){_ORDINAL},? {_YEAR}")


@dataclass(frozen=True)
class DueDate:
    """A deadline, either a precise day or a whole month (stored as its last day)."""

    value: date
    precision: Literal["day", "month"]


def parse_due_date(text: str, language: str, today: date) -> DueDate:
    """Read a future deadline typed as a day or a month, in French or English; a day without its year
    (« 31/12 », « 31 décembre ») is the next one, « demain » tomorrow."""
    near = _near_today(fold(text or "").rstrip(" .!"), today, date.max, today, horizon=4 * 366)
    due = DueDate(near, "day") if near else _read(text)
    # The last day of the current month is never before today, so this month is accepted.
    if due.value < today:
        raise InputError("date_in_past", {"date": due.value, "today": today})
    limit = add_months(today, 12 * MAX_YEARS_AHEAD)
    # A month counts from its first day: "03/2036" is within ten years of 15 March 2026.
    start = due.value.replace(day=1) if due.precision == "month" else due.value
    if start > limit:
        raise InputError("date_too_far", {"date": due.value, "limit": limit})
    return due


def parse_date_between(
    text: str, language: str, earliest: date, latest: date, today: date | None = None
) -> date:
    """Read a day typed between two dates included, such as a meeting held last week.

    The same forms as a due date are read; a whole month stands for its last day, which must itself
    fall within the bounds (so that the day stored is never outside them). Given ``today``, also
    « hier », « demain »… and a day without its year (« 31 décembre », « 31/12 »): the one within
    the bounds nearest today (last 31 December for a decision, the next one for a closing day).
    """
    day = _near_today(fold(text or "").rstrip(" .!"), earliest, latest, today) if today else None
    day = day or _read(text).value
    if day < earliest:
        raise InputError("date_in_past", {"date": day, "earliest": earliest})
    if day > latest:
        raise InputError("date_too_far", {"date": day, "latest": latest})
    return day


# days named from today, in both languages (folded: no accents; either apostrophe)
_FROM_TODAY = {
    "aujourd'hui": 0, "aujourd\u2019hui": 0, "today": 0, "hier": -1, "yesterday": -1, "avant-hier": -2,
    "avant hier": -2, "demain": 1, "tomorrow": 1, "apres-demain": 2, "apres demain": 2,
}  # fmt: skip
_DAY_MONTH = re.compile(rf"(?P<day>\d{{1,2}}){_SEP}(?P<month>\d{{1,2}})")
_NAMED_NO_YEAR = re.compile(rf"(?P<day>\d{{1,2}}){_ORDINAL} (?P<name>[a-z]+)\.?")
# « December 31st » needs its ending: « décembre 26 » is December 2026
_NAMED_DAY_NO_YEAR = re.compile(r"(?P<name>[a-z]+)\.? (?P<day>\d{1,2})(?:st|nd|rd|th)")


def _near_today(folded: str, earliest: date, latest: date, today: date, horizon: int = 183) -> date | None:
    """A day named from today, or a day and month without a year placed nearest today within the
    bounds; None for any other text (read with its year by ``_read``)."""
    folded = _PREFIXES.sub("", folded)
    if folded in _FROM_TODAY:
        return date.fromordinal(today.toordinal() + _FROM_TODAY[folded])
    found = next(
        (m for p in (_DAY_MONTH, _NAMED_NO_YEAR, _NAMED_DAY_NO_YEAR) if (m := p.fullmatch(folded))), None
    )
    if found is None:
        return None
    month = int(found["month"]) if "month" in found.groupdict() else _month_from_name(found["name"])
    if month is None or not 1 <= month <= 12:
        return None
    day = int(found["day"])
    # four years either way: « 29/02 » has a year within them
    years = [y for y in range(today.year - 4, today.year + 5) if 1 <= day <= _month_length(y, month)]
    days = [date(y, month, day) for y in years]
    if not days:
        return None  # « 30/02 »: ``_read`` says it does not exist
    # the way the question looks (a decision: back; a closing day, a deadline: ahead), when that day
    # is within the horizon (half a year; for a deadline, the next one); else the nearest one, which the
    # bounds may refuse: « 25 novembre » typed two days before it, for a decision, is a date in the
    # future, not last year's: never a silent guess
    way = [d for d in days if (d <= today if latest <= today else d >= today if earliest >= today else True)]
    likely = min(way, key=lambda d: abs(d - today), default=None)
    if likely is not None and abs(likely - today).days <= horizon:
        return likely
    return min(days, key=lambda d: abs(d - today))


def _read(text: str) -> DueDate:
    """The day or month a text names, whatever its distance from today."""
    # Both languages read day-first numeric dates: the coops all work in France.
    folded = fold(text or "").rstrip(" .!")
    if not folded:
        raise InputError("empty")
    folded = _PREFIXES.sub("", folded)
    folded = re.sub(r"(?<=\d) ?([/.-]) ?(?=\d)", r"\1", folded)  # "15 / 03 / 2026" too
    fields = _match_fields(folded)
    if fields is None:
        raise InputError("not_a_date", {"text": text})
    year, month, day = fields
    american = day is not None and 1 <= day <= 12 < month <= 31 and _DAY_FIRST.fullmatch(folded)
    if american and year >= 1 and month <= _month_length(year, day):  # « 12/31/2027 »: said, not guessed
        raise InputError("day_first", {"text": text, "example": f"{month:02d}/{day:02d}/{year}"})
    if year < 1 or not 1 <= month <= 12:
        raise InputError("invalid_date", {"text": text})
    if day is not None and not 1 <= day <= _month_length(year, month):
        raise InputError("invalid_date", {"text": text})
    if day is None:
        return DueDate(date(year, month, _month_length(year, month)), "month")
    return DueDate(date(year, month, day), "day")


def _match_fields(folded: str) -> tuple[int, int, int | None] | None:
    """Year, month and day (None for a whole month) of a folded date, if it has a known shape."""
    for pattern in (_DAY_FIRST, _ISO, _MONTH_YEAR, _MONTH_SHORT_YEAR, _ISO_MONTH):
        found = pattern.fullmatch(folded)
        if found:
            day = found.groupdict().get("day")
            return _full_year(found["year"]), int(found["month"]), int(day) if day else None
    for pattern in (_NAMED, _NAMED_DAY_AFTER):
        found = pattern.fullmatch(folded)
        if found:
            month = _month_from_name(found["name"])
            if month is None:
                return None
            day = found["day"]
            return _full_year(found["year"]), month, int(day) if day else None
    return None


def _month_from_name(word: str) -> int | None:
    """The month a French or English name or abbreviation stands for, if unambiguous."""
    if len(word) < 3:
        return None
    months = {number for name, number in _MONTH_NAMES.items() if name.startswith(word)}
    # "jui" could be juin or juillet, so it is refused rather than guessed.
    return months.pop() if len(months) == 1 else None


def _full_year(digits: str) -> int:
    """A four-digit year, reading "26" as 2026."""
    return 2000 + int(digits) if len(digits) == 2 else int(digits)


def _month_length(year: int, month: int) -> int:
    """Number of days in a month."""
    return calendar.monthrange(year, month)[1]
