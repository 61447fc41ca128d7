"""An admin's announcement left half-written: theirs to go on with, or to drop for a new one."""

from __future__ import annotations

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.tables import Announcement, AnnouncementStatus


async def draft_in_progress(session: AsyncSession, author_id: int) -> Announcement | None:
    """The author's latest announcement still a draft (neither sent nor cancelled), if any."""
    rows = await session.exec(
        select(Announcement)
        .where(Announcement.created_by == author_id, Announcement.status == AnnouncementStatus.DRAFT)
        .order_by(Announcement.id.desc())
    )
    return rows.first()
