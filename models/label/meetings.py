"""When the validation committee meets: once a quarter, at 2 pm Paris time.

A meeting is « the next one » until it starts: from 2 pm on its day, the next meeting is the
following one (a dossier sent during the meeting is read at the next). A dossier waiting for a decision
since before the meeting started is read there: until that day is over it waits for that meeting
(``meeting_waited_for``), whose decisions the committee records during or after it; the day over with
none recorded, it waits for the next one (a next step is never a day passed). The hour is the
domain's (MEETING_TIME); the days are configured (QUALICOOP_COMMITTEE_DATES) or follow the default rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from models.clock import PARIS, as_utc, paris_time

MEETING_MONTHS = (3, 6, 9, 12)  # by default: the first Tuesday of March, June, September, December
TUESDAY = 1
MEETING_TIME = time(14, 0)  # Paris time


def first_tuesday(year: int, month: int) -> date:
    """The first Tuesday of a month."""
    first = date(year, month, 1)
    return first + timedelta(days=(TUESDAY - first.weekday()) % 7)


def meeting_starts(meeting: date) -> datetime:
    """When a meeting starts: 2 pm Paris time on its day (said with its day, written so in the .ics)."""
    return datetime.combine(meeting, MEETING_TIME, tzinfo=PARIS)


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


def default_meeting_before(day: date) -> date:
    """The default rule's last meeting before this day."""
    for year in (day.year, day.year - 1):
        for month in reversed(MEETING_MONTHS):
            meeting = first_tuesday(year, month)
            if meeting < day:
                return meeting
    raise AssertionError("unreachable: December of last year is always before")


def previous_committee_meeting(meeting: date, configured: Iterable[date] = ()) -> date:
    """The meeting before this one, as next_committee_meeting gives them: the configured day before it;
    past the configured days, the default rule's (or the last configured day, if later). The first
    configured day has none on record: it stands for the default rule's nearest meeting and follows the
    one before that."""
    days = sorted(configured)
    if not days or meeting > days[-1]:
        return max([default_meeting_before(meeting), *days[-1:]])
    if earlier := [day for day in days if day < meeting]:
        return earlier[-1]
    nearest = min(
        default_meeting_before(meeting), next_committee_meeting(meeting), key=lambda day: abs(day - meeting)
    )
    return default_meeting_before(nearest)


def next_meeting_at(now: datetime, configured: Iterable[date] = ()) -> date:
    """The day of the next meeting not yet started at this instant (its day counts until 2 pm Paris)."""
    local = paris_time(now)
    started = local.time() >= MEETING_TIME
    return next_committee_meeting(local.date() + timedelta(days=1 if started else 0), configured)


def meeting_waited_for(now: datetime, configured: Iterable[date] = (), since: datetime | None = None) -> date:
    """The meeting a dossier waiting for a decision since ``since`` (None: not waiting) is read at: the
    meeting under way (started, its day not over) if it was waiting before it started, else the next one
    not yet started."""
    today = paris_time(now).date()
    started = meeting_starts(today)
    under_way = as_utc(now) >= started and next_committee_meeting(today, configured) == today
    if under_way and since is not None and as_utc(since) < started:
        return today
    return next_meeting_at(now, configured)
