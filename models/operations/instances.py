"""Instances of the bot sharing one database: who is alive (a heartbeat) and who sends (a lease).

Every instance writes its heartbeat every few seconds; one whose heartbeat is older than the lease
is gone (stopped, or killed), and only then are its sends in flight settled as uncertain by another.
Sending (the outbox, announcements, reminders) is the work of the one instance that holds the
« sending » lease, renewed with the heartbeat: the bot's pace (30 messages a second for the whole
bot, whatever the number of processes) is then kept by that one instance's pacer. If it dies, its
lease expires and another instance takes over. Times are the instances' wall clocks (kept in step
by NTP): a lease of 20 seconds tolerates far more skew than a server ever has.
"""

from __future__ import annotations

import os
import socket
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import bindparam
from sqlmodel import delete, func, or_, select, update
from sqlmodel.ext.asyncio.session import AsyncSession

from models.sql.prepared import Prepared, rows, write
from models.sql.writes import insert_or_ignore
from models.tables import Instance, Lease

SENDING = "sending"
DEFAULT_LEASE_SECONDS = 20


@dataclass(frozen=True)
class InstanceId:
    """This process, as the other instances see it."""

    id: str = field(default_factory=lambda: uuid.uuid4().hex[:16])
    host: str = field(default_factory=socket.gethostname)
    pid: int = field(default_factory=os.getpid)


FORGOTTEN_AFTER = timedelta(days=7)  # a killed instance's row is removed after that


async def register(session: AsyncSession, me: InstanceId, now: datetime) -> None:
    """Say this instance is alive (at start), and forget instances killed long ago."""
    await session.exec(delete(Instance).where(Instance.heartbeat_at < now - FORGOTTEN_AFTER))
    await insert_or_ignore(
        session, Instance, ("id",), id=me.id, host=me.host[:200], pid=me.pid, started_at=now, heartbeat_at=now
    )


# the heartbeat's statements, every few seconds on the bot's loop: built once, run without the ORM
_INSTANCE, _LEASE = Instance.__table__.c, Lease.__table__.c
_BEAT = Prepared(
    update(Instance.__table__)
    .where(_INSTANCE.id == bindparam("me"))
    .values(heartbeat_at=bindparam("now"), answer_rate=bindparam("rate"))
)
_OTHERS_ANSWERING = Prepared(
    select(func.count(_INSTANCE.id), func.coalesce(func.sum(_INSTANCE.answer_rate), 0)).where(
        _INSTANCE.heartbeat_at > bindparam("since"), _INSTANCE.id != bindparam("me")
    )
)
_TAKE_LEASE = Prepared(  # the holder, or anyone once it expired: one update, so never two at once
    update(Lease.__table__)
    .where(
        _LEASE.name == bindparam("lease"),
        or_(_LEASE.holder == bindparam("me"), _LEASE.holder.is_(None), _LEASE.expires_at <= bindparam("now")),
    )
    .values(holder=bindparam("taker"), expires_at=bindparam("until"))
)


async def beat(session: AsyncSession, me: InstanceId, now: datetime, answer_rate: int = 0) -> None:
    """Renew this instance's heartbeat with its recent answers per second (its row comes back if
    someone removed it)."""
    if not await write(session, _BEAT, {"me": me.id, "now": now, "rate": answer_rate}):
        await register(session, me, now)


async def leave(session: AsyncSession, me: InstanceId, now: datetime) -> None:
    """A clean stop: gone at once, and the lease handed over without waiting for it to expire."""
    await session.exec(delete(Instance).where(Instance.id == me.id))
    await session.exec(update(Lease).where(Lease.holder == me.id).values(holder=None, expires_at=now))


def live_instances(now: datetime, lease: timedelta):
    """The ids of the instances whose heartbeat is recent, as a subquery."""
    return select(Instance.id).where(Instance.heartbeat_at > now - lease)


async def others_answering(
    session: AsyncSession, me: InstanceId, now: datetime, lease: timedelta
) -> int | None:
    """What the other live instances answer in one second (their reported peaks, summed); None when
    no other instance's heartbeat is recent."""
    ((alive, rate),) = await rows(session, _OTHERS_ANSWERING, {"since": now - lease, "me": me.id})
    return int(rate) if alive else None


async def beats_recently(session: AsyncSession, me: InstanceId, now: datetime, lease: timedelta) -> bool:
    """Whether this instance's own heartbeat write is recent: it can write, and others see it alive."""
    found = await session.exec(
        select(Instance.id).where(Instance.id == me.id, Instance.heartbeat_at > now - lease)
    )
    return found.first() is not None


def claimed_by_gone(claimed_by, now: datetime, lease: timedelta):
    """The condition « claimed by an instance that is gone » (or by a version without instances)."""
    return or_(claimed_by.is_(None), claimed_by.not_in(live_instances(now, lease)))


async def acquire_lease(
    session: AsyncSession, name: str, me: InstanceId, now: datetime, lease: timedelta
) -> bool:
    """Take or renew a lease; True if this instance holds it until ``now + lease``.

    One conditional update: it succeeds for the holder, or for anyone once the lease has expired;
    two instances can never both succeed, since the database applies one update after the other.
    """
    await insert_or_ignore(session, Lease, ("name",), name=name, holder=None, expires_at=now)
    taken = {"lease": name, "me": me.id, "now": now, "taker": me.id, "until": now + lease}
    return await write(session, _TAKE_LEASE, taken) == 1


async def lease_holder(session: AsyncSession, name: str, now: datetime) -> str | None:
    """Who holds a lease now (None if nobody, or if it expired)."""
    row = await session.get(Lease, name, populate_existing=True)
    return row.holder if row is not None and row.expires_at > now else None
