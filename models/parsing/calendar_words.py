"""The one grammar of a day as users type it (« 15/03/2026 », « mercredi 8 septembre », « demain »), or of a
month (« mars 2026 »): read alike for a deadline, a committee's date and a meeting's day."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from models.clock import add_months
from models.parsing.text import InputError, fold, is_french

# Folded full month names; any unambiguous prefix of three letters or more also works.
_FRENCH_MONTHS = (
    "janvier", "fevrier", "mars", "avril", "mai", "juin",
    "juillet", "aout", "septembre", "octobre", "novembre", "decembre",
)  # fmt: skip
_ENGLISH_MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_MONTH_NAMES: dict[str, int] = {
    name: number for names in (_FRENCH_MONTHS, _ENGLISH_MONTHS) for number, name in enumerate(names, start=1)
}
# Folded weekday names, Monday first; any unambiguous prefix of three letters or more also works.
_WEEKDAY_NAMES: dict[str, int] = {
    name: number
    for names in (
        ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    )
    for number, name in enumerate(names)
}
# days named from today, in both languages (folded: no accents; the apostrophe made straight)
_FROM_TODAY = {
    "aujourd'hui": 0, "aujourdhui": 0, "aujourd hui": 0, "today": 0,
    "hier": -1, "yesterday": -1, "avant-hier": -2, "avant hier": -2, "day before yesterday": -2,
    "demain": 1, "tomorrow": 1, "apres-demain": 2, "apres demain": 2, "day after tomorrow": 2,
}  # fmt: skip
# A deadline's day without its year is the next one: within four years, even « 29/02 »
NEXT_ONE = 4 * 366

# Words before a date that do not change it: a month already means its last day.
_PREFIXES = re.compile(r"^(?:fin de |fin d' ?|fin |end of |end |on |le |the )+")
_YEAR = r"(?P<year>\d{4}|\d{2})"
_SEP = r"[/.-]"
_ORDINAL = r"(?:er|re|st|nd|rd|th)?"
# the first of a month as French people also write it: « premier », « 1 er » (a phone's spacing), « 1° »
_FIRST_DAY = re.compile(r"(?<![^ ])(?:premier|1 (?:er|re)|1 ?°)(?= )")
_DAY_FIRST = re.compile(rf"(?P<day>\d{{1,2}}){_SEP}(?P<month>\d{{1,2}}){_SEP}{_YEAR}")
_ISO = re.compile(rf"(?P<year>\d{{4}}){_SEP}(?P<month>\d{{1,2}}){_SEP}(?P<day>\d{{1,2}})")
_MONTH_YEAR = re.compile(rf"(?P<month>\d{{1,2}}){_SEP}(?P<year>\d{{4}})")
# With a two-digit year, "15/03" is a day missing its year rather than a month 15.
_MONTH_SHORT_YEAR = re.compile(rf"(?P<month>0?[1-9]|1[0-2]){_SEP}(?P<year>\d{{2}})")
_ISO_MONTH = re.compile(rf"(?P<year>\d{{4}}){_SEP}(?P<month>\d{{1,2}})")
_NAMED = re.compile(rf"(?:(?P<day>\d{{1,2}}){_ORDINAL} (?:of |de )?)?(?P<name>[a-z]+)\.?,? {_YEAR}")
_NAMED_DAY_AFTER = re.compile(rf"(?P<name>[a-z]+)\.? (?:the )?(?P<day>\d{{1,2}}){_ORDINAL},? {_YEAR}")
# A weekday before a date (« vendredi 20 novembre », "Friday, November 20"), checked against it.
_WEEKDAY_FIRST = re.compile(r"(?P<weekday>[a-z]+)\.?,? (?:le |the )?(?P<rest>.+)")
# A weekday without a date (« mercredi prochain », "next Wednesday"): a meeting's next such day.
_WEEKDAY_ALONE = re.compile(
    r"(?:(?:on|the|le|ce|this|next|prochain) )*(?P<weekday>[a-z]+)\.?(?: prochain| next)?"
)
_DAY_MONTH = re.compile(rf"(?P<day>\d{{1,2}}){_SEP}(?P<month>\d{{1,2}})")
_NAMED_NO_YEAR = re.compile(rf"(?P<day>\d{{1,2}}){_ORDINAL} (?:of |de )?(?P<name>[a-z]+)\.?")
# « December 31st », or "Nov 20" where the month reads as English (``_day_after_month``)
_NAMED_DAY_NO_YEAR = re.compile(r"(?P<name>[a-z]+)\.? (?:the )?(?P<day>\d{1,2})(?P<ending>st|nd|rd|th)?")
# a month named alone, its year not typed (« mars », « fin mars » once ``_PREFIXES`` are gone)
_MONTH_ALONE = re.compile(r"(?P<name>[a-z]+)\.?")


# a text read as no date, or as one that does not exist: its refusal shows one to type (``example_day``)
UNREAD = ("not_a_date", "invalid_date")


@dataclass(frozen=True)
class DueDate:
    """A deadline, either a precise day or a whole month (stored as its last day)."""

    value: date
    precision: Literal["day", "month"]


def read_date(
    text: str,
    language: str,
    bounds: tuple[date, date],
    today: date | None,
    horizon: int = 183,
    typed: str | None = None,
) -> DueDate:
    """The day or month a text names; a weekday before a day (« vendredi 20 novembre 2026 », as the bot
    writes it) is dropped once checked against the day. Given ``today``, days named from it and days
    without a year too, placed by the bounds (``_near_today``); ``typed``: the whole text, for the errors."""
    typed = text if typed is None else typed
    folded = _PREFIXES.sub("", fold(text or "").replace("\u2019", "'").strip(" ,").rstrip(" .!,"))
    folded = _FIRST_DAY.sub("1er", folded)
    if not folded:
        raise InputError("empty")
    try:
        return _with_weekday(folded, typed, language, bounds, today, horizon)
    except InputError as refused:
        if refused.code in UNREAD:  # the form to type, shown by a day that fits the question
            refused.example = example_day(bounds, today).strftime("%d/%m/%Y")
        raise


def _with_weekday(
    folded: str, typed: str, language: str, bounds: tuple[date, date], today: date | None, horizon: int
) -> DueDate:
    """``read_date``'s reading of a folded text, a weekday before its day checked against it."""
    try:
        return _day_or_month(folded, typed, language, bounds, today, horizon)
    except InputError as refused:
        # the whole text first: « mar 2026 » is March, not a Tuesday
        split = leading_weekday(folded) if refused.code == "not_a_date" else None
        if split is None:
            raise
        try:
            due = _day_or_month(split[1], typed, language, bounds, today, horizon)
        except InputError as again:  # « vendredi mars » is no month whose year alone is missing
            raise refused if again.code == "month_without_year" else again from None
        if due.precision == "month":
            raise refused from None  # « vendredi novembre 2026 »: a weekday names a day
        return DueDate(checked_weekday(due.value, split[0]), "day")


def example_day(bounds: tuple[date, date], today: date | None) -> date:
    """A day to show as an example of what to type, within the bounds: for a question looking ahead,
    the 15th four months on (« 15/03/2027 » in November 2026); for one looking back, today."""
    earliest, latest = bounds
    anchor = today or (earliest if earliest > date.min else latest)
    ahead = add_months(anchor, 4).replace(day=15)
    return min(max(ahead, earliest), latest)


def leading_weekday(folded: str) -> tuple[int, str] | None:
    """The weekday (0 = Monday) a folded text starts with, and the rest of it; None if it has none."""
    found = _WEEKDAY_FIRST.fullmatch(folded)
    weekday = _weekday_named(found["weekday"]) if found else None
    return None if weekday is None else (weekday, found["rest"])


def weekday_alone(folded: str) -> int | None:
    """The weekday (0 = Monday) a folded text names without a date (« mercredi », « mercredi prochain »,
    "next Wed"); None for any other text. Which day it stands for is the caller's to say."""
    found = _WEEKDAY_ALONE.fullmatch(folded)
    return _weekday_named(found["weekday"]) if found else None


def _weekday_named(word: str) -> int | None:
    """The weekday a folded name or unambiguous prefix of three letters or more stands for."""
    days = {number for name, number in _WEEKDAY_NAMES.items() if name.startswith(word)}
    return days.pop() if len(word) >= 3 and len(days) == 1 else None


def checked_weekday(day: date, weekday: int | None) -> date:
    """The day, when the weekday typed with it (if any) is its own: a wrong one is a typo to be shown."""
    if weekday is not None and weekday != day.weekday():
        raise InputError("weekday_mismatch", {"typed": weekday, "actual": day.weekday(), "date": day})
    return day


def _day_or_month(
    folded: str, text: str, language: str, bounds: tuple[date, date], today: date | None, horizon: int
) -> DueDate:
    """The day or month a folded text without its weekday names (``text``: as typed, for the errors)."""
    near = _near_today(folded, text, language, *bounds, today, horizon) if today else None
    if near:
        return DueDate(near, "day")
    month = _month_without_year(folded, text, bounds, today) if today else None
    return month or _read(folded, text, language)


def _month_without_year(folded: str, text: str, bounds: tuple[date, date], today: date) -> DueDate | None:
    """A month named without its year (« fin mars »): at a question looking ahead (a deadline), the next
    one, this month's while its last day is to come, else next year's (the echo shows the year, to be
    corrected); at one looking back (a decision), refused with the year to add: a past month is not
    guessed. None for any other text."""
    found = _MONTH_ALONE.fullmatch(folded)
    month = _month_from_name(found["name"]) if found else None
    if month is None:
        return None
    if bounds[0] >= today:
        year = today.year if month >= today.month else today.year + 1
        return DueDate(date(year, month, _month_length(year, month)), "month")
    last = today.year if month <= today.month else today.year - 1  # the example: the last one, in their words
    raise InputError("month_without_year", {"text": text, "example": f"{text.strip().rstrip(' .!,')} {last}"})


def _near_today(
    folded: str, text: str, language: str, earliest: date, latest: date, today: date, horizon: int = 183
) -> date | None:
    """A day named from today, or a day and month without a year placed nearest today within the
    bounds; None for any other text (read with its year by ``_read``)."""
    if folded in _FROM_TODAY:
        return date.fromordinal(today.toordinal() + _FROM_TODAY[folded])
    found = next(
        (m for p in (_DAY_MONTH, _NAMED_NO_YEAR, _NAMED_DAY_NO_YEAR) if (m := p.fullmatch(folded))), None
    )
    if found is not None and found.re is _NAMED_DAY_NO_YEAR and not found["ending"]:
        found = found if _day_after_month(found["name"], found["day"], language) else None
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
        raise InputError("invalid_date", {"text": text})  # « 30/02 », "Nov 31"
    # the way the question looks (a decision: back; a closing day, a deadline: ahead), when that day
    # is within the horizon (half a year; for a deadline, the next one); else the nearest one, which the
    # bounds may refuse: « 25 novembre » typed two days before it, for a decision, is a date in the
    # future, not last year's: never a silent guess
    way = [d for d in days if (d <= today if latest <= today else d >= today if earliest >= today else True)]
    likely = min(way, key=lambda d: abs(d - today), default=None)
    if likely is not None and abs(likely - today).days <= horizon:
        return likely
    return min(days, key=lambda d: abs(d - today))


def _day_after_month(word: str, digits: str, language: str) -> bool:
    """Whether a month's name followed by a number up to 31 names a day of that month rather than a
    month and a two-digit year. One digit is never a year (« décembre 6 »). Two digits: a day after an
    English name, as English writes it (« Nov 20 », « May 28 »); but a French user writes the day first
    (« 26 décembre »), so for them « décembre 26 » is December 2026, as on a planning (« déc. 26 »): a
    French name, or a shortening of both languages' (« nov », « dec ») typed in French, is a month."""
    if not 1 <= int(digits) <= 31:
        return False  # "Nov 45" is November 2045
    if len(digits) == 1:
        return True
    english = any(name.startswith(word) for name in _ENGLISH_MONTHS)
    french = any(name.startswith(word) for name in _FRENCH_MONTHS)
    return english and not (french and is_french(language))


def _read(folded: str, text: str, language: str) -> DueDate:
    """The day or month a folded text names, whatever its distance from today (``text``: as typed)."""
    # Both languages read day-first numeric dates: the coops all work in France.
    folded = re.sub(r"(?<=\d) ?([/.-]) ?(?=\d)", r"\1", folded)  # "15 / 03 / 2026" too
    fields = _match_fields(folded, language)
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


def _match_fields(folded: str, language: str) -> tuple[int, int, int | None] | None:
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
            day = found["day"]
            # "Nov 20" is a day missing its year (read given today), not November 2020
            yearless = day is None and len(found["year"]) == 2
            if month is None or (yearless and _day_after_month(found["name"], found["year"], language)):
                return None
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
