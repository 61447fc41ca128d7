"""Updates received through the webhook or polled: each handled once, even when an instance dies meanwhile.

Telegram posts an update again when it did not get our « ok » (a timeout, a connection cut), maybe to
another instance behind the load balancer: the update's number is recorded, and a second post of it
is ignored. Once « ok » is answered, Telegram forgets the update: until its work is stored, the update
itself is kept (``UnhandledUpdate``). An instance killed then leaves it: another one takes it once the
first one's heartbeat is old, as it takes over its sends (``models.operations.instances``), and
handles it then, unless the same person sent something after it. Their later messages were answered
on the state they found, so the old one can no longer be taken in its place: it is given back.

Its work stored is not the end either: its reply (the next question) may still be lost to a kill.
So the transaction that stores the work does not delete the kept update but empties its body
(``owe_reply``: what the person typed is not kept twice); the instance removes it once the reply went
out, a few at a time at its next beat (``forget_answered``: no commit of its own on the update's path).
One an instance that is gone left so was handled and maybe never answered: the instance taking it
shows its sender where they are (``bot.updates.inbox``), unless they wrote since (they were answered).
An update that writes nothing is removed once handled (``forget_handled``).

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

# the body of a kept update whose work is stored, its reply maybe not sent yet (``owe_reply``)
REPLY_OWED = ""


@dataclass(frozen=True)
class Orphan:
    """An update an instance that is gone received and did not handle, or handled without answering for
    sure (``reply_owed``: its body is gone); ``overtaken`` if its sender sent something after it."""

    update_id: int
    body: str
    overtaken: bool
    sender: int | None = None

    @property
    def reply_owed(self) -> bool:
        """Whether its work was stored, and its reply maybe lost with the instance."""
        return self.body == REPLY_OWED


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
# (named otherwise than the columns: an UPDATE reserves their names for its SET clause)
_THIS_ONES = (_KEPT.update_id == bindparam("number")) & (_KEPT.receiver == bindparam("me"))
_HANDLED = Prepared(delete(UnhandledUpdate.__table__).where(_THIS_ONES))
_REPLY_OWED = Prepared(update(UnhandledUpdate.__table__).where(_THIS_ONES).values(body=REPLY_OWED))


async def forget_handled(session: AsyncSession, update_id: int, me: InstanceId) -> bool:
    """The update is handled and answered (or wrote nothing): no longer kept; False if another
    instance took it meanwhile (this one's heartbeat went stale) — it handles it."""
    return await write(session, _HANDLED, {"number": update_id, "me": me.id}) == 1


async def owe_reply(session: AsyncSession, update_id: int, me: InstanceId, owed: bool = True) -> None:
    """In the work's transaction: the update is handled, its reply owed until ``forget_answered`` (not
    ``owed``: forgotten now). If it went to another instance, the work is rolled back (HandledElsewhere),
    so that the update is handled once, there. Gone already is fine: the work itself removed it (an
    erasure removes what its person sent)."""
    if await write(session, _REPLY_OWED if owed else _HANDLED, {"number": update_id, "me": me.id}) == 1:
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
    kept = UnhandledUpdate
    found = await session.exec(
        select(kept.update_id, kept.receiver, kept.body, overtaken, kept.sender)
        .where(claimed_by_gone(UnhandledUpdate.receiver, now, lease), UnhandledUpdate.receiver != me.id)
        .order_by(UnhandledUpdate.update_id)
    )
    taken = []
    for update_id, receiver, body, was_overtaken, sender in found.all():
        claim = await session.exec(
            update(UnhandledUpdate)
            .where(UnhandledUpdate.update_id == update_id, UnhandledUpdate.receiver == receiver)
            .values(receiver=me.id)
        )
        if claim.rowcount == 1:
            taken.append(Orphan(update_id, body, bool(was_overtaken), sender))
    return taken


async def forget_answered(session: AsyncSession, numbers: set[int], me: InstanceId) -> None:
    """The updates this instance handled and answered since its last beat: no longer kept (one it
    stalled on past its lease is another's now, which tells its sender where they are)."""
    ordered = sorted(numbers)
    for start in range(0, len(ordered), 500):  # within any database's limit of parameters
        chunk = ordered[start : start + 500]
        kept = (UnhandledUpdate.update_id.in_(chunk)) & (UnhandledUpdate.receiver == me.id)
        await session.exec(delete(UnhandledUpdate).where(kept))


async def forget_received_updates(session: AsyncSession, before: datetime) -> int:
    """Remove the updates received before ``before`` (Telegram gives up on an update within a day)."""
    result = await session.exec(delete(ReceivedUpdate).where(ReceivedUpdate.received_at < before))
    # one never handled in two days is no answer to anything any more
    await session.exec(delete(UnhandledUpdate).where(UnhandledUpdate.received_at < before))
    return result.rowcount
