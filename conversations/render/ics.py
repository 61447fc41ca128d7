"""iCalendar (RFC 5545) files of label events: a pure renderer of already-translated texts.

icalendar writes the file (escaping, folding at 75 octets, CRLF) and derives the Europe/Paris
VTIMEZONE from zoneinfo, so what we write and how clients read it follow the same time-zone database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from models.clock import PARIS

if TYPE_CHECKING:  # icalendar itself is imported by build_ics, on the first calendar
    from icalendar import Calendar, Event

PRODID = "-//Quali'Coop//Assistant//FR"
# RFC 5545 §3.3.11 forbids control characters in TEXT but the tab; a line break is written escaped, as \n.
# icalendar escapes \n, yet lets the other controls through (and 6.x a lone \r), and strict clients then
# refuse the whole file: so every break becomes \n and the other controls go before it writes.
TEXT_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# a URI is not TEXT: nothing in it is escaped, so every control character, line breaks included, must go
URI_CONTROLS = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class IcsEvent:
    """One calendar event: a `date` start makes it all-day, a `datetime` start a timed event in Paris time."""

    uid: str
    summary: str
    start: date | datetime
    end: date | datetime | None = None
    description: str = ""
    url: str | None = None
    location: str | None = None
    sequence: int = 0  # the revision of this UID: a client keeps the copy with the highest
    cancelled: bool = False  # STATUS:CANCELLED, the UID's event no longer applies


# Re-importing a file updates what an earlier one put in the calendar: RFC 5545 §3.8.4.7 (UID) names an
# event across files, §3.8.7.4 (SEQUENCE) orders its revisions, §3.8.1.11 (STATUS:CANCELLED) withdraws
# it. We rely on Google Calendar, Apple Calendar and Outlook replacing, on import, an event they hold
# under the same UID by the copy with a higher SEQUENCE, and removing it (or showing it cancelled)
# when that copy is cancelled; a client that does not keeps the earlier copy, as before, no worse.


def _in_paris(moment: datetime) -> datetime:
    """An instant on the Paris clock; a naive datetime is taken as already Paris wall-clock time."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment.replace(tzinfo=PARIS)
    return moment.astimezone(PARIS)


def _text(value: str) -> str:
    """A text with its line breaks as \\n and without the control characters iCalendar forbids."""
    return TEXT_CONTROLS.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def _bounds(event: IcsEvent) -> tuple[date | datetime, date | datetime]:
    """Start and end, the end defaulting to one hour later (timed) or the next day (all-day)."""
    start, end = event.start, event.end
    if isinstance(start, datetime):  # checked first: a datetime is also a date
        start = _in_paris(start)
        end = _in_paris(end) if isinstance(end, datetime) else None
        if end is None or end <= start:
            end = start + timedelta(hours=1)
        return start, end
    # all-day: DTEND is exclusive and must be a DATE too, so an inclusive or timed end is turned into one
    if isinstance(end, datetime):
        end = end.date()
    if end is None or end <= start:
        end = start + timedelta(days=1)
    return start, end


def _vevent(event: IcsEvent, stamp: datetime) -> Event:
    """One VEVENT; the library escapes the texts."""
    from icalendar import Event

    start, end = _bounds(event)
    vevent = Event()
    vevent.add("uid", _text(event.uid))
    vevent.add("dtstamp", stamp)
    vevent.add("dtstart", start)
    vevent.add("dtend", end)
    vevent.add("summary", _text(event.summary))
    vevent.add("sequence", event.sequence)
    if event.cancelled:
        vevent.add("status", "CANCELLED")
    if event.description:
        vevent.add("description", _text(event.description))
    if event.location:
        vevent.add("location", _text(event.location))
    if event.url:
        vevent.add("url", URI_CONTROLS.sub("", event.url))
    return vevent


def _add_paris_time_zone(calendar: Calendar, events: list[IcsEvent]) -> None:
    """The VTIMEZONE the timed events refer to, covering the years they fall in (not 1970–2038)."""
    moments = [moment for event in events if isinstance(event.start, datetime) for moment in _bounds(event)]
    if moments:  # all-day events float: without a timed one, no time zone is written at all
        first, last = min(moments).year, max(moments).year
        calendar.add_missing_timezones(first_date=date(first, 1, 1), last_date=date(last, 12, 31))


def build_ics(events: list[IcsEvent], calendar_name: str, now: datetime) -> bytes:
    """A PUBLISH calendar of the events as UTF-8 bytes, with the Paris VTIMEZONE when an event is timed."""
    from icalendar import Calendar  # loaded on the first calendar: the bot starts without it

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    name = _text(calendar_name)
    calendar.add("x-wr-calname", name)
    calendar.add("name", name)  # RFC 7986 spelling of the same, for clients that ignore X- properties
    calendar.add("x-wr-timezone", PARIS.key)
    # DTSTAMP must be UTC; a naive `now` is taken as UTC
    stamp = now.astimezone(UTC) if now.tzinfo is not None else now.replace(tzinfo=UTC)
    for event in events:
        calendar.add_component(_vevent(event, stamp))
    _add_paris_time_zone(calendar, events)
    return calendar.to_ical()
