"""Who a consultation asked: its invitations, kept, so that its « n people reached » stays true.

The invitation to answer is an outbox message (``INVITATION``), one row per person, written when the
consultation opens and, for a colleague who joins the coop while it runs, by the consultations' sweep.
Those rows are the record of who was asked: a member taken off the team afterwards, or who blocks the
bot, was still asked, and a closed consultation's participation never changes (nor its percentage).
The direction member who opened it is asked too (they answer from the coop's screens, with no
message); anyone who answered or opened the public link counts as reached as well. Someone erased
once it closed takes their invitation or their visit of the link with them: the erasure freezes its
count first (``Consultation.reached``, a number, never who), as the link's expiry does 30 days after.
A person's invitation to a consultation is one row, held so by the database (a unique index): two
instances sweeping at once, each having read that a newcomer was not asked yet, write it once.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.clock import as_utc, paris_today
from models.consultations.store import state_of
from models.db import dialect_insert
from models.outbox import NOT_REACHED
from models.tables import (
    AuditEntry,
    Consultation,
    ConsultationAccess,
    ConsultationStatus,
    DeliveryStatus,
    FormerMember,
    Member,
    Notification,
    User,
)
from models.tables.messages import AN_INVITATION, INVITATION_KIND

INVITATION = INVITATION_KIND  # the outbox's kind of the invitation to answer


def invitation_payload(consultation: Consultation) -> dict:
    """What the invitation's outbox row holds (its text is written when it goes, in their language)."""
    return {"consultation_id": consultation.id}


async def members_to_ask(session: AsyncSession, coop_id: int) -> set[int]:
    """The coop's members in the assistant now (not those who blocked it)."""
    query = (
        select(Member.user_id)
        .join(User, User.id == Member.user_id)
        .where(Member.coop_id == coop_id, User.is_active)
    )
    return set((await session.exec(query)).all())


async def opener(session: AsyncSession, consultation: Consultation) -> set[int]:
    """Who opened it (the direction member whom the opening did not invite by message). Erased, they
    are no longer reached, as an invited member erased is not (their invitation goes with them): the
    audit's entry stays, pointing to a former member (``-id``), who counts only if erased once the
    consultation had closed, its participation then fixed."""
    rows = await session.exec(
        select(AuditEntry.actor_id, FormerMember.erased_at)
        .outerjoin(FormerMember, FormerMember.id == -AuditEntry.actor_id)
        .where(
            AuditEntry.entity == "consultation",
            AuditEntry.entity_id == consultation.id,
            AuditEntry.action == "open",
        )
    )
    return {
        actor
        for actor, erased_at in rows.all()
        if actor is not None and (actor > 0 or (erased_at is not None and closed_by(consultation, erased_at)))
    }


def closed_by(consultation: Consultation, moment: datetime) -> bool:
    """Whether the consultation had closed before that moment (early by the direction, or by its date)."""
    if consultation.closed_at is not None:
        return as_utc(moment) > as_utc(consultation.closed_at)
    return consultation.closes_on is not None and paris_today(moment) > consultation.closes_on


async def invited(session: AsyncSession, consultation: Consultation, *, arrived: bool = False) -> set[int]:
    """Everyone who was sent its invitation; with ``arrived``, only those it did not fail to reach."""
    payload = json.dumps(invitation_payload(consultation), ensure_ascii=False)
    query = select(Notification.user_id).where(
        Notification.kind == INVITATION, Notification.payload == payload
    )
    if arrived:
        query = query.where(col(Notification.status).not_in(NOT_REACHED))
    return set((await session.exec(query)).all())


async def invited_ids(session: AsyncSession, consultation: Consultation) -> set[int]:
    """Everyone the consultation reached: who opened it and whom it invited (if for the members; a
    draft's would-be audience: the members now), and its link's visitors."""
    reached: set[int] = set()
    if consultation.for_members and consultation.status == ConsultationStatus.DRAFT:
        reached = await members_to_ask(session, consultation.coop_id)
    elif consultation.for_members:
        reached = await invited(session, consultation, arrived=True) | await opener(session, consultation)
    rows = await session.exec(
        select(ConsultationAccess.user_id).where(ConsultationAccess.consultation_id == consultation.id)
    )
    return reached | set(rows.all())


async def invite(
    session: AsyncSession, consultation: Consultation, user_ids: set[int], now: datetime
) -> list[int]:
    """Send the invitation to these people, through the outbox in the caller's transaction: those newly
    asked. One already asked (maybe by another instance's sweep, committed meanwhile) is left alone."""
    if not user_ids:
        return []
    payload = json.dumps(invitation_payload(consultation), ensure_ascii=False)
    rows = [
        {"user_id": user_id, "kind": INVITATION, "payload": payload, "status": DeliveryStatus.PENDING,
         "attempts": 0, "created_at": now}
        for user_id in sorted(user_ids)
    ]  # fmt: skip
    insert = dialect_insert((await session.connection()).dialect.name)
    statement = (
        insert(Notification.__table__)
        .values(rows)
        .on_conflict_do_nothing(index_elements=["user_id", "payload"], index_where=AN_INVITATION)
        .returning(Notification.__table__.c.user_id)
    )  # one statement, atomic on both databases: a second writer waits for the first, then skips
    return sorted((await session.exec(statement)).scalars().all())


async def invite_newcomers(session: AsyncSession, now: datetime) -> int:
    """Colleagues who joined the coop while a consultation for its members runs get its invitation
    too (the coop wants everyone's opinion): the sweep's part, every few minutes. So does a member who
    had blocked the assistant when it opened and came back since."""
    rows = await session.exec(
        select(Consultation).where(
            Consultation.status == ConsultationStatus.OPEN, col(Consultation.for_members).is_(True)
        )
    )
    count = 0
    for consultation in rows.all():
        if state_of(consultation, now) != ConsultationStatus.OPEN:
            continue
        asked = await invited(session, consultation) | await opener(session, consultation)
        newcomers = await members_to_ask(session, consultation.coop_id) - asked
        count += len(await invite(session, consultation, newcomers, now))
    return count
