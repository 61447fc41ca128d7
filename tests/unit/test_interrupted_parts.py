"""A part of an /export bundle whose sender is gone mid-send (killed, frozen) is pending again, counted as
a try, while any other news so cut short stays « uncertain » (maybe received, never resent): a ZIP part
received twice harms nobody, one missing loses its files (the PDF with the first). One conditional
update does it: a second instance settling the same claims finds nothing left, and a claim of a live
instance is left alone. A part cut short at its last try is uncertain too, so that a part that kills
its sender (memory) does not kill every start after it.

Before, every kind was settled as uncertain: the part cut short was never sent, and nobody was told.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from models.clock import utcnow
from models.db import Database
from models.operations.instances import InstanceId, beat, register
from models.outbox import (
    BUNDLE_PART,
    MAX_ATTEMPTS,
    claim_notification,
    enqueue,
    resend_interrupted_parts,
    settle_interrupted_notifications,
)
from models.tables import DeliveryStatus, Notification
from tests.databases import database_url

LEASE = timedelta(seconds=20)


@pytest.fixture
async def database(tmp_path):
    db = Database(database_url(tmp_path, "parts"))
    await db.upgrade()
    yield db
    await db.dispose()


async def rows(session) -> list[tuple[str, DeliveryStatus, int, str | None]]:
    """Every notification, in order: its kind, status, tries, and who claims it."""
    found = await session.exec(select(Notification).order_by(Notification.id))
    return [(n.kind, DeliveryStatus(n.status), n.attempts, n.claimed_by) for n in found.all()]


async def test_a_part_cut_short_is_sent_again_other_news_stays_uncertain(database):
    alive, killed, now = InstanceId(), InstanceId(), utcnow()
    async with database.transaction() as session:
        await register(session, alive, now - timedelta(seconds=60))
        await register(session, killed, now - timedelta(seconds=60))
        await enqueue(session, [77], BUNDLE_PART, {"part": 1})
        await enqueue(session, [77], BUNDLE_PART, {"part": 2})
        await enqueue(session, [78], "decision", {})
        await enqueue(session, [79], BUNDLE_PART, {"part": 1})
        part, _waiting, news, other = (
            await session.exec(select(Notification).order_by(Notification.id))
        ).all()
        for row in (part, news):
            assert await claim_notification(session, row.id, killed, now)
        assert await claim_notification(session, other.id, alive, now)
        await beat(session, alive, now - timedelta(seconds=5))  # the killed one stopped beating a minute ago
    async with database.transaction() as session:
        assert await resend_interrupted_parts(session, now, LEASE) == 1
        assert await settle_interrupted_notifications(session, now, LEASE) == 1
    second = InstanceId()  # another instance settles the same claims after: nothing left
    async with database.transaction() as session:
        assert await resend_interrupted_parts(session, now, LEASE) == 0
        assert await settle_interrupted_notifications(session, now, LEASE) == 0
        assert await rows(session) == [
            (BUNDLE_PART, DeliveryStatus.PENDING, 1, None),  # sent again, before part 2
            (BUNDLE_PART, DeliveryStatus.PENDING, 0, None),
            ("decision", DeliveryStatus.UNCERTAIN, 0, killed.id),
            (BUNDLE_PART, DeliveryStatus.SENDING, 0, alive.id),  # the live instance still sends it
        ]
        assert await claim_notification(session, part.id, second, now)
        assert not await claim_notification(session, part.id, alive, now)  # one claim wins


async def test_a_part_cut_short_at_its_last_try_is_uncertain(database):
    killed, now = InstanceId(), utcnow()
    async with database.transaction() as session:
        await register(session, killed, now - timedelta(seconds=60))
        await enqueue(session, [77], BUNDLE_PART, {"part": 1})
        part = (await session.exec(select(Notification))).one()
        part.attempts = MAX_ATTEMPTS - 1
        session.add(part)
        await session.flush()
        assert await claim_notification(session, part.id, killed, now)
    async with database.transaction() as session:
        assert await resend_interrupted_parts(session, now, LEASE) == 0
        assert await settle_interrupted_notifications(session, now, LEASE) == 1
        assert await rows(session) == [(BUNDLE_PART, DeliveryStatus.UNCERTAIN, MAX_ATTEMPTS - 1, killed.id)]
