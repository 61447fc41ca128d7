"""A send whose outcome cannot be recorded as it happens: the row is never sent twice, and never left
'sending' for ever.

Taken over: the sending instance freezes mid-send (a paused VM) longer than its lease; another takes
it for gone and settles its claim as uncertain; when it wakes, its send times out and its outcome
must not write over the row (a failure would put it back as pending: sent a second time). The
database away: a send went out but its outcome could not be written; the run waits for the database
and records it, so the broadcast finishes and its author gets the report. Announcement deliveries,
outbox notifications and reminders alike: one rule, in ``models.outbox`` and the pipeline.
"""

from __future__ import annotations

from contextlib import asynccontextmanager, suppress
from datetime import timedelta

import pytest
from sqlmodel import select
from telegram.error import TimedOut

from bot.delivery.announcements import deliver_announcements
from bot.delivery.notifications import deliver_notifications
from bot.delivery.pipeline import SendingPaused, SendPipeline, Stopping
from bot.delivery.reminders import sweep_reminders
from models.announcements import settle_interrupted
from models.clock import utcnow
from models.label.reminder_queue import settle_interrupted_reminders
from models.outbox import settle_interrupted_notifications
from models.tables import DeliveryStatus, SentReminder
from tests.conversations.test_broadcast import approved_announcement
from tests.conversations.test_delivery_pipeline import (  # noqa: F401 (fixtures)
    COMMITTEE_ID,
    audience,
    committee,
    delivery_of,
    news,
    notification_of,
    received,
)
from tests.harness import BotHarness

LEASE = timedelta(seconds=4)
UNCERTAIN_LINE = "Incertaines\u00a0: 1 — l’envoi a été interrompu (redémarrage du bot)\u00a0; rien n’est renvoyé, pour que personne ne reçoive l’annonce deux fois"
REPORT_LINE = "Annonce envoyée\u00a0:"


def after_the_send_to(harness: BotHarness, monkeypatch, chat_id: int, then) -> None:
    """Once, right after Telegram accepted a message to ``chat_id``, ``then()`` runs (it may raise)."""
    respond, done = harness.fake.respond, []

    async def answer(method, params, files=None, **kwargs):
        result = await respond(method, params, files, **kwargs)
        if not done and method.lower().startswith("send") and params.get("chat_id") == chat_id:
            done.append(method)
            await then()
        return result

    monkeypatch.setattr(harness.fake, "respond", answer)


def frozen_then_taken_over(harness: BotHarness, monkeypatch, chat_id: int, settle_as_gone) -> None:
    """The instance freezes while its message to ``chat_id`` is in flight; another instance, seeing its
    heartbeat stale, settles its claims (``settle_as_gone``); it wakes up to a timeout."""

    async def taken_over() -> None:
        async with harness.database.transaction() as session:
            assert await settle_as_gone(session, utcnow() + timedelta(minutes=1), LEASE) == 1
        raise TimedOut("Timed out")

    after_the_send_to(harness, monkeypatch, chat_id, taken_over)


async def test_a_delivery_taken_over_while_frozen_stays_uncertain_and_is_sent_once(
    harness,
    audience,  # noqa: F811
    monkeypatch,
):
    announcement_id = await approved_announcement(harness.database)

    async def settle_as_gone(session, now, lease):
        return await settle_interrupted(session, announcement_id, now, lease)

    frozen_then_taken_over(harness, monkeypatch, 50001, settle_as_gone)
    with pytest.raises(SendingPaused):  # it finds its claim settled: another instance sends now
        await deliver_announcements(harness.application)
    assert received(harness.fake, 50002) == 0  # it stopped there
    await deliver_announcements(harness.application)  # the instance that took over goes on
    assert [received(harness.fake, u) for u in range(50000, 50003)] == [1, 1, 1]
    assert (await delivery_of(harness, 50001)).status == DeliveryStatus.UNCERTAIN
    assert UNCERTAIN_LINE in audience.last_text


async def test_a_notification_taken_over_while_frozen_stays_uncertain_and_is_sent_once(
    harness,
    news,  # noqa: F811
    monkeypatch,
):
    frozen_then_taken_over(harness, monkeypatch, 1401, settle_interrupted_notifications)
    with suppress(SendingPaused):
        await deliver_notifications(harness.application)
    await deliver_notifications(harness.application)
    assert received(harness.fake, 1401) == 1 and received(harness.fake, 1402) == 1
    notification = await notification_of(harness, 1401)
    assert (notification.status, notification.attempts) == (DeliveryStatus.UNCERTAIN, 0)


async def test_a_reminder_taken_over_while_frozen_is_never_handed_over_again(committee, monkeypatch):  # noqa: F811
    frozen_then_taken_over(committee, monkeypatch, COMMITTEE_ID, settle_interrupted_reminders)
    with suppress(SendingPaused):
        await sweep_reminders(committee.application)
    await sweep_reminders(committee.application)  # a failure would have removed the row: handed over again
    await sweep_reminders(committee.application)
    assert received(committee.fake, COMMITTEE_ID) == 1
    async with committee.database.transaction() as session:
        assert (await session.exec(select(SentReminder.status))).all() == [DeliveryStatus.UNCERTAIN]


class DatabaseAway:
    """The database stops answering right after a send, and answers again once the pipeline has waited
    ``waits`` times for it (its waits are counted, not spent)."""

    def __init__(self, harness: BotHarness, monkeypatch, waits: int = 2) -> None:
        self.away, self.waited, self.waits = False, 0, waits
        transaction = harness.database.transaction

        @asynccontextmanager
        async def unless_away():
            if self.away:
                raise ConnectionRefusedError(111, "Connect call failed ('127.0.0.1', 5432)")
            async with transaction() as session:
                yield session

        monkeypatch.setattr(harness.database, "transaction", unless_away)
        self.pipeline = SendPipeline(harness.application.bot, harness.database, sleep=self.sleep)

    async def go_away(self) -> None:
        self.away = True

    async def sleep(self, seconds: float) -> None:
        self.waited += 1
        if self.waited == self.waits:
            self.away = False


async def test_a_delivery_sent_while_the_database_goes_away_is_recorded_once_it_is_back(
    harness,
    audience,  # noqa: F811
    monkeypatch,
):
    await approved_announcement(harness.database)
    outage = DatabaseAway(harness, monkeypatch)
    after_the_send_to(harness, monkeypatch, 50001, outage.go_away)
    await deliver_announcements(harness.application, outage.pipeline)  # it waits, then finishes
    assert outage.waited == 2
    assert (await delivery_of(harness, 50001)).status == DeliveryStatus.SENT
    assert [received(harness.fake, u) for u in range(50000, 50003)] == [1, 1, 1]
    assert REPORT_LINE in audience.last_text  # « Annonce envoyée », its figures: the broadcast is done
    assert "Incertaines" not in audience.last_text


async def test_a_notification_sent_while_the_database_goes_away_is_recorded_once_it_is_back(
    harness,
    news,  # noqa: F811
    monkeypatch,
):
    outage = DatabaseAway(harness, monkeypatch)
    after_the_send_to(harness, monkeypatch, 1401, outage.go_away)
    assert await deliver_notifications(harness.application, outage.pipeline) == 2
    assert await deliver_notifications(harness.application, outage.pipeline) == 0
    assert received(harness.fake, 1401) == 1
    assert (await notification_of(harness, 1401)).status == DeliveryStatus.SENT


async def test_a_reminder_sent_while_the_database_goes_away_is_recorded_once_it_is_back(
    committee,  # noqa: F811
    monkeypatch,
):
    outage = DatabaseAway(committee, monkeypatch)
    after_the_send_to(committee, monkeypatch, COMMITTEE_ID, outage.go_away)
    assert await sweep_reminders(committee.application, pipeline=outage.pipeline) == 1
    assert await sweep_reminders(committee.application, pipeline=outage.pipeline) == 0
    assert received(committee.fake, COMMITTEE_ID) == 1


async def test_stopped_while_the_database_is_away_the_send_ends_uncertain_never_repeated(
    harness,
    audience,  # noqa: F811
    monkeypatch,
):
    await approved_announcement(harness.database)
    outage = DatabaseAway(harness, monkeypatch, waits=99)

    async def stopped(seconds: float) -> None:
        raise Stopping("the bot is stopping")

    outage.pipeline.sleep = stopped
    after_the_send_to(harness, monkeypatch, 50001, outage.go_away)
    with pytest.raises(Stopping):
        await deliver_announcements(harness.application, outage.pipeline)
    outage.away = False
    await harness.restart()  # another instance id: the claim of the stopped one is settled as uncertain
    await deliver_announcements(harness.application)
    assert [received(harness.fake, u) for u in range(50000, 50003)] == [1, 1, 1]
    assert (await delivery_of(harness, 50001)).status == DeliveryStatus.UNCERTAIN
    assert UNCERTAIN_LINE in audience.last_text
