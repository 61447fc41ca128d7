"""What whoever a VisioCoop meeting's announcement reached is told once it is cancelled or moved
(``changes``), in their language, with « 📅 Update my calendar »; and the meeting's calendar file,
one UID whatever its changes."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.render.html import e
from conversations.render.ics import IcsEvent
from conversations.ui import callbacks as cb
from conversations.ui.messages import keyboard
from locales import N_, Translator
from models.federation.announcement_changes import called_off
from models.tables import Announcement

UPDATE_CALENDAR = N_("📅 Update my calendar")
CANCELLED = N_("❌ The meeting “{title}” on {date} is cancelled.")
MOVED = N_("🕘 The meeting “{title}” is moved to {date} (instead of {was}).")


def calendar_event(announcement: Announcement, sequence: int) -> IcsEvent:
    """The meeting in a calendar: one UID whatever its changes, SEQUENCE their count, cancelled once called
    off (a client importing it replaces the copy it holds)."""
    return IcsEvent(
        uid=f"announcement-{announcement.id}@qualicoop",
        summary=announcement.title,
        start=announcement.starts_at,
        end=announcement.starts_at + timedelta(hours=1),
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
    when = t.format_datetime(datetime.fromisoformat(data["was"]))
    return _news(t, data, t.gettext(CANCELLED).format(title=data["title"], date=when))


async def moved_news(t: Translator, session: AsyncSession, data: dict, services) -> tuple:
    """What a person the announcement reached is told of its new time."""
    was, to = (t.format_datetime(datetime.fromisoformat(data[key])) for key in ("was", "at"))
    return _news(t, data, t.gettext(MOVED).format(title=data["title"], date=to, was=was))
