"""Several days typed where a meeting's one day is asked (« du 9 au 10 décembre », "December 9-10"): read
to be refused with both days said, neither taken for the meeting's nor the month for a whole month."""

from __future__ import annotations

import re
from datetime import date, datetime, time

from models.parsing.calendar_words import NEXT_ONE, read_date
from models.parsing.text import InputError

# what joins a range's two days: « 9-10 », « 9 au 10 », "9 to 10", « les 9 et 10 », « jusqu'au 10 »
_LINK = re.compile(r" ?- ?| (?:au|a|to|till?|until|through|thru|jusqu'au|jusqu'a|et|and|&) ")
_OPENING = re.compile(r"^(?:du|from|between|les|le|the|on) ")
_NUMBER = re.compile(r"(?P<day>\d{1,2})(?P<ending>er|st|nd|rd|th)?")
_DIGIT = re.compile(r"\d")  # "December 9 to 10": a first day typed with its number (not « demain au 10 »)
# after these, spaced, a bare number up to 23 may be an hour as well as a day: "December 9 to 10", « 9
# décembre - 10 » (a dash between a day and a time is a separator: « 09/12 - 14h »); « au 10 » is a day,
# « à 10 » an hour (a day's number after « à » is no range: left to the time's refusal)
_HOUR_OR_DAY = ("-", "to", "till", "til", "until", "jusqu'a")
Days = tuple[date, date, int | None]  # a range's first and last days, and the last's number if maybe an hour


def range_refusal(folded: str, language: str, today: date, at: time, timed: bool) -> InputError | None:
    """The refusal of a folded text naming several days, its example the first at ``at`` (the time typed,
    if ``timed``); "December 9 to 10" typed without a time, its end a day or an hour, refused as such,
    its example at that hour. None for any other text."""
    for link in _LINK.finditer(text := _OPENING.sub("", folded)):
        days = _days(text[: link.start()], link.group(), text[link.end() :], language, today)
        if days is None:
            continue
        first, last, number = days
        if number is not None and not timed:  # the 10th, or 10 o'clock
            refused = InputError("day_or_hour", {"number": number, "day": last, "hour": time(number)})
            at = time(number)
        else:
            refused = InputError("day_range", {"first": first, "last": last})
        refused.example = datetime.combine(first, at)
        return refused
    return None


def _days(before: str, link: str, after: str, language: str, today: date) -> Days | None:
    """The first and last days of a range split at its link (the last after the first), and the last's
    number when it may be an hour instead; None when the two sides are not a range's."""
    first, last = _day(before, language, today), _day(after, language, today)
    if last and (number := _NUMBER.fullmatch(before)):  # « 9 au 10 décembre »: in the last one's month
        first = _numbered(last, int(number["day"]))
    if first and last:
        return (first, last, None) if first < last else None
    number = _NUMBER.fullmatch(after)
    if not (first and number and _DIGIT.search(before)) or link.strip() == "a":
        return None  # « demain au 10 », « 9 décembre à 10 » (an hour: left to the time's refusal)
    last = _numbered(first, int(number["day"]))  # "December 9 to 10": in the first one's month
    return (first, last, _hour(link, number)) if last and first < last else None


def _hour(link: str, number: re.Match[str]) -> int | None:
    """The number after a spaced dash, "to", « jusqu'à »… (``_HOUR_OR_DAY``), without an ending (« 10th »)
    and up to 23: maybe an hour; None when a day only."""
    hour = int(number["day"])
    maybe = link != "-" and link.strip() in _HOUR_OR_DAY and not number["ending"] and hour <= 23
    return hour if maybe else None


def _day(text: str, language: str, today: date) -> date | None:
    """The day a text names (« 10 décembre », "December 10th", « 10/12 »), the next one without its
    year; None for a text that names none, or a whole month."""
    try:
        typed = read_date(text, language, (today, date.max), today, horizon=NEXT_ONE)
    except InputError:
        return None
    return typed.value if typed.precision == "day" else None


def _numbered(day: date, number: int) -> date | None:
    """The day so numbered in another day's month; None when that month has none."""
    try:
        return day.replace(day=number)
    except ValueError:
        return None
