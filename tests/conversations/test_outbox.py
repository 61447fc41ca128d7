"""The outbox: decisions and submissions are told once, even across errors and crashes."""

from __future__ import annotations

from sqlmodel import select

from bot.delivery.notifications import deliver_notifications
from models.outbox import enqueue
from models.tables import DeliveryStatus, Notification
from tests.sends import retries_due

DECISION = {
    "transition": "grant_label",
    "date": "2028-06-03",
    "cycle": 1,
    "comment": "Bravo <à> tous & merci",
}


async def test_news_is_sent_once_in_each_language_and_retried_after_an_error(harness):
    coop = await harness.add_coop("Coop Boîte")
    fr, en = harness.user(1301, language_code="fr"), harness.user(1302, language_code="en")
    for user in (fr, en):
        await user.send(f"/start {coop.member_token}")
    harness.fake.fail_next("sendMessage", 500, "Internal Server Error", chat_id=1302)
    async with harness.database.transaction() as session:
        await enqueue(session, [1301, 1302], "decision", DECISION)
    assert await deliver_notifications(harness.application) == 1  # 1302 failed: tried again later
    assert await deliver_notifications(harness.application) == 0  # not at once (RETRY_AFTER)
    assert await retries_due(harness.database) == 1
    assert await deliver_notifications(harness.application) == 1  # then it went out
    assert await deliver_notifications(harness.application) == 0  # nothing twice
    assert (
        "Félicitations\u00a0! Le comité de validation a attribué le label Quali’Coop le 3 juin 2028"
        in fr.last_text
    )
    assert "«\u00a0Bravo <à> tous & merci\u00a0»" in fr.last_text
    assert (
        "Congratulations! The validation committee granted the Quali’Coop label on 3 June 2028"
        in en.last_text
    )
    async with harness.database.transaction() as session:
        rows = (await session.exec(select(Notification).order_by(Notification.user_id))).all()
    assert [(r.status, r.attempts) for r in rows] == [(DeliveryStatus.SENT, 0), (DeliveryStatus.SENT, 1)]


async def test_a_notification_claimed_when_the_process_died_is_not_repeated(harness):
    coop = await harness.add_coop("Coop Panne")
    member = harness.user(1303, language_code="fr")
    await member.send(f"/start {coop.member_token}")
    async with harness.database.transaction() as session:
        await enqueue(session, [1303], "decision", DECISION)
        row = (await session.exec(select(Notification))).one()
        row.status = DeliveryStatus.SENDING  # claimed, then the process died
        session.add(row)
    before = len(harness.fake.calls)
    assert await deliver_notifications(harness.application) == 0
    assert not any(c.method == "sendMessage" for c in harness.fake.calls[before:])
    async with harness.database.transaction() as session:
        assert (await session.exec(select(Notification))).one().status == DeliveryStatus.UNCERTAIN
