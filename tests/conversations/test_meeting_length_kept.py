"""A VisioCoop meeting keeps the length of the slot typed for it.

Before: /annonce's « Date et heure de la réunion ? » answered « mercredi 9 décembre de 14h à 16h » kept the
start alone, said below the echo that the 16 h end was not kept, and the calendar file gave 14:00–15:00:
attendees importing it saw the meeting end an hour early. Now the length is stored with the start: the
echo, the preview, the invitation, the reminder, the meetings' screens and the news of a change say the
slot (« mercredi 9 décembre 2026 de 14 h 00 à 16 h 00 »), and the .ics ends when it does. A move typed as
a time alone keeps the length (the meeting is moved, not shortened); a move to a new slot takes its
length. A time alone is as before: its start shown, an hour in calendars.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from bot.delivery.announcements import deliver_announcements
from bot.delivery.notifications import deliver_notifications
from models.announcements import approve, create_announcement, update_announcement
from models.tables import Announcement
from tests.conftest import ADMIN_ID
from tests.conversations.test_meeting_changes import CANCEL_BUTTON, MOVE_BUTTON, ics_of, remind, sent_meeting
from tests.conversations.test_meeting_time_answers import at_the_meeting_time
from tests.harness import BotHarness, FakeClock

SLOT_START = datetime(2026, 12, 9, 8, 0, tzinfo=UTC)  # Wednesday 9 December 2026, 9:00 in Paris
SLOT = "mercredi 9 décembre 2026 de 9 h 00 à 11 h 00"  # … two hours long


async def stored_length(database) -> int | None:
    """The length of the one announcement, as stored."""
    async with database.transaction() as session:
        return (await session.exec(select(Announcement.duration_minutes))).one()


def event_of(calendar):
    (event,) = calendar.walk("VEVENT")
    return event


def news_to(person, words: str) -> list[str]:
    """The texts of ``person``'s chat holding ``words``."""
    return [text for text in person.texts() if words in text]


@pytest.mark.parametrize(
    ("language", "typed", "echo", "minutes"),
    [
        ("fr", "mercredi 9 décembre de 14h à 16h", "✅ mercredi 9 décembre 2026 de 14 h 00 à 16 h 00", 120),
        ("fr", "9/12 14h-15h30", "✅ mercredi 9 décembre 2026 de 14 h 00 à 15 h 30", 90),
        ("en", "Wednesday 9 December 2-4pm", "✅ Wednesday 9 December 2026 from 14:00 to 16:00", 120),
        ("fr", "mercredi 9 décembre à 14h", "✅ mercredi 9 décembre 2026 à 14 h 00", None),  # as before
    ],
)
async def test_a_slot_typed_is_kept_and_echoed_whole_a_time_alone_as_before(
    harness, language, typed, echo, minutes
):
    admin = await at_the_meeting_time(harness, language)
    await admin.send(typed)
    said = admin.replies[0]["text"]
    assert said.startswith(echo + "\n\n📢"), said  # then the next question: no end « not kept »
    assert await stored_length(harness.database) == minutes


async def test_a_slot_is_on_the_preview_the_invitation_and_in_the_calendar(harness):
    coop = await harness.add_coop("Coop des Lilas")
    camille, sam = harness.user(1001, language_code="fr"), harness.user(1002, "Sam", language_code="en")
    await camille.send(f"/start {coop.direction_token}")
    await sam.send(f"/start {coop.member_token}")
    admin = harness.user(ADMIN_ID, "Fédé", "fr")
    await admin.send("/annonce")
    await admin.send("VisioCoop")
    await admin.send("mercredi 9 décembre de 14h à 16h")
    await admin.send("https://visio.example.org/rdv")
    await admin.send("-")
    await admin.press("Tout le monde")
    preview = admin.last_text
    assert "🗓 mercredi 9 décembre 2026 de 14 h 00 à 16 h 00" in preview, preview
    assert "🗓 Wednesday 9 December 2026 from 14:00 to 16:00" in preview, preview
    await admin.press("📤 Envoyer à 2")
    await deliver_announcements(harness.application)
    invitation = news_to(camille, "📢 VisioCoop")[-1]
    assert "🗓 mercredi 9 décembre 2026 de 14 h 00 à 16 h 00\n" in invitation, invitation
    assert "🗓 Wednesday 9 December 2026 from 14:00 to 16:00\n" in sam.last_text, sam.last_text
    event = event_of(await ics_of(harness, sam))
    assert event["DTSTART"].dt == datetime(2026, 12, 9, 13, tzinfo=UTC)
    assert event["DTEND"].dt == datetime(2026, 12, 9, 15, tzinfo=UTC)  # 16:00 in Paris, not 15:00


async def test_a_time_alone_is_shown_as_before_and_an_hour_in_the_calendar(tmp_path):
    bot, _clock, _admin, (direction, _member, _english) = await sent_meeting(tmp_path)
    try:  # a meeting of 9:00 typed so: the invitation says its start, the calendar an hour
        assert "🗓 mercredi 9 décembre 2026 à 9 h 00\n" in news_to(direction, "📢 VisioCoop")[-1]
        event = event_of(await ics_of(bot, direction))
        assert event["DTEND"].dt - event["DTSTART"].dt == timedelta(hours=1)
    finally:
        await bot.stop()


async def sent_slot(tmp_path):
    """A meeting of two hours (9:00–11:00 in Paris) announced to a member (fr), who attends, and to one
    (en); its report in the admin's chat."""
    clock = FakeClock(datetime(2026, 12, 1, 10, tzinfo=UTC))
    bot = BotHarness(tmp_path, admin_ids=(ADMIN_ID,), clock=clock)
    await bot.start()
    admin = bot.user(ADMIN_ID, "Dominique", language_code="fr")
    await admin.send("/aide")
    coop = await bot.add_coop("Coop des Lilas")
    member, english = bot.user(2002, language_code="fr"), bot.user(2003, "Sam", language_code="en")
    for person in (member, english):
        await person.send(f"/start {coop.member_token}")
    async with bot.database.transaction() as session:
        announcement = await create_announcement(session, ADMIN_ID, "VisioCoop")
        await update_announcement(session, announcement, "starts_at", SLOT_START)
        await update_announcement(session, announcement, "duration_minutes", 120)  # as the composer does
        await approve(session, announcement, ADMIN_ID, now=clock())
    await deliver_announcements(bot.application)
    await member.press("Je participe")
    await deliver_notifications(bot.application)  # the report, to its author
    return bot, clock, admin, member, english


async def test_answering_an_invitation_at_its_slot_changes_its_buttons_only(tmp_path):
    bot, _clock, _admin, member, _english = await sent_slot(tmp_path)
    try:
        invitation, _data = member.find_button("Je ne peux pas")
        await member.press("Je ne peux pas", invitation)
        assert not any(c.method == "editMessageText" and c.chat_id == member.id for c in bot.fake.calls)
        assert "✅ Je ne peux pas" in member.buttons(invitation)
    finally:
        await bot.stop()


async def test_a_move_of_the_time_alone_keeps_the_length_and_a_new_slot_replaces_it(tmp_path):
    bot, clock, admin, member, english = await sent_slot(tmp_path)
    try:
        invitation, _data = member.find_button("Je ne peux pas")
        await admin.press(MOVE_BUTTON)
        assert f"Actuellement\u00a0: {SLOT}" in admin.last_text, admin.last_text
        await admin.send("10/12 à 14h30")  # a time alone: moved, not shortened
        moved = "jeudi 10 décembre 2026 de 14 h 30 à 16 h 30"
        assert admin.reply_text().startswith(f"✅ {moved}\n"), admin.reply_text()
        assert f"Du {SLOT} au {moved}" in admin.last_text, admin.last_text
        await admin.press("Oui, déplacer la réunion")
        await deliver_notifications(bot.application)
        told = f"🕘 La réunion «\u00a0VisioCoop\u00a0» est déplacée au {moved} (au lieu du {SLOT})."
        assert news_to(member, told), member.texts()[-3:]
        assert "is moved to Thursday 10 December 2026 from 14:30 to 16:30" in english.last_text
        assert event_of(await ics_of(bot, english))["DTEND"].dt == datetime(2026, 12, 10, 15, 30, tzinfo=UTC)
        await member.press("Je participe", invitation)  # the invitation from before: redrawn at the slot
        redrawn = next(m for m in member.messages if m["message_id"] == invitation["message_id"])
        assert f"🗓 {moved}\n" in redrawn["text"], redrawn["text"]
        assert await remind(bot, clock, datetime(2026, 12, 10, 13, 30, tzinfo=UTC)) == 1
        assert f"🗓 {moved}" in member.last_text and "Dans une heure" in member.last_text
        await admin.press(MOVE_BUTTON)
        await admin.send("jeudi 10 décembre de 14h30 à 16h30")  # the same slot: nothing to move
        assert "C’est déjà l’horaire de la réunion" in admin.reply_text(), admin.reply_text()
        await admin.send("jeudi 10 décembre de 14h30 à 15h15")  # the same start, a new slot: its length
        assert admin.reply_text().startswith("✅ jeudi 10 décembre 2026 de 14 h 30 à 15 h 15\n")
        await admin.press("Oui, déplacer la réunion")
        assert "🗓 jeudi 10 décembre 2026 de 14 h 30 à 15 h 15" in admin.last_text  # the meeting's screen
        assert event_of(await ics_of(bot, english))["DTEND"].dt == datetime(2026, 12, 10, 14, 15, tzinfo=UTC)
        await admin.send("/annonce")
        await admin.press("📅 Réunions à venir (1)")
        listed = "🗓 jeudi 10 décembre 2026 de 14 h 30 à 15 h 15 · annonce reçue par 2\u00a0personnes"
        assert listed in admin.last_text, admin.last_text
    finally:
        await bot.stop()


async def test_a_cancelled_slot_is_told_whole(tmp_path):
    bot, _clock, admin, member, _english = await sent_slot(tmp_path)
    try:
        await admin.press(CANCEL_BUTTON)
        assert f"🗓 {SLOT}" in admin.last_text, admin.last_text  # on the confirmation
        await admin.press("Oui, annuler la réunion")
        await deliver_notifications(bot.application)
        cancelled = f"❌ La réunion «\u00a0VisioCoop\u00a0» du {SLOT} est annulée."
        assert news_to(member, cancelled), member.texts()[-2:]
    finally:
        await bot.stop()
