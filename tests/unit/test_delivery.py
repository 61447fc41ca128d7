"""The pieces of the send pipeline on their own: the pacer on a fake clock, the order of the steps,
and claims that are conditional updates (two senders never both win one row)."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlmodel import select
from telegram.error import Forbidden, NetworkError, RetryAfter

from bot.delivery.lease import SendingLease
from bot.delivery.observed import PACED, ObservedSends
from bot.delivery.pacer import SlidingWindowPacer, Slot
from bot.delivery.pipeline import Outcome, Outgoing, SendPipeline
from models.announcements import claim_delivery, create_announcement, release_delivery
from models.clock import utcnow
from models.db import Database
from models.operations.instances import InstanceId, beat, register
from models.outbox import claim_notification, enqueue, release_notification, settle_interrupted_notifications
from models.tables import Delivery, DeliveryStatus, Notification, User
from models.users import touch_user
from tests.databases import database_url


class FakeTime:
    """A monotonic clock that only moves when someone sleeps."""

    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


async def test_the_pacer_never_lets_more_than_its_limit_into_any_window():
    clock = FakeTime()
    pacer = SlidingWindowPacer(limit=3, window=1.0, clock=clock, sleep=clock.sleep)
    stamps = []
    for _ in range(7):
        await pacer.wait()
        stamps.append(clock.now)
        clock.now += 0.1  # the send itself
    assert stamps == pytest.approx([100.0, 100.1, 100.2, 101.0, 101.1, 101.2, 102.0])
    assert all(sum(1 for s in stamps if start <= s < start + 1.0) <= 3 for start in stamps)


async def test_the_pacer_counts_a_send_when_it_goes_not_when_it_was_first_asked_for():
    clock = FakeTime()
    pacer = SlidingWindowPacer(limit=2, window=1.0, clock=clock, sleep=clock.sleep)
    await pacer.wait()
    clock.now += 5.0  # a long pause (a PDF, an idle spell) before the next send
    await pacer.wait()
    await pacer.wait()
    assert list(pacer.sent) == [105.0, 105.0] and clock.slept == []
    await pacer.wait()
    assert clock.slept == [1.0]


class Journal:
    """A claim and a pacer that write down what the pipeline asks of them, in order."""

    def __init__(self, *, free: bool = True) -> None:
        self.steps: list[str] = []
        self.free = free

    async def take(self, session) -> bool:
        self.steps.append("take")
        return self.free

    async def give_back(self, session) -> None:
        self.steps.append("give back")

    async def settle(self, session, outcome: Outcome, now) -> bool:
        self.steps.append(f"settle {outcome.status.value}")
        return True

    async def reserve(self) -> Slot:
        self.steps.append("pace")
        return Slot(0.0, flying=False)


@pytest.fixture
async def database(tmp_path):
    db = Database(database_url(tmp_path, "delivery"))
    await db.upgrade()
    yield db
    await db.dispose()


def journalled(database: Database, journal: Journal, *answers) -> tuple[SendPipeline, Outgoing]:
    """A pipeline whose sends answer, in turn, each of ``answers`` (an exception, or success)."""
    replies = list(answers)

    async def send(bot, chat_id: int) -> None:
        journal.steps.append("send")
        reply = replies.pop(0)
        if isinstance(reply, BaseException):
            raise reply

    async def sleep(seconds: float) -> None:
        journal.steps.append(f"sleep {seconds:g}")

    pipeline = SendPipeline(None, database, pacer=journal, sleep=sleep)
    return pipeline, Outgoing(4242, journal, send, "test message")


@pytest.mark.parametrize(
    ("answers", "status", "steps"),
    [
        ((None,), DeliveryStatus.SENT, ["take", "pace", "send", "settle sent"]),
        ((Forbidden("blocked"),), DeliveryStatus.BLOCKED, ["take", "pace", "send", "settle blocked"]),
        ((NetworkError("reset"),), DeliveryStatus.FAILED, ["take", "pace", "send", "settle failed"]),
        (
            (RetryAfter(5), None),
            DeliveryStatus.SENT,
            ["take", "pace", "send", "sleep 5", "pace", "send", "settle sent"],
        ),
    ],
)
async def test_each_answer_of_telegram_is_settled_once_after_a_paced_send(database, answers, status, steps):
    journal = Journal()
    pipeline, message = journalled(database, journal, *answers)
    assert await pipeline.deliver(message) == status
    assert journal.steps == steps


async def test_a_message_claimed_elsewhere_is_neither_paced_nor_sent(database):
    journal = Journal(free=False)
    pipeline, message = journalled(database, journal, None)
    assert await pipeline.deliver(message) is None
    assert journal.steps == ["take"]


async def test_a_crash_while_the_call_is_in_flight_leaves_the_claim_unsettled(database):
    journal = Journal()
    pipeline, message = journalled(database, journal, asyncio.CancelledError("killed"))
    with pytest.raises(asyncio.CancelledError):
        await pipeline.deliver(message)
    assert journal.steps == ["take", "pace", "send"]  # no settle, no give back: maybe received


async def test_a_stop_while_waiting_gives_the_claim_back(database):
    journal = Journal()
    pipeline, message = journalled(database, journal, RetryAfter(5))

    async def killed(seconds: float) -> None:
        raise asyncio.CancelledError("stopped while waiting out a 429")

    pipeline.sleep = killed
    with pytest.raises(asyncio.CancelledError):
        await pipeline.deliver(message)
    assert journal.steps == ["take", "pace", "send", "give back"]


async def test_a_blocked_person_is_marked_inactive_in_the_settling_transaction(database):
    async with database.transaction() as session:
        await touch_user(session, 4242, first_name="Bloc")
    pipeline, message = journalled(database, Journal(), Forbidden("blocked"))
    await pipeline.deliver(message)
    async with database.transaction() as session:
        assert (await session.get(User, 4242)).is_active is False


async def test_two_senders_reading_the_same_pending_rows_claim_each_once(database):
    first_instance, second_instance, now = InstanceId(), InstanceId(), utcnow()
    async with database.transaction() as session:
        await touch_user(session, 77, first_name="Lou")
        await enqueue(session, [77], "decision", {})
        announcement = await create_announcement(session, 1, "Réunion")
        session.add(Delivery(announcement_id=announcement.id, user_id=77))
    async with database.transaction() as first, database.transaction() as second:
        # both saw the rows pending; the first to claim wins, the other's update matches nothing
        notification = (await second.exec(select(Notification))).one()
        delivery = (await second.exec(select(Delivery))).one()
        assert notification.status == delivery.status == DeliveryStatus.PENDING
        assert await claim_notification(first, notification.id, first_instance, now)
        assert await claim_delivery(first, delivery.id, first_instance, now)
        await first.commit()
        assert not await claim_notification(second, notification.id, second_instance, now)
        assert not await claim_delivery(second, delivery.id, second_instance, now)
    async with database.transaction() as session:
        assert (await session.get(Notification, notification.id)).claimed_by == first_instance.id
        assert not await release_notification(session, notification.id, second_instance)  # not its claim
        assert await release_notification(session, notification.id, first_instance)
        assert await release_delivery(session, delivery.id, first_instance)
        assert not await release_delivery(session, delivery.id, first_instance)  # only a claimed row
        assert await claim_notification(session, notification.id, first_instance, now)


async def test_only_the_claims_of_an_instance_that_is_gone_are_settled_as_uncertain(database):
    alive, killed, now = InstanceId(), InstanceId(), utcnow()
    lease = timedelta(seconds=20)
    async with database.transaction() as session:
        await register(session, alive, now - timedelta(seconds=60))
        await register(session, killed, now - timedelta(seconds=60))
        await enqueue(session, [77, 78], "decision", {})
        first, second = (await session.exec(select(Notification).order_by(Notification.id))).all()
        await claim_notification(session, first.id, alive, now)
        await claim_notification(session, second.id, killed, now)
        await beat(session, alive, now - timedelta(seconds=5))  # the killed one stopped beating a minute ago
    async with database.transaction() as session:
        assert await settle_interrupted_notifications(session, now, lease) == 1
        statuses = [
            n.status for n in (await session.exec(select(Notification).order_by(Notification.id))).all()
        ]
        assert statuses == [DeliveryStatus.SENDING, DeliveryStatus.UNCERTAIN]  # the live one still sends
        assert not await claim_notification(session, second.id, alive, now)  # uncertain is never resent
    async with database.transaction() as session:  # later, the first one is gone too (no goodbye)
        assert await settle_interrupted_notifications(session, now + timedelta(seconds=30), lease) == 1


async def test_a_send_in_flight_counts_until_its_answer_so_the_server_never_sees_one_too_many():
    clock = FakeTime()
    pacer = SlidingWindowPacer(limit=2, window=1.0, clock=clock, sleep=clock.sleep)
    arrived = []
    for _ in range(5):
        slot = await pacer.reserve()
        start = clock.now
        clock.now += 0.3  # the request's way: it reaches the server at some point of it
        arrived.append(start + (0.3 if not arrived else 0.0))  # the first one late, the others early
        slot.done()
    # whatever the way's delays, no window of 1 s at the server holds more than 2 sends
    assert all(sum(1 for a in arrived if start <= a < start + 1.0) <= 2 for start in arrived)


async def test_answers_sent_outside_the_pace_count_in_its_window_and_the_reserve_is_kept_back():
    clock = FakeTime()
    pacer = SlidingWindowPacer(limit=4, window=1.0, clock=clock, sleep=clock.sleep, reserved=1)
    pacer.note().done()  # a conversation's answer, just sent
    pacer.note().done()
    await pacer.wait()  # 2 answers + 1 own send = 3 = the limit less the reserve
    assert clock.slept == []
    await pacer.wait()  # the next own send waits until the first answer leaves the window
    assert clock.slept == [1.0]
    pacer.reserved = 0  # alone: the whole limit
    await pacer.wait()
    assert clock.slept == [1.0]


class Calls:
    """A Bot API request as PTB hands it to its rate limiter."""

    def __init__(self) -> None:
        self.made: list[str] = []

    def request(self, endpoint: str):
        async def callback(*args, **kwargs):
            self.made.append(endpoint)
            return True

        return callback


async def test_the_rate_limiter_counts_answers_but_not_the_pipelines_own_sends_nor_edits():
    pacer = SlidingWindowPacer(limit=30)
    limiter = ObservedSends(pacer)
    calls = Calls()
    for endpoint in (
        "sendMessage",
        "editMessageText",
        "sendChatAction",
        "sendDocument",
        "answerCallbackQuery",
    ):
        await limiter.process_request(calls.request(endpoint), (), {}, endpoint, {}, None)
    assert len(pacer.slots) == 2 and not any(slot.flying for slot in pacer.slots)
    paced = PACED.set(True)  # the pipeline's send holds its own slot already
    try:
        await limiter.process_request(calls.request("sendMessage"), (), {}, "sendMessage", {}, None)
    finally:
        PACED.reset(paced)
    assert len(pacer.slots) == 2
    assert calls.made == [
        "sendMessage",
        "editMessageText",
        "sendChatAction",
        "sendDocument",
        "answerCallbackQuery",
        "sendMessage",
    ]


def test_an_instance_reports_the_most_answers_it_sent_in_one_second_lately():
    clock = FakeTime()
    pacer = SlidingWindowPacer(limit=30, window=1.0, clock=clock, sleep=clock.sleep)
    assert pacer.answer_peak() == 0
    for at in (0.0, 0.1, 0.2, 0.9, 1.5, 1.6, 3.0):  # four within one second: 0.0 … 0.9
        clock.now = 100.0 + at
        pacer.note().done()
    assert pacer.answer_peak() == 4
    clock.now = 100.0 + 19.5  # the burst is still recent
    assert pacer.answer_peak() == 4
    clock.now = 100.0 + 21.0  # the burst gone from what is reported: 1.5 and 1.6 remain
    assert pacer.answer_peak() == 2
    pacer.reserve_for(None)
    assert pacer.reserved == 0  # alone: nothing kept back
    pacer.reserve_for(8)
    assert pacer.reserved == 10  # their answers and a margin
    pacer.reserve_for(500)
    assert pacer.reserved == 20  # a broadcast still goes on


async def test_the_sending_instance_keeps_back_what_the_others_answer(tmp_path):
    """Another instance answering 8 people a second: the sender's own sends leave room for them, so
    that both together stay within Telegram's 30 a second."""
    database = Database(database_url(tmp_path))
    await database.upgrade()
    try:
        me, other = SendingLease(InstanceId(), 20), SendingLease(InstanceId(), 20)
        other.answer_peak = lambda: 8
        assert await me.start(database)
        await other.start(database)
        await me.renew(database)
        assert me.others == 8
        clock = FakeTime()
        pacer = SlidingWindowPacer(limit=30, window=1.0, clock=clock, sleep=clock.sleep)
        pacer.reserve_for(me.others)
        sent = []
        for _ in range(60):
            await pacer.wait()
            sent.append(clock())
        busiest = max(sum(1 for t in sent if start <= t < start + 1.0) for start in sent)
        assert busiest == 20 and busiest + 8 <= 30  # with the other's 8: within the limit
    finally:
        await database.dispose()


async def test_a_lease_knows_whether_another_instance_is_alive(tmp_path):
    database = Database(database_url(tmp_path))
    await database.upgrade()
    try:
        me, other = SendingLease(InstanceId(), 20), SendingLease(InstanceId(), 20)
        assert await me.start(database) and me.others_alive is False
        await other.start(database)
        await me.renew(database)
        assert me.others_alive is True
        await other.stop(database)
        await me.renew(database)
        assert me.others_alive is False
    finally:
        await database.dispose()
