"""Date and time of a video meeting as a federation admin types it ("mercredi 8 septembre 9h")."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

from models.clock import PARIS, add_months
from models.parsing.calendar_words import NEXT_ONE, UNREAD, example_day, read_date, weekday_alone
from models.parsing.text import InputError, fold

MAX_MONTHS_AHEAD = 24
WEEK = timedelta(days=7)
# a refused day's example is a meeting's answer: the day a date's refusal shows, at this time
EXAMPLE_TIME = time(9, 0)

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


def parse_meeting_time(text: str, language: str, now: datetime) -> datetime:
    """The UTC instant of a future meeting typed as a Paris date and time, in French or English; its day
    is read as a deadline's (``calendar_words``): « demain », « 8 septembre », a day without its year
    the next one. A weekday alone (« mercredi à 9h », « mercredi prochain 9h ») is the next such moment:
    today's weekday is today while its time is still ahead, else the same day a week on; « prochain »
    and "next" say the same (whichever week the admin meant, the answer is echoed back in full)."""
    folded = fold(text or "").replace("\u2019", "'").rstrip(" .!")
    if not folded:
        raise InputError("empty")
    today = now.astimezone(PARIS).date()
    date_text, time_match = _split(folded, language, today)
    day, weekday = _day_of(date_text, text, language, today)
    if time_match is None:
        raise InputError("missing_time", {"date": day})
    at = _time_of(time_match, text)
    wall = datetime.combine(day, at, tzinfo=PARIS)
    if weekday and wall < now:  # today's weekday, its time past: next week's
        wall = datetime.combine(day + WEEK, at, tzinfo=PARIS)
    if wall.utcoffset() != wall.replace(fold=1).utcoffset():  # the night the clocks change
        _refuse_clock_change(wall)
    instant = wall.astimezone(UTC)
    if instant < now:
        raise InputError("moment_past", {"date": day, "now": now})  # the bound is the very moment
    limit = _months_later(now, MAX_MONTHS_AHEAD)
    if instant > limit:
        last_day = limit.astimezone(PARIS).date()
        raise InputError("date_too_far", {"date": day, "limit": last_day, "months": MAX_MONTHS_AHEAD})
    return instant


def _refuse_clock_change(wall: datetime) -> None:
    """A Paris time the clocks skip (« 2 h 30 » when they go from 2 h to 3 h) or show twice (when they go
    back from 3 h to 2 h) is no meeting time: zoneinfo would move the first silently and pick one of the
    second's two instants, which the announcement could not tell apart. Refused with the change said."""
    before, after, minute = wall.utcoffset(), wall.replace(fold=1).utcoffset(), timedelta(minutes=1)
    change = wall.replace(tzinfo=None) - max(before, after)  # a UTC minute before the change
    while (change + minute).replace(tzinfo=UTC).astimezone(PARIS).utcoffset() == before:
        change += minute
    change += minute  # the change's UTC minute: the clocks went from ``start`` to ``end``
    start, end = (change + before).time(), (change + after).time()
    params = {"date": wall.date(), "typed": wall.time(), "start": start, "end": end, "later": max(start, end)}
    raise InputError("time_skipped" if after > before else "time_repeated", params)


def _split(folded: str, language: str, today: date) -> tuple[str, re.Match[str] | None]:
    """The date part of the text and the match of its closing time (None when it has none)."""
    for pattern in _TIME_PATTERNS:
        found = pattern.fullmatch(folded)
        if found and _names_a_date(found["date"], language, today):
            return found["date"], found
    return folded, None


def _names_a_date(date_text: str, language: str, today: date) -> bool:
    """Whether the text before a time has the shape of a date, even a wrong one (« 31/02 »: said so)."""
    try:
        _day_of(date_text, date_text, language, today)
    except InputError as refused:
        return refused.code not in ("not_a_date", "empty")
    return True


def _day_of(date_text: str, text: str, language: str, today: date) -> tuple[date, bool]:
    """The meeting's day: the next one when typed without its year; a whole month is not a day. With it,
    whether it was a weekday alone (its next one from today: today's own, which the time may put a week
    on). A text read as no day, or as one that does not exist, is refused with a day and time to type
    (a day alone would be refused in turn: « add the time »)."""
    try:
        typed = read_date(date_text, language, (today, date.max), today, horizon=NEXT_ONE, typed=text)
    except InputError as refused:
        # the whole text first, as for a weekday before a date: « mar » alone is March, not a Tuesday
        weekday = weekday_alone(date_text) if refused.code == "not_a_date" else None
        if weekday is not None:
            return today + timedelta(days=(weekday - today.weekday()) % 7), True
        if refused.code in UNREAD:
            refused.example = datetime.combine(example_day((today, date.max), today), EXAMPLE_TIME)
        raise
    if typed.precision == "month":  # « décembre 26 » is December 2026, « 03/27 » March 2027
        raise InputError("whole_month", {"month": typed.value})
    return typed.value, False


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
