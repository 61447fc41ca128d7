"""Time as the domain sees it: instants in UTC, the civil calendar in Paris.

Instants are passed in (a ``Clock``) so tests can move through years. Paris time lives here only:
every « today », every conversion to the coops' wall clock and every month step goes through it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

Clock = Callable[[], datetime]
PARIS = ZoneInfo("Europe/Paris")


def utcnow() -> datetime:
    """The current instant, timezone-aware, in UTC."""
    return datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """Read a stored instant back as aware UTC (SQLite forgets the zone; naive means UTC)."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def paris_time(value: datetime) -> datetime:
    """An instant as Paris wall-clock time (aware)."""
    return as_utc(value).astimezone(PARIS)


def paris_today(now: datetime | None = None) -> date:
    """The civil date in Paris at an instant (now by default)."""
    return paris_time(now or utcnow()).date()


def paris_day_start(now: datetime) -> datetime:
    """The instant (UTC) the Paris day of ``now`` began: « once a day » counts from there."""
    return datetime.combine(paris_today(now), time(), tzinfo=PARIS).astimezone(UTC)


def add_months(day: date, months: int) -> date:
    """The same day some months later (or earlier), clamped to the end of shorter months.

    relativedelta clamps as the domain asks: 31 August + 6 months is the last day of February.
    """
    return day + relativedelta(months=months)
