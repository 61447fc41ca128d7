"""The VisioCoop meetings the federation sent and that are still ahead: any admin's to cancel or move.

A meeting's author is told of its broadcast alone (its final report, with « Cancel » and « Change the
time »); the author away, erased or no longer an admin, another admin finds it here: every meeting
whose broadcast is done and that has not begun (``announcement_changes.changeable``), soonest first,
with how many people the announcement reached (or may have: an uncertain send), in one statement.
A broadcast still going out is not listed yet: it cannot change before its report.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.federation.announcement_changes import REACHED
from models.tables import Announcement, AnnouncementStatus, Delivery


@dataclass(frozen=True)
class MeetingAhead:
    announcement: Announcement
    reached: int  # the people it reached, uncertain sends included (as ``announcement_changes.reached``)


def _ahead(now: datetime):
    return (Announcement.status == AnnouncementStatus.DONE, Announcement.starts_at > now)


async def how_many_ahead(session: AsyncSession, now: datetime) -> int:
    """How many sent meetings can still be cancelled or moved at ``now``."""
    return (await session.exec(select(func.count(Announcement.id)).where(*_ahead(now)))).one()


async def meetings_ahead(session: AsyncSession, now: datetime) -> list[MeetingAhead]:
    """Every sent meeting that can still be cancelled or moved at ``now``, soonest first."""
    reached = (
        select(func.count(Delivery.id))
        .where(Delivery.announcement_id == Announcement.id, Delivery.status.in_(REACHED))
        .correlate(Announcement)
        .scalar_subquery()
    )
    query = (
        select(Announcement, reached).where(*_ahead(now)).order_by(Announcement.starts_at, Announcement.id)
    )
    return [MeetingAhead(announcement, count) for announcement, count in (await session.exec(query)).all()]
