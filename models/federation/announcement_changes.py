"""A VisioCoop meeting cancelled or moved after its announcement went out.

Only an announcement whose broadcast is done and whose meeting is still ahead can change. Cancelled,
it takes the status CANCELLED with its ``approved_at`` kept (a draft dropped never had one): the
one-hour reminder reads only meetings sending or done, so it no longer comes. Moved, its
``starts_at`` changes (and its length, as the admin chose) and the answers stay: the reminder comes an
hour before the new time. Either way every person the announcement reached (sent, or maybe received:
uncertain) is told once, through the outbox, in the same transaction; the audit entry counts the
calendar file's revisions.

Each change is one conditional UPDATE on the meeting's time as it was read: two admins changing it
at once (two instances) take turns, the second finding it changed (``MeetingChanged``).
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import func, select, update
from sqlmodel.ext.asyncio.session import AsyncSession

from models.announcements import AnnouncementError
from models.audit import record_change
from models.outbox import enqueue
from models.tables import Announcement, AnnouncementStatus, AuditEntry, Delivery, DeliveryStatus

CANCELLED_NEWS = "meeting_cancelled"  # the outbox kinds: what each recipient is told
MOVED_NEWS = "meeting_moved"
CANCEL, MOVE = "cancel_meeting", "move_meeting"  # the audit's actions, one per revision of the event
REACHED = (DeliveryStatus.SENT, DeliveryStatus.UNCERTAIN)  # an uncertain send may have arrived


class MeetingChanged(AnnouncementError):
    """Not a sent meeting still ahead at the time it was read: begun, cancelled or moved meanwhile."""


def changeable(announcement: Announcement, now: datetime) -> bool:
    """Whether the meeting can still be cancelled or moved: its broadcast done, the meeting ahead."""
    return (
        announcement.status == AnnouncementStatus.DONE
        and announcement.starts_at is not None
        and announcement.starts_at > now
    )


def called_off(announcement: Announcement) -> bool:
    """Cancelled after it was sent (a draft dropped was never approved)."""
    return announcement.status == AnnouncementStatus.CANCELLED and announcement.approved_at is not None


def minute_of(moment: datetime | None) -> int:
    """The meeting's time as a button carries it (minutes since 1970): a button drawn before the time
    changed names another one."""
    return int(moment.timestamp()) // 60 if moment is not None else 0


async def reached(session: AsyncSession, announcement_id: int) -> list[int]:
    """Whom the announcement reached (or may have: an uncertain send)."""
    query = select(Delivery.user_id).where(
        Delivery.announcement_id == announcement_id, Delivery.status.in_(REACHED)
    )
    return sorted(set((await session.exec(query)).all()))


async def _changed(session: AsyncSession, announcement: Announcement, now: datetime, **values) -> None:
    """``values`` written if the meeting is still sent, ahead, at the time and of the length read; else
    MeetingChanged."""
    result = await session.exec(
        update(Announcement)
        .where(Announcement.id == announcement.id, Announcement.status == AnnouncementStatus.DONE)
        .where(Announcement.starts_at == announcement.starts_at, Announcement.starts_at > now)
        .where(Announcement.duration_minutes.is_not_distinct_from(announcement.duration_minutes))
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    await session.refresh(announcement)
    if result.rowcount != 1:
        raise MeetingChanged(f"announcement {announcement.id} is no longer a sent meeting at that time")


async def call_off(session: AsyncSession, announcement: Announcement, actor_id: int, now: datetime) -> int:
    """Cancel a sent meeting and tell whom it reached; how many will be told."""
    if not changeable(announcement, now):
        raise MeetingChanged(f"announcement {announcement.id} cannot be cancelled now")
    was = announcement.starts_at
    await _changed(session, announcement, now, status=AnnouncementStatus.CANCELLED)
    people = await reached(session, announcement.id)
    news = {"announcement_id": announcement.id, "title": announcement.title, "was": was.isoformat()}
    news["minutes"] = announcement.duration_minutes  # its slot said, when typed
    await enqueue(session, people, CANCELLED_NEWS, news, now=now)
    await record_change(
        session, actor_id=actor_id, coop_id=None, entity="announcement", entity_id=announcement.id,
        action=CANCEL, old=was.isoformat(), new=f"{len(people)} recipients told", now=now,
    )  # fmt: skip
    return len(people)


async def move(
    session: AsyncSession,
    announcement: Announcement,
    actor_id: int,
    to: datetime,
    now: datetime,
    minutes: int | None,
) -> int:
    """Move a sent meeting to ``to``, ``minutes`` long (None: its start alone), and tell whom it reached;
    how many will be told."""
    if not changeable(announcement, now) or to <= now:
        raise MeetingChanged(f"announcement {announcement.id} cannot be moved now")
    was, was_minutes = announcement.starts_at, announcement.duration_minutes
    await _changed(session, announcement, now, starts_at=to, duration_minutes=minutes)
    people = await reached(session, announcement.id)
    news = {"announcement_id": announcement.id, "title": announcement.title, "minutes": minutes}
    news |= {"was": was.isoformat(), "was_minutes": was_minutes, "at": to.isoformat()}
    await enqueue(session, people, MOVED_NEWS, news, now=now)
    await record_change(
        session, actor_id=actor_id, coop_id=None, entity="announcement", entity_id=announcement.id,
        action=MOVE, old=was.isoformat(), new=to.isoformat(), now=now,
    )  # fmt: skip
    return len(people)


async def revision(session: AsyncSession, announcement_id: int) -> int:
    """How many times the meeting changed after it was sent: its calendar file's SEQUENCE."""
    query = select(func.count(AuditEntry.id)).where(
        AuditEntry.entity == "announcement",
        AuditEntry.entity_id == announcement_id,
        AuditEntry.action.in_((CANCEL, MOVE)),
    )
    return (await session.exec(query)).one()
