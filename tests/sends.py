"""What the tests that kill or multiply the bot's processes give it to send, set up the same way."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.announcements import approve, create_announcement, update_announcement
from models.outbox import RETRY_AFTER
from models.tables import Announcement, AnnouncementStatus, Delivery, DeliveryStatus, Notification, Rsvp


async def confirmed_broadcast(session: AsyncSession, author: int, now: datetime) -> int:
    """An announcement confirmed by its author to every member; how many it reaches."""
    broadcast = await create_announcement(session, author, "VisioCoop : la Raison d’être")
    await update_announcement(session, broadcast, "starts_at", now + timedelta(days=2))
    return await approve(session, broadcast, author)


async def meeting_within_the_hour(
    session: AsyncSession, author: int, attending: Iterable[int], now: datetime
) -> None:
    """A meeting starting in 40 minutes, with those who said they will attend (one-hour reminders)."""
    meeting = Announcement(
        created_by=author,
        title="Réunion",
        starts_at=now + timedelta(minutes=40),
        status=AnnouncementStatus.DONE,
    )
    session.add(meeting)
    await session.flush()
    for user_id in attending:
        session.add(Rsvp(announcement_id=meeting.id, user_id=user_id, attending=True))


async def retries_due(database) -> int:
    """Every failed try an hour older: its row due again at the next run (``models.outbox.RETRY_AFTER``:
    a run right after a failure leaves it waiting). How many rows wait for another try."""
    async with database.transaction() as session:
        rows = []
        for table in (Notification, Delivery):
            waiting = (
                table.status == DeliveryStatus.PENDING,
                table.attempts > 0,
                table.claimed_at.is_not(None),
            )
            rows += (await session.exec(select(table).where(*waiting))).all()
        for row in rows:
            row.claimed_at -= RETRY_AFTER[-1]
            session.add(row)
    return len(rows)
