"""Federation announcements: composing, choosing the audience, delivering once, answers.

Delivery is handed over through the database: confirming an announcement writes one ``Delivery``
row per recipient in the same transaction, and the background job sends whatever is still pending,
so a restart resumes the broadcast where it stopped.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta

from sqlmodel import delete, select, update
from sqlmodel.ext.asyncio.session import AsyncSession

from models.audit import record_change
from models.clock import paris_today, utcnow
from models.federation.regions import spellings_of
from models.label.dashboard import STAGE_ORDER
from models.label.stages import coop_stages
from models.operations.instances import InstanceId
from models.outbox import claim_row, due_again, enqueue, release_row, settle_interrupted_rows, settle_row
from models.parsing.names import reading_order
from models.tables import (
    Announcement,
    AnnouncementStatus,
    Coop,
    Delivery,
    DeliveryStatus,
    Member,
    MemberRole,
    User,
)

ANNOUNCEMENT_FIELDS = (
    "title",
    "starts_at",
    "duration_minutes",
    "video_link",
    "description",
    "audience",
    "audience_value",
)
STAGES = STAGE_ORDER  # an announcement can reach each group of coops the dashboard counts
AUDIENCES = ("all", "stage", "direction", "region")
MAX_ATTEMPTS = 3
TO_SEND = (AnnouncementStatus.APPROVED, AnnouncementStatus.SENDING)  # confirmed, not yet finished
PENDING = DeliveryStatus.PENDING


class AnnouncementError(ValueError):
    """An announcement that cannot be used as asked."""


class NoLongerDraft(AnnouncementError):
    """A draft sent or cancelled meanwhile (« Send » tapped twice, the taps on two instances)."""


async def create_announcement(
    session: AsyncSession, author_id: int, title: str, *, now: datetime | None = None
) -> Announcement:
    """A new draft, saved from its first answer on."""
    announcement = Announcement(created_by=author_id, title=title, created_at=now or utcnow())
    session.add(announcement)
    await session.flush()
    return announcement


async def get_announcement(session: AsyncSession, announcement_id: int) -> Announcement:
    """One announcement, or AnnouncementError."""
    announcement = await session.get(Announcement, announcement_id)
    if announcement is None:
        raise AnnouncementError(f"no announcement {announcement_id}")
    return announcement


async def update_announcement(
    session: AsyncSession, announcement: Announcement, name: str, value: object
) -> None:
    """Change one field of a draft."""
    if name not in ANNOUNCEMENT_FIELDS:
        raise ValueError(f"not an announcement field: {name}")
    if announcement.status != AnnouncementStatus.DRAFT:
        raise AnnouncementError("only a draft can be changed")
    setattr(announcement, name, value)
    session.add(announcement)
    await session.flush()


def _audience_query(audience: str, spelled: list[str]):
    """The members an audience reaches (active, not opted out), as a query of (user id, coop id); a
    region by every spelling the coops' records give it (a stage is told by ``coop_stages``)."""
    query = (
        select(User.id, Member.coop_id)
        .join(Member, Member.user_id == User.id)
        .join(Coop, Coop.id == Member.coop_id)
        .where(User.is_active, User.announcements)
    )
    if audience == "direction":
        query = query.where(Member.role == MemberRole.DIRECTION)
    elif audience == "region":
        query = query.where(Coop.region.in_(spelled))
    elif audience not in ("all", "stage"):
        raise AnnouncementError(f"unknown audience {audience!r}")
    return query


async def recipients(
    session: AsyncSession, announcement: Announcement, today: date | None = None
) -> list[int]:
    """Who would receive the announcement now; a stage is each coop's as the dashboard counts it on
    ``today`` (a renewal's valid label is « labelled »)."""
    audience, value = announcement.audience, announcement.audience_value
    spelled = await spellings_of(session, value or "") if audience == "region" else []
    rows = (await session.exec(_audience_query(audience, spelled))).all()
    if audience == "stage":
        stages = await coop_stages(session, today or paris_today())
        return sorted({user_id for user_id, coop_id in rows if stages.get(coop_id) == value})
    return sorted({user_id for user_id, _coop_id in rows})


async def approve(
    session: AsyncSession, announcement: Announcement, actor_id: int, *, now: datetime | None = None
) -> int:
    """Confirm a draft: one pending delivery per recipient, for the job to send. Returns the count;
    NoLongerDraft if it was sent or cancelled meanwhile (then nothing is written)."""
    if not announcement.title or announcement.starts_at is None:
        raise AnnouncementError("an announcement needs a title and a date")
    now = now or utcnow()
    if announcement.starts_at <= now:  # an invitation to a meeting begun or over: nobody can come
        raise AnnouncementError(f"the meeting began at {announcement.starts_at}")
    await leave_draft(session, announcement, status=AnnouncementStatus.APPROVED, approved_at=now)
    targets = await recipients(session, announcement, paris_today(now))
    session.add_all(Delivery(announcement_id=announcement.id, user_id=user_id) for user_id in targets)
    await record_change(
        session, actor_id=actor_id, coop_id=None, entity="announcement", entity_id=announcement.id,
        action="approve", new=f"{announcement.title} ({len(targets)} recipients)", now=now,
    )  # fmt: skip
    await session.flush()
    return len(targets)


async def leave_draft(session: AsyncSession, announcement: Announcement, **values: object) -> None:
    """A draft confirmed or dropped on the condition that it still is one, in one UPDATE that locks its
    row until the commit: the same « Send » tapped twice (two instances at once) or « Cancel » at the
    same moment take turns, the second finding no draft (NoLongerDraft); the object read again."""
    still_draft = await session.exec(
        update(Announcement)
        .where(Announcement.id == announcement.id, Announcement.status == AnnouncementStatus.DRAFT)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    await session.refresh(announcement)
    if still_draft.rowcount != 1:
        raise NoLongerDraft(f"announcement {announcement.id} is {announcement.status}, no longer a draft")


async def cancel(session: AsyncSession, announcement: Announcement) -> None:
    """Drop a draft (NoLongerDraft once sent or cancelled meanwhile)."""
    await leave_draft(session, announcement, status=AnnouncementStatus.CANCELLED)


async def announcements_to_send(session: AsyncSession) -> list[Announcement]:
    """Confirmed announcements whose delivery is not finished."""
    query = select(Announcement).where(Announcement.status.in_(TO_SEND)).order_by(Announcement.approved_at)
    return list((await session.exec(query)).all())


async def pending_deliveries(session: AsyncSession, announcement: Announcement, limit=200) -> list[Delivery]:
    """The next recipients to write to (a try failed: once due again); those who turned announcements off
    since the confirmation, or left the team its audience needs (its direction), are not: their rows go."""
    audience = "direction" if announcement.audience == "direction" else "all"
    reached = _audience_query(audience, []).where(User.id == Delivery.user_id).exists()
    query = select(Delivery, reached).where(Delivery.announcement_id == announcement.id)
    query = query.where(Delivery.status == PENDING, due_again(Delivery, utcnow()))
    query = query.order_by(Delivery.id).limit(limit)
    while True:  # a whole batch no longer reached: the next one, in the same transaction
        rows = (await session.exec(query)).all()
        if gone := [delivery.id for delivery, still in rows if not still]:  # one statement for the batch
            await session.exec(delete(Delivery).where(Delivery.id.in_(gone), Delivery.status == PENDING))
        if len(gone) < len(rows) or len(rows) < limit:
            return [delivery for delivery, still in rows if still]


async def claim_delivery(session: AsyncSession, delivery_id: int, by: InstanceId, now: datetime) -> bool:
    """Mark a delivery as being sent, just before the send; False if it is no longer pending."""
    return await claim_row(session, Delivery, delivery_id, by, now)


async def release_delivery(session: AsyncSession, delivery_id: int, by: InstanceId) -> bool:
    """Put back a delivery claimed (by ``by``) but never handed to Telegram."""
    return await release_row(session, Delivery, delivery_id, by)


async def settle_interrupted(
    session: AsyncSession, announcement_id: int, now: datetime, lease: timedelta
) -> int:
    """Sends cut short by an instance that is gone: maybe received, so never sent again; uncertain."""
    return await settle_interrupted_rows(
        session, Delivery, now, lease, Delivery.announcement_id == announcement_id
    )


async def record_delivery(
    session: AsyncSession,
    delivery_id: int,
    status: DeliveryStatus,
    *,
    by: InstanceId,
    error: str | None = None,
    now: datetime | None = None,
    final: bool = False,
) -> bool:
    """The outcome of ``by``'s attempt, if still its claim; a failure stays pending until its last (a
    ``final`` one, a refusal no try can change, is the last)."""
    tries = 1 if final else MAX_ATTEMPTS
    return await settle_row(
        session, Delivery, delivery_id, status, by=by, error=error, now=now, max_attempts=tries
    )


async def delivery_counts(session: AsyncSession, announcement_id: int) -> Counter:
    """How many deliveries are in each status."""
    rows = await session.exec(select(Delivery.status).where(Delivery.announcement_id == announcement_id))
    return Counter(DeliveryStatus(s) for s in rows)


async def failures(
    session: AsyncSession, announcement_id: int
) -> list[tuple[Delivery, User | None, str | None]]:
    """The deliveries that failed for good, with whom and their coop's name, for the author to look at:
    by coop as a person reads their names (``reading_order``), those in no coop (any more) last."""
    rows = await session.exec(
        select(Delivery, User, Coop)
        .outerjoin(User, User.id == Delivery.user_id)
        .outerjoin(Member, Member.user_id == Delivery.user_id)
        .outerjoin(Coop, Coop.id == Member.coop_id)
        .where(Delivery.announcement_id == announcement_id, Delivery.status == DeliveryStatus.FAILED)
    )
    ordered = sorted(
        rows.all(), key=lambda row: (row[2] is None, reading_order(row[2]) if row[2] else (), row[0].id)
    )
    return [(delivery, user, coop.name if coop else None) for delivery, user, coop in ordered]


REPORT = "announcement_report"  # the outbox kind of a broadcast's final report to its author
UNSETTLED = (DeliveryStatus.PENDING, DeliveryStatus.SENDING)


async def finish(session: AsyncSession, announcement_id: int, now: datetime | None = None) -> bool:
    """Sending → done once no recipient is pending or in flight, in one conditional update (one run
    of one instance does it), with the author's report put in the outbox in the same transaction."""
    unsettled = select(Delivery.id).where(
        Delivery.announcement_id == announcement_id, Delivery.status.in_(UNSETTLED)
    )
    result = await session.exec(
        update(Announcement)
        .where(Announcement.id == announcement_id, Announcement.status == AnnouncementStatus.SENDING)
        .where(~unsettled.exists())
        .values(status=AnnouncementStatus.DONE, finished_at=now or utcnow())
    )
    if result.rowcount == 1:
        author = (await get_announcement(session, announcement_id)).created_by
        readers = [author] if author > 0 else []  # a former member (erased meanwhile) reads nothing
        await enqueue(session, readers, REPORT, {"announcement_id": announcement_id}, now=now)
    return result.rowcount == 1


async def set_announcements(session: AsyncSession, user_id: int, enabled: bool) -> None:
    """A member's choice to receive the federation's announcements or not."""
    user = await session.get(User, user_id)
    if user is not None:
        user.announcements = enabled
        session.add(user)


async def start_sending(session: AsyncSession, announcement_id: int) -> bool:
    """Mark a confirmed announcement as being delivered; False if it is no longer to be sent."""
    result = await session.exec(
        update(Announcement)
        .where(Announcement.id == announcement_id, Announcement.status.in_(TO_SEND))
        .values(status=AnnouncementStatus.SENDING)
    )
    return result.rowcount == 1


async def set_progress_message(session: AsyncSession, announcement_id: int, chat_id: int, message_id: int):
    """Where the author watches the delivery (the message edited as it goes)."""
    announcement = await get_announcement(session, announcement_id)
    announcement.progress_chat_id, announcement.progress_message_id = chat_id, message_id
    session.add(announcement)
