"""A claim given back while the database is away: nothing reached Telegram, so the row must go back to
pending once the database answers, not stay 'sending' (a live instance's claim nobody settles, then
« uncertain » after a restart: a message never sent, never sent).

The lease lost after a 429's wait, the give-back is asked again as an outcome is; the bot stopping
during the wait, it is asked again a few seconds (the stop's grace), then left.
"""

from __future__ import annotations

from contextlib import asynccontextmanager

import pytest

import bot.delivery.pipeline as pipeline_module
from bot.delivery.announcements import deliver_announcements
from bot.delivery.pipeline import SendingPaused, SendPipeline, Stopping
from models.tables import DeliveryStatus
from tests.conversations.test_broadcast import approved_announcement
from tests.conversations.test_delivery_pipeline import audience, delivery_of, received  # noqa: F401


class Outage:
    """The database refuses the next ``failures`` transactions; the pipeline's waits are counted, not spent."""

    def __init__(self, harness, monkeypatch) -> None:
        self.failures, self.waited, self.stopped = 0, 0, False
        transaction = harness.database.transaction

        @asynccontextmanager
        async def unless_away():
            if self.failures:
                self.failures -= 1
                raise ConnectionRefusedError(111, "Connect call failed ('127.0.0.1', 5432)")
            async with transaction() as session:
                yield session

        monkeypatch.setattr(harness.database, "transaction", unless_away)
        self.pipeline = SendPipeline(
            harness.application.bot, harness.database, sleep=self.sleep, stopping=lambda: self.stopped
        )

    async def sleep(self, seconds: float) -> None:
        self.waited += 1


def too_many_requests_for(harness, chat_id: int) -> None:
    harness.fake.fail_next(
        "sendMessage", 429, "Too Many Requests: retry after 7", retry_after=7, chat_id=chat_id
    )


async def test_a_claim_given_back_after_the_lease_went_waits_for_the_database(
    harness,
    audience,  # noqa: F811
    monkeypatch,
):
    too_many_requests_for(harness, 50001)
    await approved_announcement(harness.database)
    outage = Outage(harness, monkeypatch)
    # held for 50000 and 50001 (asked before the claim and before the send); gone after 50001's 429, the
    # database with it
    lease = iter([True] * 4 + [False])

    async def permit() -> bool:
        held = next(lease, True)
        if not held:
            outage.failures = 3
        return held

    outage.pipeline.permit = permit
    with pytest.raises(SendingPaused):
        await deliver_announcements(harness.application, outage.pipeline)
    assert outage.failures == 0 and outage.waited == 1 + 3  # the 429's wait, then the give-back's
    assert (await delivery_of(harness, 50001)).status == DeliveryStatus.PENDING
    await harness.restart()
    await deliver_announcements(harness.application)
    assert received(harness.fake, 50001) == 1
    assert (await delivery_of(harness, 50001)).status == DeliveryStatus.SENT


async def test_a_claim_given_back_as_the_bot_stops_waits_a_little_for_the_database(
    harness,
    audience,  # noqa: F811
    monkeypatch,
):
    monkeypatch.setattr(pipeline_module, "STOP_RETRY_SECONDS", 0.01)
    too_many_requests_for(harness, 50001)
    await approved_announcement(harness.database)
    outage = Outage(harness, monkeypatch)

    async def stopped_during_the_wait(seconds: float) -> None:
        outage.stopped, outage.failures = True, 3  # the bot stops during the 429's wait, the database away
        raise Stopping("the bot is stopping")

    outage.pipeline.sleep = stopped_during_the_wait
    with pytest.raises(Stopping):
        await deliver_announcements(harness.application, outage.pipeline)
    assert outage.failures == 0
    assert (await delivery_of(harness, 50001)).status == DeliveryStatus.PENDING
    await harness.restart()
    await deliver_announcements(harness.application)
    assert received(harness.fake, 50001) == 1
    assert (await delivery_of(harness, 50001)).status == DeliveryStatus.SENT


async def test_a_stop_waits_for_the_database_a_few_seconds_at_most(
    harness,
    audience,  # noqa: F811
    monkeypatch,
):
    monkeypatch.setattr(pipeline_module, "STOP_RETRY_SECONDS", 0.01)
    too_many_requests_for(harness, 50001)
    await approved_announcement(harness.database)
    outage = Outage(harness, monkeypatch)
    outage.pipeline.grace = 0.045  # 4 waits of 0.01

    async def stopped_during_the_wait(seconds: float) -> None:
        outage.stopped, outage.failures = True, 1000  # away for good
        raise Stopping("the bot is stopping")

    outage.pipeline.sleep = stopped_during_the_wait
    with pytest.raises(Stopping):
        await deliver_announcements(harness.application, outage.pipeline)
    assert 1000 - outage.failures == 5  # the give-back and 4 tries again: the stop is not held for ever
