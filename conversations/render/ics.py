"""iCalendar (RFC 5545) files of label events, written by hand: a pure renderer of already-translated texts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

PRODID = "-//Quali'Coop//Assistant//FR"
TZID = "Europe/Paris"
CRLF = "\r\n"
LINE_OCTETS = 75  # RFC 5545 §3.1: content lines SHOULD NOT be longer than 75 octets, excluding the CRLF
# Control characters are not allowed in TEXT values (§3.3.11); tabs are, and line breaks are escaped before this
CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")

# Europe/Paris as the EU rules since 1996: CEST from the last Sunday of March, 02:00 local, to the last Sunday
# of October, 03:00 local. We convert times with the same rules, so what we write and what clients read agree.
VTIMEZONE = (
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    f"X-LIC-LOCATION:{TZID}",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
)


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


def escape_text(value: str) -> str:
    """A TEXT value escaped as RFC 5545 §3.3.11 asks: backslash, semicolon, comma and line breaks."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return CONTROL.sub("", value)


def fold(line: str) -> str:
    """A content line folded at 75 octets with CRLF + space, never cutting a UTF-8 character in two."""
    parts: list[str] = []
    current, size = "", 0
    limit = LINE_OCTETS
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > limit:
            parts.append(current)
            # continuation lines start with a space, which counts towards their 75 octets
            current, size, limit = "", 0, LINE_OCTETS - 1
        current += char
        size += octets
    parts.append(current)
    return (CRLF + " ").join(parts)


def _last_sunday(year: int, month: int) -> date:
    """The last Sunday of a 31-day month (March and October, the months the clocks change)."""
    last = date(year, month, 31)
    return last - timedelta(days=(last.weekday() + 1) % 7)


def paris_time(moment: datetime) -> datetime:
    """An aware datetime as naive Paris wall-clock time; a naive one is taken as already in Paris time."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment.replace(tzinfo=None)
    utc = moment.astimezone(UTC).replace(tzinfo=None)
    # the EU changes the clocks at 01:00 UTC on both days
    summer_from = datetime.combine(_last_sunday(utc.year, 3), datetime.min.time()) + timedelta(hours=1)
    summer_to = datetime.combine(_last_sunday(utc.year, 10), datetime.min.time()) + timedelta(hours=1)
    offset = 2 if summer_from <= utc < summer_to else 1
    return utc + timedelta(hours=offset)


def _utc_stamp(moment: datetime) -> str:
    """A UTC DATE-TIME value (…Z); a naive moment is taken as UTC."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y%m%dT%H%M%SZ")


def _when(name: str, moment: date | datetime) -> str:
    """DTSTART or DTEND: a DATE for all-day events, a local DATE-TIME with TZID for timed ones."""
    if isinstance(moment, datetime):  # checked first: a datetime is also a date
        return f"{name};TZID={TZID}:{paris_time(moment).strftime('%Y%m%dT%H%M%S')}"
    return f"{name};VALUE=DATE:{moment.strftime('%Y%m%d')}"


def event_bounds(event: IcsEvent) -> tuple[date | datetime, date | datetime]:
    """Start and end of the event, the end defaulting to one hour later (timed) or the next day (all-day)."""
    start, end = event.start, event.end
    if isinstance(start, datetime):
        if not isinstance(end, datetime) or paris_time(end) <= paris_time(
            start
        ):  # wall clock: aware and naive compare
            end = start + timedelta(hours=1)
        return start, end
    # all-day: DTEND is exclusive and must be a DATE too, so an inclusive or timed end is turned into one
    if isinstance(end, datetime):
        end = end.date()
    if end is None or end <= start:
        end = start + timedelta(days=1)
    return start, end


def _event_lines(event: IcsEvent, stamp: str) -> list[str]:
    """The unfolded content lines of one VEVENT."""
    start, end = event_bounds(event)
    lines = [
        "BEGIN:VEVENT",
        f"UID:{escape_text(event.uid)}",
        f"DTSTAMP:{stamp}",
        _when("DTSTART", start),
        _when("DTEND", end),
        f"SUMMARY:{escape_text(event.summary)}",
    ]
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location)}")
    if event.url:
        # a URI is not TEXT: commas and semicolons stay as they are, only breaks and controls must go
        lines.append(f"URL:{CONTROL.sub('', event.url.replace(chr(13), '').replace(chr(10), ''))}")
    lines.append("END:VEVENT")
    return lines


def build_ics(events: list[IcsEvent], calendar_name: str, now: datetime) -> bytes:
    """A PUBLISH calendar of the events as UTF-8 bytes, with the Paris VTIMEZONE when an event is timed."""
    stamp = _utc_stamp(now)
    name = escape_text(calendar_name)
    lines = [
        "BEGIN:VCALENDAR",
        f"PRODID:{PRODID}",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{name}",
        f"NAME:{name}",  # RFC 7986 spelling of the same, for clients that ignore X- properties
        f"X-WR-TIMEZONE:{TZID}",
    ]
    if any(isinstance(event.start, datetime) for event in events):
        lines.extend(VTIMEZONE)
    for event in events:
        lines.extend(_event_lines(event, stamp))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines).encode("utf-8")
