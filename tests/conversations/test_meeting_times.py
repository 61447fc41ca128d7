"""A VisioCoop meeting's invitation, answers and reminder fit the time left: none once it has begun."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import select

from bot.delivery.announcements import deliver_announcements
from bot.delivery.reminders import remind_attendees
from models.announcements import approve, create_announcement, update_announcement
from models.tables import Delivery, DeliveryStatus, Rsvp
from tests.conftest import ADMIN_ID
from tests.harness import BotHarness, FakeClock

MEETING = datetime(2027, 3, 31, 7, 0, tzinfo=UTC)  # Wednesday 31 March 2027, 9:00 in Paris


async def members_invited(tmp_path, approved_at: datetime):
    """Two members of a coop (French, English), a meeting approved at ``approved_at``, nothing sent yet."""
    clock = FakeClock(datetime(2026, 12, 5, 10, tzinfo=UTC))  # the coop's links are made on the real clock:
    bot = BotHarness(tmp_path, admin_ids=(ADMIN_ID,), clock=clock)  # its members join before it moves
    await bot.start()
    coop = await bot.add_coop("Coop Visio")
    french, english = bot.user(1101, "Dominique", "fr"), bot.user(1102, "Sam", "en")
    await french.send(f"/start {coop.direction_token}")
    await english.send(f"/start {coop.member_token}")
    clock.now = approved_at
    async with bot.database.transaction() as session:
        announcement = await create_announcement(session, ADMIN_ID, "VisioCoop : la Raison d’être")
        await update_announcement(session, announcement, "starts_at", MEETING)
        await approve(session, announcement, ADMIN_ID, now=clock())
    return bot, clock, french, english


async def test_an_invitation_not_sent_before_the_meeting_began_is_not_sent_after(tmp_path):
    """Approved at 6:00; the bot is down until 12:00: nobody gets « Je participe » to a meeting over,
    and the author's report says why they were not written to."""
    bot, clock, _french, _english = await members_invited(tmp_path, MEETING - timedelta(hours=3))
    try:
        clock.now = MEETING + timedelta(hours=5)
        before = len(bot.fake.calls)
        await deliver_announcements(bot.application)
        invited = [
            call.chat_id
            for call in bot.fake.calls[before:]
            if call.method == "sendMessage" and "📢" in call.params["text"]
        ]
        assert invited == []
        async with bot.database.transaction() as session:
            statuses = (await session.exec(select(Delivery.status))).all()
        assert statuses == [DeliveryStatus.FAILED, DeliveryStatus.FAILED]
        admin = bot.user(ADMIN_ID, "Camille", "fr")
        assert "En échec\u00a0: 2" in admin.last_text
        await admin.press("⚠️")
        failures = admin.last_text.replace("\u00a0", " ")
        assert "Dominique (Coop Visio) — Non envoyée : la réunion avait déjà commencé." in failures
    finally:
        await bot.stop()


async def test_answering_once_the_meeting_has_begun_counts_nothing(tmp_path):
    bot, clock, french, _english = await members_invited(tmp_path, datetime(2027, 3, 20, 10, tzinfo=UTC))
    try:
        await deliver_announcements(bot.application)
        clock.now = MEETING + timedelta(days=2)
        await french.press("Je participe")
        assert french.alerts == ["Cette réunion a déjà commencé\u00a0: les réponses sont closes."]
        assert "✅" not in str(french.buttons())  # no answer marked
        async with bot.database.transaction() as session:
            assert (await session.exec(select(Rsvp))).all() == []
    finally:
        await bot.stop()


async def test_attending_twenty_minutes_before_is_told_twenty_minutes(tmp_path):
    """« I’ll attend » 20 minutes before: no « reminder one hour before » already past, and the reminder
    that follows says the time left."""
    bot, clock, french, english = await members_invited(tmp_path, datetime(2027, 3, 20, 10, tzinfo=UTC))
    try:
        await deliver_announcements(bot.application)
        clock.now = MEETING - timedelta(minutes=20)
        await english.press("I’ll attend")
        assert english.alerts == ["Noted: you will attend. It begins in 20 minutes."]
        await french.press("Je participe")
        assert french.alerts == ["C’est noté\u00a0: vous participez. Elle commence dans 20\u00a0minutes."]
        assert await remind_attendees(bot.application) == 2
        assert english.last_text.startswith("⏰ In 20 minutes:\n📢 VisioCoop")
        assert french.last_text.startswith("⏰ Dans 20\u00a0minutes\u00a0:\n📢 VisioCoop")
    finally:
        await bot.stop()
