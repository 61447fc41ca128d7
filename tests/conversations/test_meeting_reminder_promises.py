"""The one-hour reminder of a VisioCoop keeps what the chat promised (a tester's findings).

« 🕘 Changer l'horaire » promises « le rappel viendra une heure avant le nouvel horaire »: a meeting moved
after its reminder went out is reminded again at its new time; never twice for the same time, whatever
the runs and the instances, and a reminder recorded by the release before (its row keyed by the meeting
alone) still counts for the time it was sent for. « 👍 Je participe » promises « Un rappel arrivera une
heure avant »: it comes, announcements turned off in /parametres or not (they stop announcements, not a
reminder asked for)."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlmodel import select

from bot.delivery.announcements import deliver_announcements
from bot.delivery.notifications import deliver_notifications
from bot.delivery.reminders import remind_attendees
from models.announcements import approve, create_announcement, update_announcement
from models.tables import Announcement, DeliveryStatus, SentReminder
from tests.conftest import ADMIN_ID
from tests.conversations.test_meeting_changes import (
    MEETING,
    MOVE_BUTTON,
    MOVED_TO,
    remind,
    sent_meeting,
    told,
)
from tests.conversations.test_meeting_reminder_reach import attending, reminded
from tests.conversations.test_meeting_reminder_reach import remind as remind_at_the_hour

SOON = "Dans une heure"


async def move_to(bot, admin, typed: str) -> None:
    """« 🕘 Changer l'horaire » on the broadcast's report, ``typed`` as the new time, confirmed; the
    people it reached told."""
    report, _ = admin.find_button(MOVE_BUTTON)
    await admin.press(MOVE_BUTTON, report)
    await admin.send(typed)
    await admin.press("Oui, déplacer la réunion")
    assert "La réunion est déplacée" in admin.last_text, admin.last_text
    await deliver_notifications(bot.application)


async def test_a_meeting_moved_after_its_reminder_is_reminded_at_its_new_time_once(tmp_path):
    bot, clock, admin, people = await sent_meeting(tmp_path)
    direction = people[0]
    try:
        assert await remind(bot, clock, MEETING) == 3  # 8:05 UTC: reminded of 9:00
        clock.now = MEETING - timedelta(minutes=30)  # the speaker is ill: moved to tomorrow
        await move_to(bot, admin, "10/12 à 14h30")
        assert await remind(bot, clock, MOVED_TO) == 3  # as promised: one hour before the new time
        assert told(bot, direction.id, SOON) == 2
        assert await remind_attendees(bot.application) == 0  # never twice for the same time
        assert told(bot, direction.id, SOON) == 2
    finally:
        await bot.stop()


async def test_two_runs_at_once_remind_each_attendee_once_at_the_new_time(tmp_path):
    """Two delivery runs (two instances) at the new time: the row each reminder is claimed with, which
    names the meeting's time, lets one of them send it."""
    bot, clock, admin, people = await sent_meeting(tmp_path)
    try:
        assert await remind(bot, clock, MEETING) == 3
        clock.now = MEETING - timedelta(minutes=30)
        await move_to(bot, admin, "10/12 à 14h30")
        clock.now = MOVED_TO - timedelta(minutes=55)
        runs = await asyncio.gather(remind_attendees(bot.application), remind_attendees(bot.application))
        assert sum(runs) == 3, runs
        assert [told(bot, person.id, SOON) for person in people[:2]] == [2, 2]
    finally:
        await bot.stop()


async def test_a_meeting_moved_back_to_a_time_already_reminded_is_not_reminded_again(tmp_path):
    bot, clock, admin, _people = await sent_meeting(tmp_path)
    try:
        assert await remind(bot, clock, MEETING) == 3  # 8:05 UTC: reminded of 9:00
        clock.now = MEETING - timedelta(minutes=50)
        await move_to(bot, admin, "10/12 à 14h30")
        await move_to(bot, admin, "9/12 à 9h")  # back: they were reminded of 9:00 already
        clock.now = MEETING - timedelta(minutes=45)
        assert await remind_attendees(bot.application) == 0
    finally:
        await bot.stop()


async def record_as_the_release_before(bot, sent_at) -> None:
    """Each attendee's reminder recorded as the release before did: keyed by the meeting alone, lead 0."""
    async with bot.database.transaction() as session:
        meeting = (await session.exec(select(Announcement))).one()
        for user_id in (2001, 2002, 2003):
            session.add(
                SentReminder(
                    user_id=user_id, event_key=f"announcement:{meeting.id}", lead_days=0,
                    due_on=sent_at.date(), sent_at=sent_at, status=DeliveryStatus.SENT, kind="announcement",
                )
            )  # fmt: skip


async def test_a_reminder_recorded_before_the_upgrade_still_counts(tmp_path):
    bot, clock, _admin, _people = await sent_meeting(tmp_path)
    try:
        await record_as_the_release_before(bot, MEETING - timedelta(minutes=55))
        assert await remind(bot, clock, MEETING) == 0  # 5 minutes later, after the upgrade: not again
        clock.now = MEETING - timedelta(minutes=5)
        assert await remind_attendees(bot.application) == 0
    finally:
        await bot.stop()


async def test_a_meeting_moved_after_a_reminder_recorded_before_the_upgrade_is_reminded(tmp_path):
    bot, clock, admin, people = await sent_meeting(tmp_path)
    try:
        await record_as_the_release_before(bot, MEETING - timedelta(minutes=55))
        clock.now = MEETING - timedelta(minutes=30)
        await move_to(bot, admin, "10/12 à 14h30")
        assert await remind(bot, clock, MOVED_TO) == 3
        assert told(bot, people[0].id, SOON) == 1
    finally:
        await bot.stop()


async def test_an_attendee_with_announcements_off_gets_the_reminder_promised(tmp_path):
    """Announcements turned off, then « Je participe » on the invitation received before: the pop-up's
    promise is kept. A new announcement does not reach them."""
    bot, clock, _coop, direction, _second, member = await attending(tmp_path)
    try:
        await member.send("/parametres")
        await member.press("Ne plus recevoir les annonces")
        invitation, _ = member.find_button("Je participe")
        await member.press("👎", invitation)
        await member.press("Je participe", invitation)
        assert any("Un rappel arrivera une heure avant" in alert for alert in member.alerts), member.alerts
        async with bot.database.transaction() as session:
            other = await create_announcement(session, ADMIN_ID, "Séminaire")
            await update_announcement(session, other, "starts_at", MEETING + timedelta(days=7))
            await update_announcement(session, other, "video_link", "https://visio.example.org/autre")
            await approve(session, other, ADMIN_ID, now=clock())
        await deliver_announcements(bot.application)
        assert not told(bot, member.id, "Séminaire") and told(bot, direction.id, "Séminaire")
        assert await remind_at_the_hour(bot, clock) == 3
        assert reminded(bot, member.id)
    finally:
        await bot.stop()
