"""The recipients' answers to a meeting's announcement (« I'll attend », « I can't »), and who may give one:
a recipient of the announcement (its ``Delivery`` row), whatever has become of its sending, whom it still
reaches (``still_reached``: the one-hour reminder's rule, so that « I'll attend » promises only a
reminder that will come)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, or_
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.clock import utcnow
from models.tables import Announcement, Delivery, Member, MemberRole, Rsvp


async def answer(
    session: AsyncSession, announcement_id: int, user_id: int, attending: bool, *, now: datetime | None = None
) -> None:
    """Record (or change) a recipient's answer."""
    query = select(Rsvp).where(Rsvp.announcement_id == announcement_id, Rsvp.user_id == user_id)
    row = (await session.exec(query)).first()
    row = row or Rsvp(announcement_id=announcement_id, user_id=user_id, attending=attending)
    row.attending = attending
    row.answered_at = now or utcnow()
    session.add(row)
    await session.flush()


async def answer_counts(session: AsyncSession, announcement_id: int) -> tuple[int, int]:
    """(attending, not attending)."""
    rows = (await session.exec(select(Rsvp.attending).where(Rsvp.announcement_id == announcement_id))).all()
    return sum(1 for r in rows if r), sum(1 for r in rows if not r)


async def was_sent_to(session: AsyncSession, announcement_id: int, user_id: int) -> bool:
    """Whether this person is a recipient of the announcement."""
    query = select(Delivery.id).where(Delivery.announcement_id == announcement_id)
    return (await session.exec(query.where(Delivery.user_id == user_id))).first() is not None


def still_reached(user_id) -> ColumnElement[bool]:
    """Whether the statement's announcement still reaches the person ``user_id`` names: in a coop, its
    direction when it went to the direction (the rule its deliveries follow, ``pending_deliveries``)."""
    return (
        select(Member.id)
        .where(Member.user_id == user_id)
        .where(or_(Announcement.audience != "direction", Member.role == MemberRole.DIRECTION))
        .exists()
    )


async def may_answer(session: AsyncSession, announcement_id: int, user_id: int) -> bool | None:
    """None if the announcement was not sent to this person; else whether it still reaches them."""
    query = (
        select(still_reached(Delivery.user_id))
        .select_from(Delivery)
        .join(Announcement, Announcement.id == Delivery.announcement_id)
        .where(Delivery.announcement_id == announcement_id, Delivery.user_id == user_id)
    )
    return (await session.exec(query)).first()
