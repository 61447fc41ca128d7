"""What whoever a VisioCoop meeting's announcement reached is told once it is cancelled or moved
(``changes``), in their language, with « 📅 Update my calendar »; the meeting's calendar file, one UID
whatever its changes, as long as its slot; its time as every screen shows it (its slot when one was
typed), and echoed to the admin who typed it."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.render.html import e
from conversations.render.ics import IcsEvent
from conversations.render.notifications import time_of_day
from conversations.ui import callbacks as cb
from conversations.ui.messages import keyboard
from locales import N_, Translator
from models.clock import paris_time
from models.federation.announcement_changes import called_off
from models.tables import Announcement

UPDATE_CALENDAR = N_("📅 Update my calendar")
CANCELLED = N_("❌ The meeting “{title}” on {date} is cancelled.")
MOVED = N_("🕘 The meeting “{title}” is moved to {date} (instead of {was}).")
# a meeting whose length is known, as a refused time's example writes a slot (``meeting_refusals``)
SLOT = N_("{date} from {start} to {end}")
AN_HOUR = 60  # minutes: a meeting typed as a time alone is an hour long in calendars


def meeting_when(t: Translator, starts_at: datetime, minutes: int | None) -> str:
    """« mercredi 9 décembre 2026 à 14 h 00 »; its length known, « … 2026 de 14 h 00 à 16 h 00 »."""
    if minutes is None:
        return t.format_datetime(starts_at)
    start, end = (time_of_day(t, at) for at in (starts_at, starts_at + timedelta(minutes=minutes)))
    return t.gettext(SLOT).format(
        date=t.format_date(paris_time(starts_at).date(), "full"), start=start, end=end
    )


def when_of(t: Translator, announcement: Announcement) -> str:
    """When the announced meeting is, its slot when its length is known."""
    return meeting_when(t, announcement.starts_at, announcement.duration_minutes)


def when_line(t: Translator, announcement: Announcement) -> str:
    """The invitation’s « 🗓 … » line, plain (escaped there; compared with a message shown: ``rsvp``)."""
    return "🗓 " + when_of(t, announcement)


def length_of(starts_at: datetime, ends_at: datetime | None) -> int | None:
    """A slot's length in minutes; None for a time alone."""
    return None if ends_at is None else int((ends_at - starts_at).total_seconds()) // 60


def time_echo(t: Translator, starts_at: datetime, minutes: int | None) -> str:
    """« ✅ mercredi 9 décembre 2026 à 14 h 00 », or the slot typed: « … de 14 h 00 à 16 h 00 »."""
    return "✅ " + e(meeting_when(t, starts_at, minutes))


def calendar_event(announcement: Announcement, sequence: int) -> IcsEvent:
    """The meeting in a calendar: one UID whatever its changes, SEQUENCE their count, cancelled once called
    off (a client importing it replaces the copy it holds); as long as its slot, else an hour."""
    return IcsEvent(
        uid=f"announcement-{announcement.id}@qualicoop",
        summary=announcement.title,
        start=announcement.starts_at,
        end=announcement.starts_at + timedelta(minutes=announcement.duration_minutes or AN_HOUR),
        description=announcement.description or "",
        url=announcement.video_link,
        sequence=sequence,
        cancelled=called_off(announcement),
    )


def _news(t: Translator, data: dict, text: str) -> tuple:
    """A change's news, with « 📅 Update my calendar »."""
    ics = cb.ANNOUNCEMENT_ICS.pack(data["announcement_id"])
    return e(text), keyboard([(t.gettext(UPDATE_CALENDAR), ics)]), None


async def cancelled_news(t: Translator, session: AsyncSession, data: dict, services) -> tuple:
    """What a person the announcement reached is told of its cancellation."""
    when = meeting_when(t, datetime.fromisoformat(data["was"]), data.get("minutes"))
    return _news(t, data, t.gettext(CANCELLED).format(title=data["title"], date=when))


async def moved_news(t: Translator, session: AsyncSession, data: dict, services) -> tuple:
    """What a person the announcement reached is told of its new time."""
    # news queued before lengths were kept has none: the start alone, as it said then
    to = meeting_when(t, datetime.fromisoformat(data["at"]), data.get("minutes"))
    was = meeting_when(t, datetime.fromisoformat(data["was"]), data.get("was_minutes"))
    return _news(t, data, t.gettext(MOVED).format(title=data["title"], date=to, was=was))
