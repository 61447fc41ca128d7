"""The one-hour reminder of a VisioCoop reaches whom the announcement's deliveries still reach: an
attendee taken off their coop's team is not reminded; to the direction, only someone still the direction
(``models.announcements.pending_deliveries``). Announcements turned off in /parametres stop announcements,
not the reminder « Je participe » promised (``models.federation.meeting_reminders``)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.delivery.announcements import deliver_announcements
from bot.delivery.reminders import remind_attendees
from models.announcements import approve, create_announcement, update_announcement
from models.team import remove_teammate
from tests.conftest import ADMIN_ID
from tests.harness import BotHarness, FakeClock

MEETING = datetime(2026, 12, 9, 8, 0, tzinfo=UTC)  # Wednesday 9 December 2026, 9:00 in Paris
ATTEND = "Je participe"


async def attending(tmp_path, audience: str = "all"):
    """A coop's two directions and a member, invited to a meeting (``audience``); all three attend."""
    clock = FakeClock(datetime(2026, 12, 1, 10, tzinfo=UTC))
    bot = BotHarness(tmp_path, admin_ids=(ADMIN_ID,), clock=clock)
    await bot.start()
    coop = await bot.add_coop("Coop RSVP")
    direction, second = bot.user(2001, language_code="fr"), bot.user(2003, language_code="fr")
    member = bot.user(2002, language_code="fr")
    for person, token in ((direction, coop.direction_token), (second, coop.direction_token)):
        await person.send(f"/start {token}")
    await member.send(f"/start {coop.member_token}")
    async with bot.database.transaction() as session:
        announcement = await create_announcement(session, ADMIN_ID, "VisioCoop")
        await update_announcement(session, announcement, "starts_at", MEETING)
        await update_announcement(session, announcement, "video_link", "https://visio.example.org/rdv")
        await update_announcement(session, announcement, "audience", audience)
        await approve(session, announcement, ADMIN_ID, now=clock())
    await deliver_announcements(bot.application)
    people = (direction, second) if audience == "direction" else (direction, second, member)
    for person in people:
        await person.press(ATTEND)
    return bot, clock, coop, direction, second, member


def reminded(bot, chat_id) -> bool:
    """Whether the one-hour reminder, with its link, was sent to ``chat_id``."""
    return any(
        c.method == "sendMessage"
        and c.chat_id == chat_id
        and "Dans une heure" in c.params.get("text", "")
        and "https://visio.example.org/rdv" in c.params.get("text", "")
        for c in bot.fake.calls
    )


async def remind(bot, clock) -> int:
    """The reminder's job, run an hour before the meeting."""
    clock.now = MEETING - timedelta(minutes=55)
    return await remind_attendees(bot.application)


async def test_the_reminder_promised_still_comes_after_announcements_were_turned_off(tmp_path):
    bot, clock, _coop, direction, _second, member = await attending(tmp_path)
    try:
        await member.send("/parametres")
        await member.press("Ne plus recevoir les annonces")
        assert any("🔔" in b for b in member.buttons())  # turned off: the button turns them on again
        assert await remind(bot, clock) == 3
        assert reminded(bot, member.id)  # they said they will come: reminded as « Je participe » promised
        assert reminded(bot, direction.id)
    finally:
        await bot.stop()


async def test_no_reminder_after_being_taken_off_the_team(tmp_path):
    bot, clock, coop, direction, _second, member = await attending(tmp_path)
    try:
        async with bot.database.transaction() as session:
            await remove_teammate(session, coop.coop, member.id, direction.id, clock())
        assert await remind(bot, clock) == 2
        assert not reminded(bot, member.id)
        assert reminded(bot, direction.id)
    finally:
        await bot.stop()


async def test_an_attendee_back_in_a_coop_is_reminded_of_a_meeting_for_all(tmp_path):
    """Taken off, then back with a member's link: in a coop the announcement reaches, reminded."""
    bot, clock, coop, direction, second, _member = await attending(tmp_path)
    try:
        async with bot.database.transaction() as session:
            await remove_teammate(session, coop.coop, second.id, direction.id, clock())
        await second.send(f"/start {coop.member_token}")
        assert await remind(bot, clock) == 3
        assert reminded(bot, second.id)
    finally:
        await bot.stop()


async def test_a_meeting_for_the_direction_reminds_only_who_is_still_the_direction(tmp_path):
    """Back in the coop as a member only, a former direction is no longer reminded of the direction's
    meeting, as its delivery would no longer have been sent."""
    bot, clock, coop, direction, second, member = await attending(tmp_path, "direction")
    try:
        async with bot.database.transaction() as session:
            await remove_teammate(session, coop.coop, second.id, direction.id, clock())
        await second.send(f"/start {coop.member_token}")
        assert await remind(bot, clock) == 1
        assert reminded(bot, direction.id)
        assert not reminded(bot, second.id) and not reminded(bot, member.id)
    finally:
        await bot.stop()
