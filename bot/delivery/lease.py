"""This instance's heartbeat and its hold on the sending lease (``models.operations.instances``).

Only the holder runs the delivery jobs, so the bot's pace is one pacer's whatever the number of
instances. The holder stops sending a little before its lease could expire (a margin on its own
monotonic clock, counted from before the renewal was asked), so that another instance taking over
after the expiry never sends in the same second as the old holder.

The heartbeat also carries what each instance answers (bot.delivery.pacer: the sender keeps that
back). A heartbeat every few seconds is too slow for a rise of answers (people replying to a
broadcast): a non-sending instance writes a rise within ``REPORT_EVERY``, and the sender reads the
others' answers every ``READ_EVERY`` while it sends, one small read.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from datetime import timedelta

from bot.logs import one_line
from models.clock import utcnow
from models.db import Database
from models.operations.instances import (
    SENDING,
    InstanceId,
    acquire_lease,
    beat,
    leave,
    others_answering,
    register,
)

log = logging.getLogger("qualicoop.instances")
REPORT_EVERY = 0.1  # seconds: how soon a non-sending instance tells a rise of its answers
READ_EVERY = 0.1  # seconds: how often the sending instance reads the others' answers while it sends


class SendingLease:
    """Whether this instance may send now, as of its last renewal."""

    def __init__(self, me: InstanceId, seconds: int) -> None:
        """Nothing held until the first renewal."""
        self.me = me
        self.duration = timedelta(seconds=seconds)
        self.margin = min(2.0, seconds / 4)
        self.deadline = 0.0  # time.monotonic() until which this instance may send
        self.was_held = False
        # what the other live instances answer per second (None: none alive), as of the last renewal;
        # until one, a margin is kept back for them
        self.others: int | None = 0
        self.answer_peak: Callable[[], int] = lambda: 0  # this instance's, reported with its heartbeat
        self.told = 0  # the peak last written
        self.read_at = 0.0  # time.monotonic() of the last read of the others' answers
        self.watch: asyncio.Task | None = None  # tells a rise of this instance's answers at once
        self.beat_failed = False  # the last heartbeat could not be written
        self.failed_at = 0.0  # time.monotonic() of the first heartbeat that failed, while they fail

    @property
    def others_alive(self) -> bool:
        """Whether another instance was alive at the last renewal."""
        return self.others is not None

    def held(self) -> bool:
        """True while this instance holds the lease (with the margin)."""
        return time.monotonic() < self.deadline

    async def may_send(self, database: Database) -> bool:
        """Held, or renewed now (a run outlasting its lease without a heartbeat renews it itself);
        held beside other instances, their answers are read again if the last read is older than
        ``READ_EVERY`` (alone, a newcomer is seen at the next heartbeat: it has answered nobody yet)."""
        if not self.held():
            return await self.renew(database)
        if self.others_alive and time.monotonic() - self.read_at >= READ_EVERY:
            await self.read_others(database)
        return True

    async def read_others(self, database: Database) -> None:
        """What the other live instances answer per second, read now (one read, no write)."""
        self.read_at = time.monotonic()
        try:
            async with database.transaction() as session:
                self.others = await others_answering(session, self.me, utcnow(), self.duration)
        except Exception as error:  # the last figures stay; the heartbeat says whether to stop
            log.warning("instance %s could not read the others' answers: %s", self.me.id, error)

    async def tell_rises(self, database: Database) -> None:
        """While another instance sends, write this one's answer peak as soon as it rises.

        Not while the heartbeat fails (the database away): the heartbeat job asks again at its pace, and
        a rise is told with it, instead of a connection attempt and a warning every ``REPORT_EVERY``."""
        broken = False
        while True:
            await asyncio.sleep(REPORT_EVERY)
            try:
                if not self.held() and not self.beat_failed and self.answer_peak() > self.told:
                    await self.renew(database)  # the heartbeat, early, with the new peak
                broken = False
            except Exception:  # the watch goes on: the rise is told at the next heartbeat meanwhile
                if not broken:
                    log.exception("instance %s could not tell a rise of its answers", self.me.id)
                broken = True

    async def start(self, database: Database) -> bool:
        """Register this instance, then try to take the lease."""
        async with database.transaction() as session:
            await register(session, self.me, utcnow())
        log.info("instance %s (%s, pid %s) started", self.me.id, self.me.host, self.me.pid)
        self.watch = asyncio.get_running_loop().create_task(self.tell_rises(database), name="answer rises")
        return await self.renew(database)

    async def renew(self, database: Database) -> bool:
        """Heartbeat, and take or keep the lease; a database that fails means: stop sending."""
        asked = time.monotonic()
        try:
            async with database.transaction() as session:
                now, peak = utcnow(), self.answer_peak()
                await beat(session, self.me, now, peak)
                held = await acquire_lease(session, SENDING, self.me, now, self.duration)
                self.others = await others_answering(session, self.me, now, self.duration)
            self.told, self.read_at = peak, asked
        except Exception as error:  # the next beat tries again; meanwhile the deadline runs out
            if not self.beat_failed:  # one line when it goes (not one a beat all night), one when back
                log.warning("heartbeat of instance %s failed: %s", self.me.id, one_line(error))  # no SQL
                self.beat_failed, self.failed_at = True, asked
            return self.held()
        if self.beat_failed:
            lasted = asked - self.failed_at
            log.warning("instance %s writes its heartbeat again, after %d s", self.me.id, lasted)
            self.beat_failed = False
        self.deadline = asked + self.duration.total_seconds() - self.margin if held else 0.0
        if held != self.was_held:
            log.info("instance %s %s", self.me.id, "now sends" if held else "leaves sending to another")
            self.was_held = held
        return held

    async def stop(self, database: Database) -> None:
        """A clean stop: gone at once, the lease handed over without waiting for it to expire."""
        self.deadline = 0.0
        if self.watch is not None:
            self.watch.cancel()
        async with database.transaction() as session:
            await leave(session, self.me, utcnow())
