"""A VisioCoop meeting cancelled or moved after its announcement went out (a tester's finding: once
sent, nothing could tell its recipients; the one-hour reminder and the .ics kept the old time).

From the broadcast's report, a federation admin cancels (a confirmation saying what happens) or moves
(the new time asked as the composer asks it, echoed, confirmed) the meeting; whoever the announcement
reached is told once, through the outbox, in their language; the reminder stops or follows the new
time; the .ics keeps its UID, cancelled or with a higher SEQUENCE."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from icalendar import Calendar
from sqlmodel import select

from bot.delivery.announcements import deliver_announcements
from bot.delivery.notifications import deliver_notifications
from bot.delivery.reminders import remind_attendees
from models.announcements import approve, create_announcement, update_announcement
from models.tables import Announcement, Notification, Rsvp
from tests.conftest import ADMIN_ID
from tests.harness import BotHarness, FakeClock

MEETING = datetime(2026, 12, 9, 8, 0, tzinfo=UTC)  # Wednesday 9 December 2026, 9:00 in Paris
MOVED_TO = datetime(2026, 12, 10, 13, 30, tzinfo=UTC)  # Thursday 10 December, 14:30 in Paris
CHANGE_NEWS = Notification.kind.in_(("meeting_cancelled", "meeting_moved"))
CANCEL_BUTTON, MOVE_BUTTON = "❌ Annuler la réunion", "🕘 Changer l’horaire"


async def sent_meeting(tmp_path):
    """A meeting announced to a coop's direction (fr), a member (fr) and a member (en), who all attend;
    its report in the admin's chat."""
    clock = FakeClock(datetime(2026, 12, 1, 10, tzinfo=UTC))
    bot = BotHarness(tmp_path, admin_ids=(ADMIN_ID,), clock=clock)
    await bot.start()
    admin = bot.user(ADMIN_ID, "Dominique", language_code="fr")
    await admin.send("/aide")
    coop = await bot.add_coop("Coop des Lilas")
    direction, member = bot.user(2001, language_code="fr"), bot.user(2002, language_code="fr")
    english = bot.user(2003, "Sam", language_code="en")
    await direction.send(f"/start {coop.direction_token}")
    for person in (member, english):
        await person.send(f"/start {coop.member_token}")
    async with bot.database.transaction() as session:
        announcement = await create_announcement(session, ADMIN_ID, "VisioCoop")
        await update_announcement(session, announcement, "starts_at", MEETING)
        await update_announcement(session, announcement, "video_link", "https://visio.example.org/rdv")
        await approve(session, announcement, ADMIN_ID, now=clock())
    await deliver_announcements(bot.application)
    for person in (direction, member):
        await person.press("Je participe")
    await english.press("I’ll attend")
    await deliver_notifications(bot.application)  # the report, to its author
    return bot, clock, admin, (direction, member, english)


def told(bot, chat_id: int, words: str) -> int:
    """How many messages holding ``words`` went to ``chat_id``."""
    return sum(
        1
        for c in bot.fake.calls
        if c.method == "sendMessage" and c.chat_id == chat_id and words in c.params.get("text", "")
    )


async def remind(bot, clock, at: datetime) -> int:
    """The reminder's job, run 55 minutes before ``at``."""
    clock.now = at - timedelta(minutes=55)
    return await remind_attendees(bot.application)


async def ics_of(bot, person) -> Calendar:
    """The announcement's calendar file, as « 📅 » on its message sends it."""
    await person.press("📅")
    document = person.last["document"]
    fake = bot.fake
    return Calendar.from_ical(
        fake.file_content(fake.handle("getFile", {"file_id": document["file_id"]})["file_path"])
    )


async def test_a_cancelled_meeting_is_told_once_and_its_reminder_never_comes(tmp_path):
    bot, clock, admin, people = await sent_meeting(tmp_path)
    direction, member, english = people
    try:
        first = await ics_of(bot, direction)
        await admin.press(CANCEL_BUTTON)
        confirmation = admin.last_text
        assert "Annuler cette réunion\u00a0?" in confirmation
        assert "3\u00a0personnes qui ont reçu l’annonce seront prévenues" in confirmation
        assert "Le rappel une heure avant ne viendra pas" in confirmation
        yes_message, yes = admin.find_button("Oui, annuler la réunion")
        await admin.press("Oui, annuler la réunion")
        assert "La réunion est annulée\u00a0: 3\u00a0personnes seront prévenues." in admin.last_text
        await deliver_notifications(bot.application)
        date = "du mercredi 9 décembre 2026 à 9 h 00"
        for person in (direction, member):
            assert told(bot, person.id, f"❌ La réunion «\u00a0VisioCoop\u00a0» {date} est annulée.") == 1
        assert told(bot, english.id, "❌ The meeting “VisioCoop” on") == 1
        await admin.press_data(yes_message, yes)  # replayed: nothing more to tell
        async with bot.database.transaction() as session:
            assert len((await session.exec(select(Notification).where(CHANGE_NEWS))).all()) == 3
        await deliver_notifications(bot.application)
        assert told(bot, direction.id, "est annulée") == 1  # once
        assert await remind(bot, clock, MEETING) == 0
        assert told(bot, direction.id, "Dans une heure") == 0
        await member.press("Je participe")  # on the invitation: closed
        assert any("annulée" in alert for alert in member.alerts)
        (event,) = (await ics_of(bot, direction)).walk("VEVENT")
        (before,) = first.walk("VEVENT")
        assert str(event["UID"]) == str(before["UID"]) and str(event["STATUS"]) == "CANCELLED"
        assert int(event["SEQUENCE"]) > int(before.get("SEQUENCE", 0))
    finally:
        await bot.stop()


async def test_a_moved_meeting_is_told_and_reminded_at_its_new_time(tmp_path):
    bot, clock, admin, people = await sent_meeting(tmp_path)
    direction, member, english = people
    try:
        await admin.press(MOVE_BUTTON)
        assert "Nouvelle date et heure de la réunion\u00a0?" in admin.last_text
        await admin.send("10/12 à 14h30")
        assert "✅ jeudi 10 décembre 2026 à 14 h 30" in admin.reply_text()
        assert "✏️ Corriger" in admin.buttons()
        assert "3\u00a0personnes qui ont reçu l’annonce seront prévenues" in admin.last_text
        await admin.press("Oui, déplacer la réunion")
        assert "La réunion est déplacée\u00a0: 3\u00a0personnes seront prévenues." in admin.last_text
        await deliver_notifications(bot.application)
        moved = (
            "🕘 La réunion «\u00a0VisioCoop\u00a0» est déplacée au jeudi 10 décembre 2026 à 14 h 30 "
            "(au lieu du mercredi 9 décembre 2026 à 9 h 00)."
        )
        assert told(bot, direction.id, moved) == 1 and told(bot, member.id, moved) == 1
        assert told(bot, english.id, "🕘 The meeting “VisioCoop” is moved to") == 1
        async with bot.database.transaction() as session:
            assert len((await session.exec(select(Rsvp).where(Rsvp.attending))).all()) == 3  # kept
            assert (await session.exec(select(Announcement))).one().starts_at == MOVED_TO
        assert await remind(bot, clock, MEETING) == 0  # not at the old time
        assert await remind(bot, clock, MOVED_TO) == 3
        assert told(bot, direction.id, "Dans une heure") == 1
        (event,) = (await ics_of(bot, direction)).walk("VEVENT")
        assert event.decoded("DTSTART").astimezone(UTC) == MOVED_TO and int(event["SEQUENCE"]) == 1
    finally:
        await bot.stop()


async def test_only_an_admin_changes_a_meeting_and_never_one_begun(tmp_path):
    bot, clock, admin, people = await sent_meeting(tmp_path)
    direction = people[0]
    try:
        report, cancel = admin.find_button(CANCEL_BUTTON)
        _report, move = admin.find_button(MOVE_BUTTON)
        for data in (cancel, move, cancel.replace("anzc", "anzy") + ":1"):
            await direction.press_data(direction.last, data)  # forged by a coop's direction
            assert direction.alerts and "administrat" in direction.alerts[-1]
        clock.now = MEETING + timedelta(minutes=1)  # the meeting has begun
        await admin.press(CANCEL_BUTTON, report)
        assert "a commencé" in admin.reply_text()  # said on the meeting's screen, nothing changed
        async with bot.database.transaction() as session:
            assert (await session.exec(select(Announcement))).one().status == "done"
            assert not (await session.exec(select(Notification).where(CHANGE_NEWS))).all()
    finally:
        await bot.stop()
