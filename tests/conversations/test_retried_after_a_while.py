"""A send that failed (Telegram or the network away a moment) is tried again a while later, not at once.

The outbox's run read a failed row again at once (pending again), a chat's second later: a news spent its
5 tries in about 4 seconds of a 502 burst, an announcement its 3 in 2, and were failed for good: a coop
never told of its committee's decision, an admin reading « En échec » for people Telegram would have
taken a few seconds later. Now each try waits ``RETRY_AFTER`` after the one before (30 s, then 2 min…).
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import text
from sqlmodel import select

from bot.delivery.announcements import deliver_announcements
from bot.delivery.notifications import deliver_notifications
from models.clock import utcnow
from models.outbox import RETRY_AFTER, due_again, enqueue
from models.tables import Delivery, DeliveryStatus, Notification
from models.users import touch_user
from tests.conftest import ADMIN_ID
from tests.conversations.test_broadcast import approved_announcement, seed_members
from tests.conversations.test_delivery_pipeline import (
    DECISION,
    attempts,
    delivery_of,
    notification_of,
    received,
)


async def last_try_older(harness, table, by: timedelta) -> None:
    """The failed rows' last try ``by`` further in the past, as if that time had gone by."""
    async with harness.database.transaction() as session:
        for row in (await session.exec(select(table).where(table.attempts > 0))).all():
            row.claimed_at -= by
            session.add(row)


async def test_a_news_is_tried_again_once_its_wait_is_over_and_reaches_its_person(harness):
    async with harness.database.transaction() as session:
        await touch_user(session, 1501, first_name="Camille", telegram_language="fr")
        await enqueue(session, [1501], "decision", DECISION)
    harness.fake.fail_next("sendMessage", 502, "Bad Gateway", count=2, chat_id=1501)
    assert await deliver_notifications(harness.application) == 0
    assert await deliver_notifications(harness.application) == 0
    assert attempts(harness.fake, 1501) == 1  # the run after: not yet
    await last_try_older(harness, Notification, RETRY_AFTER[0] + timedelta(seconds=1))
    assert await deliver_notifications(harness.application) == 0
    assert attempts(harness.fake, 1501) == 2  # 30 s on: tried again, failed again
    await last_try_older(harness, Notification, RETRY_AFTER[0] + timedelta(seconds=1))
    assert await deliver_notifications(harness.application) == 0
    assert attempts(harness.fake, 1501) == 2  # the second wait is longer
    await last_try_older(harness, Notification, RETRY_AFTER[1])
    assert await deliver_notifications(harness.application) == 1
    notification = await notification_of(harness, 1501)
    assert (notification.status, notification.attempts, received(harness.fake, 1501)) == (
        DeliveryStatus.SENT,
        2,
        1,
    )


async def test_an_announcement_waits_for_its_failed_recipient_before_its_report(harness):
    coop = await harness.add_coop("Coop Coupure Brève")
    await seed_members(harness.database, coop.member_token, range(45000, 45002))
    admin = harness.user(ADMIN_ID, language_code="fr")
    await admin.send("/start")
    harness.fake.fail_next("sendMessage", 502, "Bad Gateway", count=1, chat_id=45001)
    await approved_announcement(harness.database)
    await deliver_announcements(harness.application)
    await deliver_announcements(harness.application)
    assert (await delivery_of(harness, 45001)).status == DeliveryStatus.PENDING  # not failed for good
    assert not any("Distribuées" in (m.get("text") or "") for m in admin.replies)  # no report yet
    await last_try_older(harness, Delivery, RETRY_AFTER[0])
    await deliver_announcements(harness.application)
    assert (received(harness.fake, 45000), received(harness.fake, 45001)) == (1, 1)
    assert "Distribuées\u00a0: 2" in admin.last_text and "En échec\u00a0: 0" in admin.last_text


async def test_the_wait_holds_whatever_the_database_server_s_time_zone(harness):
    """A try failed a second ago is not due, one 31 s ago is: on PostgreSQL with the session in Paris's
    time zone too (as initdb sets a server in France), where a bound typed by its Python value was
    compared an hour off."""
    now = utcnow()
    async with harness.database.transaction() as session:
        if session.bind.dialect.name == "postgresql":
            await session.exec(text("SET LOCAL TimeZone = 'Europe/Paris'"))
        for seconds in (1, 31):
            failed = Notification(
                user_id=seconds, kind="decision", attempts=1, claimed_at=now - timedelta(seconds=seconds)
            )
            session.add(failed)
        await session.flush()
        due = (await session.exec(select(Notification.user_id).where(due_again(Notification, now)))).all()
    assert due == [31]


async def test_a_news_telegram_refuses_is_failed_at_once_not_tried_for_an_hour(harness):
    """A 400 (« message is too long », « chat not found ») would be refused again whenever sent: no wait,
    no other try (a 502 is tried again: above)."""
    async with harness.database.transaction() as session:
        await touch_user(session, 1502, first_name="Camille", telegram_language="fr")
        await enqueue(session, [1502], "decision", DECISION)
    harness.fake.fail_next("sendMessage", 400, "Bad Request: message is too long", count=5, chat_id=1502)
    assert await deliver_notifications(harness.application) == 0
    notification = await notification_of(harness, 1502)
    assert (notification.status, notification.attempts) == (DeliveryStatus.FAILED, 1)
    await last_try_older(harness, Notification, RETRY_AFTER[-1])
    assert await deliver_notifications(harness.application) == 0
    assert attempts(harness.fake, 1502) == 1
