"""Updates received through the webhook or polled: each handled once, even when an instance dies meanwhile.

Telegram posts an update again when it did not get our « ok » (a timeout, a connection cut), maybe to
another instance behind the load balancer: the update's number is recorded, and a second post of it
is ignored. Once « ok » is answered, Telegram forgets the update: until its work is stored, the update
itself is kept (``UnhandledUpdate``), and forgotten in the same transaction as that work
(``models.sql.handling``). An instance killed in between leaves it: another one takes it once the
first one's heartbeat is old, as it takes over its sends (``models.operations.instances``), and
handles it then, unless the same person sent something after it. Their later messages were answered
on the state they found, so the old one can no longer be taken in its place: it is given back.

A polled update is confirmed to Telegram only once handled (``bot.updates.polling``), so a kill gives it
again to the next start: its number is recorded in the transaction that stores its work
(``record_handled``), and one given again after that work is not handled twice (``handled_among``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import bindparam, exists
from sqlmodel import delete, func, select, update
from sqlmodel.ext.asyncio.session import AsyncSession

from models.operations.instances import InstanceId, claimed_by_gone
from models.sql.prepared import Prepared, write
from models.sql.writes import insert_or_ignore
from models.tables import ReceivedUpdate, UnhandledUpdate


@dataclass(frozen=True)
class Orphan:
    """An update an instance that is gone received and did not handle; ``overtaken`` if its sender
    sent something after it."""

    update_id: int
    body: str
    overtaken: bool


async def receive(
    session: AsyncSession, update_id: int, sender: int | None, body: str, me: InstanceId, now: datetime
) -> bool:
    """Record an update posted to the webhook and keep it until handled; False if received before."""
    if not await insert_or_ignore(
        session, ReceivedUpdate, ("update_id",), update_id=update_id, received_at=now, sender=sender
    ):
        return False
    session.add(
        UnhandledUpdate(update_id=update_id, sender=sender, receiver=me.id, received_at=now, body=body)
    )
    return True


class HandledElsewhere(RuntimeError):
    """This instance stalled past its lease and another one took the update: its work is not kept."""


_KEPT = UnhandledUpdate.__table__.c
_HANDLED = Prepared(
    delete(UnhandledUpdate.__table__).where(
        _KEPT.update_id == bindparam("update_id"), _KEPT.receiver == bindparam("me")
    )
)


async def forget_handled(session: AsyncSession, update_id: int, me: InstanceId) -> bool:
    """The update's work is stored (in this transaction): no longer kept; False if another instance
    took it meanwhile (this one's heartbeat went stale) — it handles it."""
    return await write(session, _HANDLED, {"update_id": update_id, "me": me.id}) == 1


async def forget_with_work(session: AsyncSession, update_id: int, me: InstanceId) -> None:
    """``forget_handled`` in the work's transaction: if the update went to another instance, the
    work is rolled back (HandledElsewhere), so that the update is handled once, there. Gone already
    is fine: the work itself removed it (an erasure removes what its person sent)."""
    if await forget_handled(session, update_id, me):
        return
    taken = await session.exec(select(UnhandledUpdate.receiver).where(UnhandledUpdate.update_id == update_id))
    if taken.first() is not None:
        raise HandledElsewhere(f"update {update_id} was taken by another instance")


async def record_handled(session: AsyncSession, update_id: int, now: datetime) -> None:
    """A polled update's work is stored (in this transaction): its number recorded, without its
    sender (nothing of them stays once they erase their data); HandledElsewhere if it was before."""
    recorded = await insert_or_ignore(
        session, ReceivedUpdate, ("update_id",), update_id=update_id, received_at=now
    )
    if not recorded:
        raise HandledElsewhere(f"update {update_id} was handled before")


async def last_recorded(session: AsyncSession) -> int | None:
    """The highest update number recorded: Telegram may give again only updates up to it that were handled."""
    return (await session.exec(select(func.max(ReceivedUpdate.update_id)))).one()


async def handled_among(session: AsyncSession, numbers: list[int]) -> set[int]:
    """Which of these update numbers were recorded (received through the webhook, or handled)."""
    found = await session.exec(select(ReceivedUpdate.update_id).where(ReceivedUpdate.update_id.in_(numbers)))
    return set(found.all())


async def take_orphans(
    session: AsyncSession, me: InstanceId, now: datetime, lease: timedelta
) -> list[Orphan]:
    """Claim the updates left by instances that are gone, oldest first.

    Each is claimed by one conditional update (the receiver it was read with), so two instances
    looking at once never both take it.
    """
    later = ReceivedUpdate.__table__.alias("later")
    overtaken = exists().where(
        later.c.sender == UnhandledUpdate.sender, later.c.update_id > UnhandledUpdate.update_id
    )
    found = await session.exec(
        select(UnhandledUpdate.update_id, UnhandledUpdate.receiver, UnhandledUpdate.body, overtaken)
        .where(claimed_by_gone(UnhandledUpdate.receiver, now, lease), UnhandledUpdate.receiver != me.id)
        .order_by(UnhandledUpdate.update_id)
    )
    taken = []
    for update_id, receiver, body, was_overtaken in found.all():
        claim = await session.exec(
            update(UnhandledUpdate)
            .where(UnhandledUpdate.update_id == update_id, UnhandledUpdate.receiver == receiver)
            .values(receiver=me.id)
        )
        if claim.rowcount == 1:
            taken.append(Orphan(update_id, body, bool(was_overtaken)))
    return taken


async def forget_received_updates(session: AsyncSession, before: datetime) -> int:
    """Remove the updates received before ``before`` (Telegram gives up on an update within a day)."""
    result = await session.exec(delete(ReceivedUpdate).where(ReceivedUpdate.received_at < before))
    # one never handled in two days is no answer to anything any more
    await session.exec(delete(UnhandledUpdate).where(UnhandledUpdate.received_at < before))
    return result.rowcount
