"""A send claimed by an instance that is gone (killed, or frozen past its lease) is settled as uncertain
by the next run: its line says why, not « cut short by a stop » (nothing here stopped)."""

from __future__ import annotations

import logging

from sqlmodel import select

from bot.delivery.notifications import deliver_notifications
from models.tables import DeliveryStatus, Notification
from tests.conversations.test_delivery_pipeline import news  # noqa: F401 (fixture)


async def test_a_notification_left_by_a_gone_instance_is_said_cut_short_by_its_sender(
    harness,
    news,  # noqa: F811
    caplog,
):
    async with harness.database.transaction() as session:
        row = (await session.exec(select(Notification).where(Notification.user_id == 1401))).one()
        row.status, row.claimed_by = DeliveryStatus.SENDING, "an-instance-killed-mid-send"
        session.add(row)
    caplog.set_level(logging.INFO, logger="qualicoop")
    await deliver_notifications(harness.application)
    said = [r.getMessage() for r in caplog.records if "cut short" in r.getMessage()]
    assert said == [
        "1 notification(s) cut short (their sender stopped or froze): maybe received, not repeated"
    ]
