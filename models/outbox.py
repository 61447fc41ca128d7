"""The outbox: messages written with the event they tell of, then sent by a job, once each.

Two tables hold such rows: ``Notification`` (the news of a submission or a committee decision) and
``Delivery`` (one recipient of an announcement). Both share one life: pending → sending (claimed
just before the send) → sent, blocked or failed; a failure goes back to pending for a bounded number
of tries; a claim found after a crash is settled as uncertain (maybe received), never resent.
A claim is one conditional update checked by its row count, so it holds across processes, and
names the instance that made it: only the claims of instances that are gone are settled as
uncertain, never those of a live instance still sending (``models.operations.instances``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlmodel import select, update
from sqlmodel.ext.asyncio.session import AsyncSession

from models.clock import utcnow
from models.operations.instances import InstanceId, claimed_by_gone
from models.tables import Delivery, DeliveryStatus, Notification

MAX_ATTEMPTS = 5
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
    **values: object,
) -> bool:
    """Move one row from ``before`` to ``after`` in one statement; False if it was not in ``before``."""
    result = await session.exec(
        update(table).where(table.id == row_id, table.status == before).values(status=after, **values)
    )
    return result.rowcount == 1


async def claim_row(
    session: AsyncSession, table: OutboxTable, row_id: int, by: InstanceId, now: datetime
) -> bool:
    """Take a pending row for sending; False if another run (or instance) took it first."""
    return await change_status(
        session,
        table,
        row_id,
        DeliveryStatus.PENDING,
        DeliveryStatus.SENDING,
        claimed_by=by.id,
        claimed_at=now,
    )


async def release_row(session: AsyncSession, table: OutboxTable, row_id: int) -> bool:
    """Give back a claim whose message was never handed to Telegram (stopped while waiting)."""
    return await change_status(
        session,
        table,
        row_id,
        DeliveryStatus.SENDING,
        DeliveryStatus.PENDING,
        claimed_by=None,
        claimed_at=None,
    )


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
    error: str | None,
    now: datetime | None,
    max_attempts: int,
) -> None:
    """Record the outcome of a claimed row's send."""
    row = await session.get(table, row_id)
    apply_outcome(row, status, error, now, max_attempts)
    session.add(row)
    await session.flush()


def apply_outcome(
    row, status: DeliveryStatus, error: str | None, now: datetime | None, max_attempts: int
) -> None:
    """Record a send's outcome on a row with status, attempts, error and sent_at (outbox, delivery).

    A failure goes back to pending for another try until ``max_attempts`` is reached.
    """
    if status == DeliveryStatus.FAILED:
        row.attempts += 1
        row.error = (error or "")[:300]
        if row.attempts < max_attempts:
            status = DeliveryStatus.PENDING
    row.status = status
    if status == DeliveryStatus.SENT:
        row.sent_at = now or utcnow()


async def pending_notifications(session: AsyncSession, limit: int = 100) -> list[Notification]:
    """The next notifications still to send, oldest first."""
    rows = await session.exec(
        select(Notification)
        .where(Notification.status == DeliveryStatus.PENDING)
        .order_by(Notification.id)
        .limit(limit)
    )
    return list(rows.all())


async def claim_notification(
    session: AsyncSession, notification_id: int, by: InstanceId, now: datetime
) -> bool:
    """Mark one notification as being sent; False if someone else took it."""
    return await claim_row(session, Notification, notification_id, by, now)


async def release_notification(session: AsyncSession, notification_id: int) -> bool:
    """Put back a notification claimed but never sent."""
    return await release_row(session, Notification, notification_id)


async def settle_interrupted_notifications(session: AsyncSession, now: datetime, lease: timedelta) -> int:
    """Notifications claimed by an instance gone mid-send: uncertain, never resent."""
    return await settle_interrupted_rows(session, Notification, now, lease)


async def settle_notification(
    session: AsyncSession,
    notification_id: int,
    status: DeliveryStatus,
    *,
    error: str | None = None,
    now: datetime | None = None,
) -> None:
    """The outcome of a send; a failure is tried again until MAX_ATTEMPTS."""
    await settle_row(
        session, Notification, notification_id, status, error=error, now=now, max_attempts=MAX_ATTEMPTS
    )


def payload_of(notification: Notification) -> dict:
    """What the notification's message needs, as stored with it."""
    return json.loads(notification.payload or "{}")
