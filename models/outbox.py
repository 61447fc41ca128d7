"""The outbox: messages written with the event they tell of, then sent by a job, once each.

Two tables hold such rows: ``Notification`` (the news of a submission or a committee decision) and
``Delivery`` (one recipient of an announcement). Both share one life: pending → sending (claimed
just before the send) → sent, blocked or failed; a failure goes back to pending for a bounded number
of tries; a claim found after a crash is settled as uncertain (maybe received), never resent — but a
part of an /export bundle, sent again (``resend_interrupted_parts``).
A claim is one conditional update checked by its row count, so it holds across processes, and
names the instance that made it: only the claims of instances that are gone are settled as
uncertain, never those of a live instance still sending (``models.operations.instances``).
An outcome is recorded, and a claim given back, only on a row still 'sending' and claimed by the
instance that sends it: an instance frozen mid-send (a paused VM) and taken for gone finds its row
settled as uncertain when it wakes, and leaves it so (written over, a timeout would send it again).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import case, exists, literal, or_
from sqlmodel import select, update
from sqlmodel.ext.asyncio.session import AsyncSession

from models.clock import utcnow
from models.operations.instances import InstanceId, claimed_by_gone
from models.tables import Coop, Delivery, DeliveryStatus, Member, Notification

MAX_ATTEMPTS = 5
# the wait after a failed try before the next (by tries made): Telegram or the network away a moment (a
# 502, a timeout) fails the run's next read alike, a chat's second later, and would spend every try in
# seconds; these carry a news over an hour's outage (an announcement's 3 tries, over two minutes)
RETRY_AFTER = (timedelta(seconds=30), timedelta(minutes=2), timedelta(minutes=10), timedelta(hours=1))
NOT_REACHED = (DeliveryStatus.BLOCKED, DeliveryStatus.FAILED)  # a notice that never arrived
OutboxTable = type[Notification] | type[Delivery]


async def enqueue(
    session: AsyncSession, user_ids: Iterable[int], kind: str, payload: dict, *, now: datetime | None = None
) -> int:
    """One pending notification per person, in the caller's transaction."""
    count = 0
    for user_id in sorted(set(user_ids)):
        session.add(
            Notification(
                user_id=user_id,
                kind=kind,
                payload=json.dumps(payload, ensure_ascii=False),
                created_at=now or utcnow(),
            )
        )
        count += 1
    await session.flush()
    return count


async def change_status(
    session: AsyncSession,
    table: OutboxTable,
    row_id: int,
    before: DeliveryStatus,
    after: DeliveryStatus,
    *conditions,
    **values: object,
) -> bool:
    """Move one row from ``before`` to ``after`` in one statement; False if it was not in ``before`` (or
    ``conditions`` do not hold)."""
    result = await session.exec(
        update(table)
        .where(table.id == row_id, table.status == before, *conditions)
        .values(status=after, **values)
    )
    return result.rowcount == 1


async def claim_row(
    session: AsyncSession, table: OutboxTable, row_id: int, by: InstanceId, now: datetime, *conditions
) -> bool:
    """Take a pending row for sending; False if another run (or instance) took it first."""
    return await change_status(
        session,
        table,
        row_id,
        DeliveryStatus.PENDING,
        DeliveryStatus.SENDING,
        *conditions,
        claimed_by=by.id,
        claimed_at=now,
    )


def due_again(table: OutboxTable, now: datetime):
    """The condition « never tried, or its last try (``claimed_at``, kept by a failure) is ``RETRY_AFTER``
    behind »: a pending row not due yet waits for a later run; one given back unsent (no ``claimed_at``)
    is due. Each bound is compared with the column itself, so it is bound as the column's type (naive
    UTC): a CASE's value would be bound by its Python type, and PostgreSQL would compare it in the
    server's time zone (an hour off on a server set to Paris)."""
    tries = [
        (table.attempts == n) & (table.claimed_at <= now - wait) for n, wait in enumerate(RETRY_AFTER, 1)
    ]
    later = (table.attempts > len(RETRY_AFTER)) & (table.claimed_at <= now - RETRY_AFTER[-1])
    return or_(table.attempts == 0, table.claimed_at.is_(None), later, *tries)


def claimed_by(table, by: InstanceId | None):
    """The condition « still 'sending', claimed by ``by`` » (None: a claim naming no instance)."""
    claimant = table.claimed_by.is_(None) if by is None else table.claimed_by == by.id
    return (table.status == DeliveryStatus.SENDING) & claimant


async def release_row(session: AsyncSession, table: OutboxTable, row_id: int, by: InstanceId) -> bool:
    """Give back a claim whose message was never handed to Telegram (stopped while waiting); False if
    the row is no longer this instance's claim."""
    result = await session.exec(
        update(table)
        .where(table.id == row_id, claimed_by(table, by))
        .values(status=DeliveryStatus.PENDING, claimed_by=None, claimed_at=None)
    )
    return result.rowcount == 1


async def settle_interrupted_rows(
    session: AsyncSession, table: OutboxTable, now: datetime, lease: timedelta, *conditions
) -> int:
    """Claims left by an instance that is gone mid-send: maybe delivered, so uncertain, never resent.

    A claim of a live instance (this one, or another still sending) is left alone.
    """
    result = await session.exec(
        update(table)
        .where(
            table.status == DeliveryStatus.SENDING, claimed_by_gone(table.claimed_by, now, lease), *conditions
        )
        .values(status=DeliveryStatus.UNCERTAIN)
    )
    return result.rowcount


async def settle_row(
    session: AsyncSession,
    table: OutboxTable,
    row_id: int,
    status: DeliveryStatus,
    *,
    by: InstanceId,
    error: str | None,
    now: datetime | None,
    max_attempts: int,
) -> bool:
    """Record the outcome of a send on its row, in one conditional update; False if the row is no
    longer ``by``'s claim (settled as uncertain by another instance meanwhile): then left as it is."""
    result = await session.exec(
        update(table)
        .where(table.id == row_id, claimed_by(table, by))
        .values(**outcome_values(table, status, error, now, max_attempts))
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def outcome_values(
    table: OutboxTable, status: DeliveryStatus, error: str | None, now: datetime | None, max_attempts: int
) -> dict:
    """The columns a send's outcome sets (status, attempts, error, sent_at), as SQL values.

    A failure goes back to pending for another try until ``max_attempts`` is reached.
    """
    if status == DeliveryStatus.FAILED:
        status_type = table.__table__.c.status.type
        again = case(
            (table.attempts + 1 < max_attempts, literal(DeliveryStatus.PENDING, status_type)),
            else_=literal(DeliveryStatus.FAILED, status_type),
        )
        return {"status": again, "attempts": table.attempts + 1, "error": (error or "")[:300]}
    if status == DeliveryStatus.SENT:
        return {"status": status, "sent_at": now or utcnow()}
    return {"status": status}


# a part of an /export bundle (50 MB to upload): read after every other news, so that a backlog of parts
# never holds a decision's news or a reminder behind it (bot.delivery.notifications sends one a run)
BUNDLE_PART = "bundle_part"


async def pending_notifications(
    session: AsyncSession, limit: int = 100, now: datetime | None = None
) -> list[tuple[Notification, int | None, str | None]]:
    """The next notifications to send, oldest first (a bundle's parts after the rest; one that failed, once
    due again), each with its recipient's coop now (id and name; None, None: on no team), in the same
    statement: a coop's news goes to its team only."""
    rows = await session.exec(
        select(Notification, Coop.id, Coop.name)
        .outerjoin(Member, Member.user_id == Notification.user_id)
        .outerjoin(Coop, Coop.id == Member.coop_id)
        .where(Notification.status == DeliveryStatus.PENDING, due_again(Notification, now or utcnow()))
        .order_by(Notification.kind == BUNDLE_PART, Notification.id)
        .limit(limit)
    )
    return list(rows.all())


async def drop_notification(session: AsyncSession, notification_id: int, reason: str) -> bool:
    """A pending notification that no longer concerns its recipient: failed for good, never sent."""
    return await change_status(
        session, Notification, notification_id, DeliveryStatus.PENDING, DeliveryStatus.FAILED, error=reason
    )


async def claim_notification(
    session: AsyncSession, notification_id: int, by: InstanceId, now: datetime, coop_id: int | None = None
) -> bool:
    """Mark one notification as being sent; False if someone else took it, or if its recipient is no
    longer on the team of ``coop_id``, their coop when the batch was read and checked (its rows are
    sent for seconds after, PDFs rendered between): pending still, the next read decides again."""
    still_on_it = () if coop_id is None else (on_team(Notification.user_id, coop_id),)
    return await claim_row(session, Notification, notification_id, by, now, *still_on_it)


def on_team(user_id, coop_id: int):
    """The condition « ``user_id`` is on the team of ``coop_id`` » (a subquery: no statement more)."""
    return exists().where(Member.user_id == user_id, Member.coop_id == coop_id)


async def release_notification(session: AsyncSession, notification_id: int, by: InstanceId) -> bool:
    """Put back a notification claimed (by ``by``) but never sent."""
    return await release_row(session, Notification, notification_id, by)


# a part cut short is sent again, as a try: one that kills its sender each time (its memory) ends uncertain
RESENT_IF_CUT_SHORT = (Notification.kind == BUNDLE_PART) & (Notification.attempts + 1 < MAX_ATTEMPTS)
CUT_SHORT = "cut short: its sender stopped or froze mid-send; sent again"


async def resend_interrupted_parts(session: AsyncSession, now: datetime, lease: timedelta) -> int:
    """Bundle parts claimed by an instance gone mid-send: pending again, counted as a try. A ZIP received
    twice harms nobody; one missing loses its files (the dossier's PDF, with the first). Read by their id,
    the part cut short goes before the parts after it."""
    result = await session.exec(
        update(Notification)
        .where(
            Notification.status == DeliveryStatus.SENDING,
            claimed_by_gone(Notification.claimed_by, now, lease),
            RESENT_IF_CUT_SHORT,
        )
        .values(
            status=DeliveryStatus.PENDING,
            attempts=Notification.attempts + 1,
            claimed_by=None,
            claimed_at=None,
            error=CUT_SHORT,
        )
    )
    return result.rowcount


async def settle_interrupted_notifications(session: AsyncSession, now: datetime, lease: timedelta) -> int:
    """Notifications claimed by an instance gone mid-send: uncertain, never resent (a message twice is
    noise) — but a bundle's part with tries left, which ``resend_interrupted_parts`` sends again."""
    return await settle_interrupted_rows(session, Notification, now, lease, ~RESENT_IF_CUT_SHORT)


async def settle_notification(
    session: AsyncSession,
    notification_id: int,
    status: DeliveryStatus,
    *,
    by: InstanceId,
    error: str | None = None,
    now: datetime | None = None,
    final: bool = False,
) -> bool:
    """The outcome of ``by``'s send, if the row is still its claim; a failure is tried again until
    MAX_ATTEMPTS (a ``final`` one, a refusal no try can change, is the last)."""
    tries = 1 if final else MAX_ATTEMPTS
    return await settle_row(
        session, Notification, notification_id, status, by=by, error=error, now=now, max_attempts=tries
    )


def payload_of(notification: Notification) -> dict:
    """What the notification's message needs, as stored with it."""
    return json.loads(notification.payload or "{}")
