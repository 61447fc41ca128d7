"""The outbox: news for people (a submission, a committee decision) written with the event itself.

A job sends what is pending. Each message is claimed just before it is sent: a crash never sends
it twice (a claim found after a crash is settled as uncertain); a Telegram error puts it back for
a later try, a bounded number of times.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.clock import utcnow
from models.tables import DeliveryStatus, Notification

MAX_ATTEMPTS = 5


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


async def settle_interrupted_notifications(session: AsyncSession) -> int:
    """Claims left by a crashed run: maybe delivered, so never resent."""
    rows = (
        await session.exec(select(Notification).where(Notification.status == DeliveryStatus.SENDING))
    ).all()
    for row in rows:
        row.status = DeliveryStatus.UNCERTAIN
        session.add(row)
    return len(rows)


async def pending_notifications(session: AsyncSession, limit: int = 100) -> list[Notification]:
    rows = await session.exec(
        select(Notification)
        .where(Notification.status == DeliveryStatus.PENDING)
        .order_by(Notification.id)
        .limit(limit)
    )
    return list(rows.all())


async def claim_notification(session: AsyncSession, notification_id: int) -> Notification | None:
    """Mark one notification as being sent; None if someone else took it."""
    row = await session.get(Notification, notification_id)
    if row is None or row.status != DeliveryStatus.PENDING:
        return None
    row.status = DeliveryStatus.SENDING
    session.add(row)
    return row


async def settle_notification(
    session: AsyncSession,
    notification_id: int,
    status: DeliveryStatus,
    *,
    error: str | None = None,
    now: datetime | None = None,
) -> None:
    """The outcome of a send; a failure is tried again until MAX_ATTEMPTS."""
    row = await session.get(Notification, notification_id)
    apply_outcome(row, status, error, now, MAX_ATTEMPTS)
    session.add(row)


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


def payload_of(notification: Notification) -> dict:
    return json.loads(notification.payload or "{}")
