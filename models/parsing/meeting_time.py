"""Date and time of a video meeting as a federation admin types it ("mercredi 8 septembre 9h")."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

from models.clock import PARIS, add_months
from models.parsing.due_dates import (
    _ORDINAL,
    _SEP,
    _YEAR,
    _full_year,
    _month_from_name,
    _month_length,
    checked_weekday,
    leading_weekday,
)
from models.parsing.text import InputError, fold

MAX_MONTHS_AHEAD = 24

# Days from today that relative words stand for.
_RELATIVE_DAYS: dict[str, int] = {
    "aujourd'hui": 0,
    "aujourdhui": 0,
    "aujourd hui": 0,
    "today": 0,
    "demain": 1,
    "tomorrow": 1,
    "apres-demain": 2,
    "apres demain": 2,
    "day after tomorrow": 2,
}

_PREFIXES = re.compile(r"^(?:le |the |on )")
_ISO = re.compile(rf"(?P<year>\d{{4}}){_SEP}(?P<month>\d{{1,2}}){_SEP}(?P<day>\d{{1,2}})")
_DAY_FIRST = re.compile(rf"(?P<day>\d{{1,2}}){_SEP}(?P<month>\d{{1,2}})(?:{_SEP}{_YEAR})?")
_DAY_NAME = re.compile(rf"(?P<day>\d{{1,2}}){_ORDINAL} (?:of |de )?(?P<name>[a-z]+)\.?(?:,? {_YEAR})?")
_NAME_DAY = re.compile(rf"(?P<name>[a-z]+)\.? (?:the )?(?P<day>\d{{1,2}}){_ORDINAL}(?:,? {_YEAR})?")

# The time closes the text, after an optional "à", "at" or comma.
_BEFORE_TIME = r"(?P<date>.+?)(?:,? (?:a|at|@|vers|around)|,)? "
_TIME_PATTERNS = tuple(
    re.compile(_BEFORE_TIME + pattern)
    for pattern in (
        r"(?P<hour>\d{1,2})(?:[:.h](?P<minute>\d{2}))? ?(?P<half>[ap])\.?m\.?",
        r"(?P<hour>\d{1,2}) ?(?:h|heures?) ?(?P<minute>\d{2})?",
        r"(?P<hour>\d{1,2})[:.](?P<minute>\d{2})",
        r"(?P<word>midi|noon)",
    )
)

# A typed day: year (None when left out), month, day and the weekday typed (None if none).
_TypedDate = tuple[int | None, int, int, int | None]


def parse_meeting_time(text: str, language: str, now: datetime) -> datetime:
    """The UTC instant of a future meeting typed as a Paris date and time, in French or English."""
    # Both languages are read whatever the user's language: day-first, as everywhere in France.
    folded = fold(text or "").replace("\u2019", "'").rstrip(" .!")
    if not folded:
        raise InputError("empty")
    folded = _PREFIXES.sub("", folded)
    today = now.astimezone(PARIS).date()
    date_text, time_match = _split(folded, today)
    typed = _date_fields(date_text, today)
    if typed is None:
        raise InputError("not_a_date", {"text": text})
    day = _resolve_day(typed, today)
    if time_match is None:
        raise InputError("missing_time", {"date": day})
    at = _time_of(time_match, text)
    # A Paris wall time; zoneinfo reads a skipped or repeated one with fold=0 (the earlier offset).
    instant = datetime.combine(day, at, tzinfo=PARIS).astimezone(UTC)
    if instant < now:
        raise InputError("date_in_past", {"date": day, "now": now})  # the bound is the very moment
    limit = _months_later(now, MAX_MONTHS_AHEAD)
    if instant > limit:
        last_day = limit.astimezone(PARIS).date()
        raise InputError("date_too_far", {"date": day, "limit": last_day, "months": MAX_MONTHS_AHEAD})
    return instant


def _split(folded: str, today: date) -> tuple[str, re.Match[str] | None]:
    """The date part of the text and the match of its closing time (None when it has none)."""
    for pattern in _TIME_PATTERNS:
        found = pattern.fullmatch(folded)
        if found and _date_fields(found["date"], today) is not None:
            return found["date"], found
    return folded, None


def _date_fields(text: str, today: date) -> _TypedDate | None:
    """Year, month, day and weekday of a folded date part, if it has a known shape."""
    text = re.sub(r"(?<=\d) ?([/.-]) ?(?=\d)", r"\1", text.strip(" ,"))
    text = _PREFIXES.sub("", text)
    if text in _RELATIVE_DAYS:
        day = today + timedelta(days=_RELATIVE_DAYS[text])
        return day.year, day.month, day.day, None
    # the same weekday rule as a deadline's or a decision's day (``leading_weekday``)
    split = leading_weekday(text)
    fields = _absolute_fields(split[1]) if split is not None else None
    if fields is not None:
        return fields[0], fields[1], fields[2], split[0]
    fields = _absolute_fields(text)
    return None if fields is None else (fields[0], fields[1], fields[2], None)


def _absolute_fields(text: str) -> tuple[int | None, int, int] | None:
    """Year (None if left out), month and day of a calendar date without weekday."""
    for pattern in (_ISO, _DAY_FIRST):
        found = pattern.fullmatch(text)
        if found:
            return _year_of(found["year"]), int(found["month"]), int(found["day"])
    for pattern in (_DAY_NAME, _NAME_DAY):
        found = pattern.fullmatch(text)
        if found:
            month = _month_from_name(found["name"])
            if month is None:
                return None
            return _year_of(found["year"]), month, int(found["day"])
    return None


def _year_of(digits: str | None) -> int | None:
    """A four-digit year from typed digits, or None when no year was typed."""
    return None if digits is None else _full_year(digits)


def _resolve_day(typed: _TypedDate, today: date) -> date:
    """The calendar day meant, taking the next one from today when no year was typed."""
    year, month, day, weekday = typed
    # 29 February is checked against a leap year here, and finds one below.
    if (year is not None and year < 1) or not 1 <= month <= 12:
        raise InputError("invalid_date", {"day": day, "month": month, "year": year})
    if not 1 <= day <= _month_length(year or 2000, month):
        raise InputError("invalid_date", {"day": day, "month": month, "year": year})
    if year is not None:
        result = date(year, month, day)
    else:
        year = today.year
        while day > _month_length(year, month) or date(year, month, day) < today:
            year += 1
        result = date(year, month, day)
    return checked_weekday(result, weekday)


def _time_of(found: re.Match[str], text: str) -> time:
    """The wall-clock time a matched time pattern stands for."""
    fields = found.groupdict()
    if fields.get("word"):
        return time(12, 0)
    hour, minute = int(fields["hour"]), int(fields.get("minute") or 0)
    half = fields.get("half")
    if half:
        if not 1 <= hour <= 12:
            raise InputError("invalid_time", {"text": text})
        hour = hour % 12 + (12 if half == "p" else 0)
    if hour > 23 or minute > 59:
        raise InputError("invalid_time", {"text": text})
    return time(hour, minute)


def _months_later(instant: datetime, months: int) -> datetime:
    """The same UTC instant some months later, clamped to the end of shorter months."""
    day = add_months(instant.date(), months)
    return instant.replace(year=day.year, month=day.month, day=day.day)
