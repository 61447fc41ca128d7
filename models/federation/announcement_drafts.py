"""An admin's announcement left half-written: theirs to go on with, or to drop for a new one.

A draft is its author's alone (``draft_in_progress`` looks drafts up by author): another admin may
neither change, send nor drop it, and nobody composes an announcement once it is sent or cancelled.
"""

from __future__ import annotations

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.announcements import get_announcement
from models.dossier.reads import NotYours
from models.tables import Announcement, AnnouncementStatus, User


class NotOwnDraft(NotYours):
    """An announcement the admin may not compose: another admin's draft, or one sent or cancelled.
    ``author``: the first name of whoever wrote it (None when unknown, their data erased)."""

    def __init__(self, announcement: Announcement, author: str | None) -> None:
        super().__init__(f"announcement {announcement.id} is not a draft of the asking admin")
        self.announcement, self.author = announcement, author


async def draft_in_progress(session: AsyncSession, author_id: int) -> Announcement | None:
    """The author's latest announcement still a draft (neither sent nor cancelled), if any."""
    rows = await session.exec(
        select(Announcement)
        .where(Announcement.created_by == author_id, Announcement.status == AnnouncementStatus.DRAFT)
        .order_by(Announcement.id.desc())
    )
    return rows.first()


async def own_draft(session: AsyncSession, announcement_id: int, admin_id: int) -> Announcement:
    """The announcement if it is still a draft and this admin wrote it; NotOwnDraft otherwise
    (AnnouncementError for none)."""
    announcement = await get_announcement(session, announcement_id)
    if announcement.status == AnnouncementStatus.DRAFT and announcement.created_by == admin_id:
        return announcement
    author = await session.get(User, announcement.created_by)
    raise NotOwnDraft(announcement, (author.first_name or None) if author else None)
