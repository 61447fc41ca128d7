"""When the validation committee meets: once a quarter."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

MEETING_MONTHS = (3, 6, 9, 12)  # by default: the first Tuesday of March, June, September, December
TUESDAY = 1


def first_tuesday(year: int, month: int) -> date:
    """The first Tuesday of a month."""
    first = date(year, month, 1)
    return first + timedelta(days=(TUESDAY - first.weekday()) % 7)


def next_committee_meeting(today: date, configured: Iterable[date] = ()) -> date:
    """The next meeting on or after today: from the configured dates, else the default rule."""
    upcoming = sorted(d for d in configured if d >= today)
    if upcoming:
        return upcoming[0]
    for year in (today.year, today.year + 1):
        for month in MEETING_MONTHS:
            meeting = first_tuesday(year, month)
            if meeting >= today:
                return meeting
    raise AssertionError("unreachable: December of next year is always ahead")
