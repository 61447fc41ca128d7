"""Telegram's two limits held by the bot's own sends: one message a second in any one chat (the
others going first), and 30 a second for the whole bot, the other instances' answers included as
soon as they rise, not at the next heartbeat."""

from __future__ import annotations

import asyncio
import logging
import time
from types import SimpleNamespace

import pytest

import bot.delivery.lease as lease_module
from bot.delivery.lease import SendingLease
from bot.delivery.pacer import ChatGaps, SlidingWindowPacer
from bot.delivery.pipeline import Outgoing, SendPipeline
from models.db import Database
from models.operations.instances import InstanceId
from models.tables import DeliveryStatus
from tests.databases import database_url
from tests.unit.test_delivery import FakeTime


@pytest.fixture
async def database(tmp_path):
    db = Database(database_url(tmp_path, "pacing"))
    await db.upgrade()
    yield db
    await db.dispose()


async def test_a_chat_written_to_less_than_a_second_ago_waits_its_second_and_the_others_go_first():
    clock = FakeTime()
    chats = ChatGaps(1.0, clock=clock, sleep=clock.sleep)
    assert await chats.turn(1, "decision to 1")
    chats.sent(1)
    clock.now += 0.2
    assert not await chats.turn(1, "second decision to 1")  # set aside: no wait
    assert await chats.turn(2, "decision to 2") and clock.slept == []
    chats.sent(2)
    clock.now += 0.1
    assert await chats.turn(1, "second decision to 1")  # offered again: it waits for its second
    assert clock.slept == [pytest.approx(0.7)]
    chats.sent(1)
    assert not await chats.turn(1, "broadcast to 1")  # counted from the last send's answer
    clock.now += 1.0
    assert await chats.turn(1, "broadcast to 1") and clock.slept == [pytest.approx(0.7)]


async def test_a_chat_nothing_went_to_keeps_its_second_as_it_was():
    """The lease refused or the claim taken by another after ``turn``: nothing went out, so the chat is
    not held for a second from now (the next message to it would be set aside for nothing)."""
    clock = FakeTime()
    chats = ChatGaps(1.0, clock=clock, sleep=clock.sleep)
    assert await chats.turn(1, "decision to 1")
    chats.sent(1)
    clock.now += 0.4
    assert await chats.turn(2, "decision to 2")
    chats.release(2)  # never written to: free at once
    assert await chats.turn(2, "reminder to 2") and clock.slept == []
    clock.now += 0.7
    assert await chats.turn(1, "claimed by another")
    chats.release(1)
    assert await chats.turn(1, "broadcast to 1") and clock.slept == []  # a second after the decision
    chats.sent(1)
    assert not await chats.turn(1, "reminder to 1")  # a send made holds the chat its second


async def test_two_runs_waiting_for_one_chat_send_a_gap_apart():
    """The outbox's run and a sweep share the pipeline: each holds a send set aside for one chat, both
    wake at the end of its second; the first takes the chat, the other looks again and waits its gap."""
    chats = ChatGaps(0.3)
    assert await chats.turn(1, "first")
    chats.sent(1)
    assert not await chats.turn(1, "outbox's") and not await chats.turn(1, "sweep's")
    went: list[float] = []

    async def offer(message: str) -> None:
        assert await chats.turn(1, message)
        went.append(time.monotonic())
        await asyncio.sleep(0.01)  # the send's round trip
        chats.sent(1)

    await asyncio.gather(offer("outbox's"), offer("sweep's"))
    assert went[1] - went[0] >= 0.3


async def test_a_send_in_flight_holds_its_chat_until_its_answer():
    """A send answered 0.5 s after it left (a slow way): the next one to that chat goes a gap after that
    answer, not a gap after the first one left (Telegram may have received it at the last instant)."""
    chats = ChatGaps(0.2)
    assert await chats.turn(1, "slow")
    assert not await chats.turn(1, "next")

    async def answered() -> float:
        await asyncio.sleep(0.5)
        chats.sent(1)
        return chats.last[1]  # the answer's own stamp: a clock read after it would be a little late

    async def next_goes() -> float:
        assert await chats.turn(1, "next")
        return time.monotonic()

    answer, went = await asyncio.gather(answered(), next_goes())
    assert went - answer >= 0.2


class Taken:
    """A claim that is always free, told apart by its name (as a row's id tells claims apart)."""

    def __init__(self, name: str) -> None:
        self.name = name

    async def take(self, session) -> bool:
        return True

    async def give_back(self, session) -> None:
        pass

    async def settle(self, session, outcome, now) -> bool:
        return True


async def test_the_pipeline_sends_to_the_others_before_a_chat_it_just_wrote_to(database):
    """Two decisions for one member and one for another, delivered as the outbox does (a pass, then
    the rows still pending again): the other member's goes between, the member's two a second apart."""
    clock, arrived = FakeTime(), []

    def send(chat_id: int):
        async def call(bot, chat: int) -> None:
            arrived.append((chat, clock.now))

        return call

    pipeline = SendPipeline(None, database, pacer=SlidingWindowPacer(clock=clock, sleep=clock.sleep))
    pipeline.chats = ChatGaps(clock=clock, sleep=clock.sleep)
    pending = [Outgoing(7, Taken("a"), send(7), "a"), Outgoing(7, Taken("b"), send(7), "b")]
    pending.append(Outgoing(8, Taken("c"), send(8), "c"))
    while pending:  # what the callers do: go through the pending ones, then again through the rest
        pending = [message for message in pending if await pipeline.deliver(message) is None]
    assert [chat for chat, _at in arrived] == [7, 8, 7]
    assert arrived[2][1] - arrived[0][1] >= 1.0
    assert await pipeline.deliver(Outgoing(8, Taken("d"), send(8), "d")) is DeliveryStatus.SENT


class Lost(Taken):
    """A claim another run took first."""

    async def take(self, session) -> bool:
        return False


async def test_a_message_whose_claim_was_lost_does_not_hold_its_chat(database):
    """The outbox's run and a sweep offer one row: the loser sends nothing, so the next message to that
    chat goes at once, not set aside for a second."""
    clock, arrived = FakeTime(), []

    async def send(bot, chat: int) -> None:
        arrived.append((chat, clock.now))

    pipeline = SendPipeline(None, database, pacer=SlidingWindowPacer(clock=clock, sleep=clock.sleep))
    pipeline.chats = ChatGaps(clock=clock, sleep=clock.sleep)
    assert await pipeline.deliver(Outgoing(7, Lost("a"), send, "a")) is None
    assert await pipeline.deliver(Outgoing(7, Taken("b"), send, "b")) is DeliveryStatus.SENT
    assert arrived == [(7, 100.0)] and clock.slept == []


async def test_a_rise_of_another_instances_answers_reaches_the_sender_without_waiting_for_a_heartbeat(
    database,
):
    """People start writing to the instance that does not send: its peak is written as it rises, and
    the sender, sending, reads it again within a fraction of a second (no heartbeat runs here)."""
    me, other = SendingLease(InstanceId(), 20), SendingLease(InstanceId(), 20)
    peak = [0]
    other.answer_peak = lambda: peak[0]
    try:
        assert await me.start(database)
        assert not await other.start(database)
        assert await me.renew(database) and me.others == 0  # the other is alive, answering nobody
        peak[0] = 8  # 8 people answered in one second over there
        for _ in range(200):  # generous for a loaded machine: the heartbeat alone would never come here
            await asyncio.sleep(0.05)
            assert await me.may_send(database)
            if me.others == 8:
                break
        assert me.others == 8
        pacer = SlidingWindowPacer()
        pacer.reserve_for(me.others)
        assert pacer.limit - pacer.reserved + 8 <= 30  # the sender's pace leaves room for them
    finally:
        await other.stop(database)
        await me.stop(database)


async def test_a_rise_of_answers_during_an_outage_is_left_to_the_heartbeat(tmp_path, caplog, monkeypatch):
    """The database away while this instance keeps answering (apologies): its rise is not written again
    every 0.1 s, a connection attempt and a warning each time; one warning, the heartbeat asks again."""
    gone = Database(f"sqlite:///{tmp_path / 'no-such-folder' / 'gone.sqlite3'}")
    lease = SendingLease(InstanceId(), 20)
    lease.answer_peak = lambda: 3
    caplog.set_level(logging.WARNING, logger="qualicoop.instances")
    looks = []

    async def a_second_of_looks(seconds: float) -> None:  # counted, not spent: ten looks, then it ends
        if len(looks) == 10:
            raise asyncio.CancelledError
        looks.append(seconds)

    monkeypatch.setattr(lease_module, "asyncio", SimpleNamespace(sleep=a_second_of_looks))
    with pytest.raises(asyncio.CancelledError):
        await lease.tell_rises(gone)
    assert looks == [lease_module.REPORT_EVERY] * 10
    assert len([r for r in caplog.records if "heartbeat" in r.getMessage()]) == 1


async def test_the_watch_of_answer_rises_outlives_a_failure_of_its_own(database, caplog):
    """Reading this instance's peak fails once (a bug): logged once, and the next rise is still told."""
    me, other = SendingLease(InstanceId(), 20), SendingLease(InstanceId(), 20)
    peaks = iter([RuntimeError("peak unread"), RuntimeError("peak unread"), 0])

    def peak() -> int:
        value = next(peaks, 4)
        if isinstance(value, Exception):
            raise value
        return value

    try:
        assert await me.start(database)
        assert not await other.start(database)
        other.answer_peak = peak
        for _ in range(100):
            await asyncio.sleep(0.05)
            await me.read_others(database)
            if me.others == 4:
                break
        assert me.others == 4 and not other.watch.done()
        assert len([r for r in caplog.records if "could not tell a rise" in r.getMessage()]) == 1
    finally:
        await other.stop(database)
        await me.stop(database)
