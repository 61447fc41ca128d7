"""The one send pipeline, driven through the fake Telegram for each kind of message it sends.

For announcement deliveries, outbox notifications and checkpoint/committee reminders alike: a 403
blocks for good, a 429 is waited out then sent once, a network error is retried (then reported
failed, or released for a later sweep), and a crash after Telegram took the message is never
followed by a second copy. No test measures time: a 429's wait is recorded, not spent.
"""

from __future__ import annotations

import asyncio
from datetime import date, datetime, time

import pytest
from sqlmodel import select

from bot.delivery.announcements import deliver_announcements
from bot.delivery.notifications import deliver_notifications
from bot.delivery.pipeline import SendPipeline, Stopping, sleep_unless_stopping
from bot.delivery.reminders import sweep_reminders
from models.clock import PARIS
from models.dossier.current import current_dossier
from models.outbox import enqueue
from models.tables import (
    Delivery,
    DeliveryStatus,
    DossierStatus,
    FederationRoleName,
    Notification,
    SentReminder,
    User,
)
from models.users import grant_federation_role, touch_user
from tests.conftest import ADMIN_ID
from tests.conversations.test_broadcast import approved_announcement, seed_members
from tests.fakes import FakeTelegram
from tests.harness import BotHarness
from tests.sends import retries_due

DECISION = {"transition": "grant_label", "date": "2028-06-03", "cycle": 1, "comment": "Bravo"}
COMMITTEE_ID = 8000002
# the committee meets on Tuesday 2 March 2027: its 30-day reminder is due on 31 January from 9:00
REMINDER_DAY = datetime.combine(date(2027, 1, 31), time(10), tzinfo=PARIS)


class RecordedSleeps:
    """A 429's waits, recorded instead of spent."""

    def __init__(self) -> None:
        self.asked: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.asked.append(seconds)


def pipeline_of(harness: BotHarness, sleeps: RecordedSleeps) -> SendPipeline:
    """A pipeline like the application's, whose 429 waits are recorded."""
    return SendPipeline(harness.application.bot, harness.database, sleep=sleeps)


def attempts(fake: FakeTelegram, chat_id: int) -> int:
    """Every send tried to a chat, accepted or refused."""
    return sum(1 for c in fake.calls if c.method.startswith("send") and c.chat_id == chat_id)


def received(fake: FakeTelegram, chat_id: int) -> int:
    """The sends Telegram accepted for a chat."""
    return sum(1 for c in fake.calls if c.method.startswith("send") and c.ok and c.chat_id == chat_id)


def crash_after_telegram_accepts(monkeypatch, fake: FakeTelegram, chat_id: int) -> None:
    """The process dies once, right after Telegram took a message to ``chat_id``, before settling."""
    accept = fake.handle

    def handle(method, params, files=None):
        result = accept(method, params, files)
        if fake.calls[-1].chat_id == chat_id and method.lower().startswith("send"):
            monkeypatch.setattr(fake, "handle", accept)
            raise asyncio.CancelledError("killed while the send was in flight")
        return result

    monkeypatch.setattr(fake, "handle", handle)


async def is_active(harness: BotHarness, user_id: int) -> bool:
    """Whether the bot still writes to this person."""
    async with harness.database.transaction() as session:
        return (await session.get(User, user_id)).is_active


async def delivery_of(harness: BotHarness, user_id: int) -> Delivery:
    """The one delivery of one recipient."""
    async with harness.database.transaction() as session:
        return (await session.exec(select(Delivery).where(Delivery.user_id == user_id))).one()


async def notification_of(harness: BotHarness, user_id: int) -> Notification:
    """The one notification of one recipient."""
    async with harness.database.transaction() as session:
        return (await session.exec(select(Notification).where(Notification.user_id == user_id))).one()


# --- announcement deliveries ------------------------------------------------------------------------


@pytest.fixture
async def audience(harness):
    """Three members of a coop, and the federation admin who will read the report."""
    coop = await harness.add_coop("Coop Tuyau")
    await seed_members(harness.database, coop.member_token, range(50000, 50003))
    admin = harness.user(ADMIN_ID, language_code="fr")
    await admin.send("/start")
    return admin


async def test_announcement_to_a_blocked_member_is_blocked_once_and_reported(harness, audience):
    harness.fake.blocked_chats.add(50001)
    await approved_announcement(harness.database)
    await deliver_announcements(harness.application)
    assert (await delivery_of(harness, 50001)).status == DeliveryStatus.BLOCKED
    assert not await is_active(harness, 50001)
    assert "Ont bloqué le bot\u00a0: 1" in audience.last_text and "Distribuées\u00a0: 2" in audience.last_text
    await approved_announcement(harness.database, "Une deuxième annonce")
    await deliver_announcements(harness.application)
    assert attempts(harness.fake, 50001) == 1  # inactive: not even a recipient of the next one


async def test_announcement_held_by_flood_control_waits_then_goes_once(harness, audience):
    harness.fake.fail_next(
        "sendMessage", 429, "Too Many Requests: retry after 7", retry_after=7, chat_id=50002
    )
    sleeps = RecordedSleeps()
    await approved_announcement(harness.database)
    await deliver_announcements(harness.application, pipeline_of(harness, sleeps))
    assert sleeps.asked == [7.0]
    assert [received(harness.fake, u) for u in range(50000, 50003)] == [1, 1, 1]
    assert attempts(harness.fake, 50002) == 2
    delivery = await delivery_of(harness, 50002)
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.SENT, 0)


async def test_a_stop_during_flood_control_ends_the_run_and_the_next_one_sends_the_rest(harness, audience):
    # Telegram asks for half a minute; the bot is stopped (SIGTERM) a moment into that wait
    harness.fake.fail_next(
        "sendMessage", 429, "Too Many Requests: retry after 30", retry_after=30, chat_id=50001
    )
    stopped = asyncio.Event()
    stopping = stopped.is_set
    pipeline = SendPipeline(
        harness.application.bot, harness.database, stopping=stopping, sleep=sleep_unless_stopping(stopping)
    )
    await approved_announcement(harness.database)

    async def stop_during_the_wait() -> None:
        """SIGTERM a moment after Telegram asked to wait (not at a fixed time: a loaded machine)."""
        while attempts(harness.fake, 50001) == 0:
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.2)
        stopped.set()

    stopper = asyncio.create_task(stop_during_the_wait())
    with pytest.raises(Stopping):  # at once, not after the 30 s: the stop is not held by the wait
        await asyncio.wait_for(deliver_announcements(harness.application, pipeline), 10)
    await stopper
    assert [received(harness.fake, u) for u in range(50000, 50003)] == [1, 0, 0]
    assert (await delivery_of(harness, 50001)).status == DeliveryStatus.PENDING  # never sent: given back
    assert (await delivery_of(harness, 50002)).status == DeliveryStatus.PENDING
    await harness.restart()  # the next start sends the rest, once each
    await deliver_announcements(harness.application)
    assert [received(harness.fake, u) for u in range(50000, 50003)] == [1, 1, 1]
    assert "Distribuées\u00a0: 3" in audience.last_text and "Interrompus" not in audience.last_text


async def test_announcement_lost_in_the_network_is_tried_three_times_then_reported(harness, audience):
    harness.fake.fail_next("sendMessage", 502, "Bad Gateway", count=99, chat_id=50000)
    await approved_announcement(harness.database)
    await deliver_announcements(harness.application)
    while await retries_due(harness.database):  # each try a while after the last (RETRY_AFTER)
        await deliver_announcements(harness.application)
    delivery = await delivery_of(harness, 50000)
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.FAILED, 3)
    assert attempts(harness.fake, 50000) == 3 and received(harness.fake, 50000) == 0
    assert await is_active(harness, 50000)  # a network error says nothing about the person
    assert "En échec\u00a0: 1" in audience.last_text


async def test_announcement_crash_mid_send_is_uncertain_and_never_sent_twice(harness, audience, monkeypatch):
    crash_after_telegram_accepts(monkeypatch, harness.fake, 50001)
    announcement_id = await approved_announcement(harness.database)
    with pytest.raises(asyncio.CancelledError):
        await deliver_announcements(harness.application)
    assert (await delivery_of(harness, 50001)).status == DeliveryStatus.SENDING
    await harness.restart()
    await deliver_announcements(harness.application)
    assert [received(harness.fake, u) for u in range(50000, 50003)] == [1, 1, 1]
    assert (await delivery_of(harness, 50001)).status == DeliveryStatus.UNCERTAIN
    assert (
        "Incertaines\u00a0: 1 — l’envoi a été interrompu (redémarrage du bot)\u00a0; rien n’est renvoyé, pour que personne ne reçoive l’annonce deux fois"
        in audience.last_text
    )
    assert announcement_id


# --- outbox notifications --------------------------------------------------------------------------


@pytest.fixture
async def news(harness):
    """A decision to tell two members, enqueued in the outbox."""
    async with harness.database.transaction() as session:
        for user_id in (1401, 1402):
            await touch_user(session, user_id, first_name=f"M{user_id}", telegram_language="fr")
        await enqueue(session, [1401, 1402], "decision", DECISION)


async def test_notification_to_a_blocked_member_is_blocked_and_not_retried(harness, news):
    harness.fake.blocked_chats.add(1402)
    assert await deliver_notifications(harness.application) == 1
    assert await deliver_notifications(harness.application) == 0
    assert attempts(harness.fake, 1402) == 1
    assert (await notification_of(harness, 1402)).status == DeliveryStatus.BLOCKED
    assert not await is_active(harness, 1402) and await is_active(harness, 1401)


async def test_notification_held_by_flood_control_waits_then_goes_once(harness, news):
    harness.fake.fail_next(
        "sendMessage", 429, "Too Many Requests: retry after 3", retry_after=3, chat_id=1401
    )
    sleeps = RecordedSleeps()
    assert await deliver_notifications(harness.application, pipeline_of(harness, sleeps)) == 2
    assert sleeps.asked == [3.0]
    assert received(harness.fake, 1401) == 1
    notification = await notification_of(harness, 1401)
    assert (notification.status, notification.attempts) == (DeliveryStatus.SENT, 0)


async def test_notification_lost_in_the_network_is_tried_five_times_then_failed(harness, news):
    harness.fake.fail_next("sendMessage", 502, "Bad Gateway", count=99, chat_id=1401)
    assert await deliver_notifications(harness.application) == 1
    assert attempts(harness.fake, 1401) == 1  # the next try a while after (RETRY_AFTER), not at once
    while await retries_due(harness.database):
        assert await deliver_notifications(harness.application) == 0
    notification = await notification_of(harness, 1401)
    assert (notification.status, notification.attempts) == (DeliveryStatus.FAILED, 5)
    assert "Bad Gateway" in notification.error
    assert attempts(harness.fake, 1401) == 5 and await is_active(harness, 1401)
    assert await deliver_notifications(harness.application) == 0
    assert attempts(harness.fake, 1401) == 5  # failed for good: no sixth try


async def test_notification_crash_mid_send_is_uncertain_and_never_sent_twice(harness, news, monkeypatch):
    crash_after_telegram_accepts(monkeypatch, harness.fake, 1401)
    with pytest.raises(asyncio.CancelledError):
        await deliver_notifications(harness.application)
    await harness.restart()
    assert await deliver_notifications(harness.application) == 1  # the other member only
    assert received(harness.fake, 1401) == 1 and received(harness.fake, 1402) == 1
    assert (await notification_of(harness, 1401)).status == DeliveryStatus.UNCERTAIN


# --- reminders ---------------------------------------------------------------------------------------


class Clock:
    """The morning the committee's 30-day reminder is due."""

    now = REMINDER_DAY

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
async def committee(tmp_path):
    """A committee member with one dossier waiting, on the day the 30-day reminder is due."""
    bot = BotHarness(tmp_path, clock=Clock())
    await bot.start()
    invitations = await bot.add_coop("Coop Attente")
    async with bot.database.transaction() as session:
        await grant_federation_role(session, COMMITTEE_ID, FederationRoleName.COMMITTEE)
        await touch_user(session, COMMITTEE_ID, first_name="Claude", telegram_language="fr")
        dossier = await current_dossier(session, invitations.coop.id)
        dossier.status = DossierStatus.SUBMITTED
        session.add(dossier)
    yield bot
    await bot.stop()


async def reminder_rows(harness: BotHarness) -> int:
    """How many reminders are claimed (sent, refused, or in flight)."""
    async with harness.database.transaction() as session:
        return len((await session.exec(select(SentReminder))).all())


async def test_reminder_to_a_blocked_member_is_kept_and_not_retried(committee):
    committee.fake.blocked_chats.add(COMMITTEE_ID)
    assert await sweep_reminders(committee.application) == 0
    assert not await is_active(committee, COMMITTEE_ID)
    assert await reminder_rows(committee) == 1  # the claim stays: never written to again
    assert await sweep_reminders(committee.application) == 0
    assert attempts(committee.fake, COMMITTEE_ID) == 1


async def test_reminder_held_by_flood_control_waits_then_goes_once(committee):
    committee.fake.fail_next("sendMessage", 429, "Too Many Requests: retry after 2", retry_after=2)
    sleeps = RecordedSleeps()
    assert await sweep_reminders(committee.application, pipeline=pipeline_of(committee, sleeps)) == 1
    assert sleeps.asked == [2.0]
    assert await sweep_reminders(committee.application) == 0
    assert received(committee.fake, COMMITTEE_ID) == 1 and attempts(committee.fake, COMMITTEE_ID) == 2


async def test_reminder_lost_in_the_network_is_released_and_sent_by_a_later_sweep(committee):
    committee.fake.fail_next("sendMessage", 502, "Bad Gateway", count=2)
    assert await sweep_reminders(committee.application) == 0
    assert await reminder_rows(committee) == 0  # released: due again
    assert await sweep_reminders(committee.application) == 0
    assert await sweep_reminders(committee.application) == 1
    assert await sweep_reminders(committee.application) == 0
    assert received(committee.fake, COMMITTEE_ID) == 1 and attempts(committee.fake, COMMITTEE_ID) == 3
    assert await is_active(committee, COMMITTEE_ID)


async def test_reminder_crash_mid_send_is_never_sent_twice(committee, monkeypatch):
    crash_after_telegram_accepts(monkeypatch, committee.fake, COMMITTEE_ID)
    with pytest.raises(asyncio.CancelledError):
        await sweep_reminders(committee.application)
    await committee.restart()
    assert await sweep_reminders(committee.application) == 0
    assert received(committee.fake, COMMITTEE_ID) == 1 and await reminder_rows(committee) == 1
