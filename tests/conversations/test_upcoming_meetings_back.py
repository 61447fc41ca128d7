"""A meeting cancelled or moved from « 📅 Upcoming meetings » keeps its way back (a tester's finding: the
cancel and move screens are the report's, and led back to the report's meeting screen: no « ⬅️ Back »,
no answers line, the list's page forgotten; once cancelled, a screen without a single button).

Opened from the list, the confirmations' « ⬅️ Back » and the end of a cancel or a move lead to the list's
meeting screen (its answers, « ⬅️ Back » to the list's page), which shows a cancelled meeting so. From the
author's report the way is as it was, and a cancelled meeting's screen there leads to the list."""

from __future__ import annotations

from datetime import timedelta

from tests.conftest import ADMIN_ID
from tests.conversations.test_meeting_changes import CANCEL_BUTTON, MOVE_BUTTON
from tests.conversations.test_meeting_changes import sent_meeting as reported_meeting
from tests.conversations.test_upcoming_meetings import (
    MEETING,
    UPCOMING_EN,
    UPCOMING_FR,
    announce,
    federation_with_two_people,
    status_of,
)

CHANGES_FR = [CANCEL_BUTTON, MOVE_BUTTON, "⬅️ Retour"]
CHANGES_EN = ["❌ Cancel the meeting", "🕘 Change the time", "⬅️ Back"]


async def test_cancelling_from_the_lists_second_page_comes_back_to_that_page(harness):
    await federation_with_two_people(harness)
    meetings = [await announce(harness, f"VisioCoop {n}", MEETING + timedelta(hours=n)) for n in range(1, 11)]
    admin = harness.user(ADMIN_ID, "Alix", "fr")
    await admin.send("/annonce")
    await admin.press(UPCOMING_FR)
    await admin.press("➡️")
    assert "Page 2/2" in admin.last_text, admin.last_text
    await admin.press("9. VisioCoop 9")
    await admin.press(CANCEL_BUTTON)
    assert "Annuler cette réunion\u00a0?" in admin.last_text
    await admin.press("⬅️ Retour")  # the list's meeting screen, not the report's
    assert "Annonce reçue par 2\u00a0personnes" in admin.last_text, admin.last_text
    assert admin.buttons() == CHANGES_FR, admin.buttons()
    await admin.press(CANCEL_BUTTON)
    await admin.press("Oui, annuler la réunion")
    done = admin.last_text
    assert "La réunion est annulée\u00a0: 2\u00a0personnes seront prévenues." in done, done
    assert "VisioCoop 9" in done and "Annonce reçue par 2\u00a0personnes" in done, done
    assert "Annulée\u00a0: les personnes que l’annonce a atteintes sont prévenues." in done, done
    assert admin.buttons() == ["⬅️ Retour"], admin.buttons()  # no dead end: back to the list
    assert await status_of(harness, meetings[8]) == "cancelled"
    await admin.press("⬅️ Retour")
    listed = admin.last_text
    assert "Page 2/2" in listed and "9. VisioCoop 10" in listed, listed  # the page it was opened from
    assert "VisioCoop 9\n" not in listed, listed


async def test_moving_from_the_list_comes_back_to_the_lists_meeting_in_english(harness):
    await federation_with_two_people(harness)
    await announce(harness, "VisioCoop", MEETING)
    admin = harness.user(ADMIN_ID, "Sam", "en")
    await admin.send("/announce")
    await admin.press(UPCOMING_EN)
    await admin.press("1. VisioCoop")
    await admin.press("🕘 Change the time")
    assert "New date and time of the meeting?" in admin.last_text, admin.last_text
    await admin.press("⬅️ Back")  # from the question
    assert "Announcement received by 2 people" in admin.last_text, admin.last_text
    assert admin.buttons() == CHANGES_EN, admin.buttons()
    await admin.press("🕘 Change the time")
    await admin.send("10/12 at 14:30")
    assert "Move this meeting?" in admin.last_text, admin.last_text
    await admin.press("⬅️ Back")  # from the confirmation
    assert "Announcement received by 2 people" in admin.last_text, admin.last_text
    await admin.press("🕘 Change the time")
    await admin.send("10/12 at 14:30")
    await admin.press("✏️ Correct")  # typed again, still from the list
    await admin.send("10/12 at 15:00")
    await admin.press("🕘 Yes, move the meeting")
    done = admin.last_text
    assert "The meeting is moved: 2 people will be told." in done, done
    assert "Thursday 10 December 2026 at 15:00" in done and "Announcement received by 2 people" in done, done
    assert admin.buttons() == CHANGES_EN, admin.buttons()
    await admin.press("⬅️ Back")
    assert "Upcoming meetings" in admin.last_text and "1. VisioCoop" in admin.last_text, admin.last_text


async def test_from_the_report_the_way_is_the_reports_and_a_cancelled_meeting_leads_to_the_list(tmp_path):
    bot, _clock, admin, _people = await reported_meeting(tmp_path)
    try:
        await announce(bot, "Later VisioCoop", MEETING + timedelta(days=7))
        await admin.press(CANCEL_BUTTON)
        await admin.press("⬅️ Retour")  # the report's meeting screen, as it was
        assert "Vous pouvez encore annuler cette réunion" in admin.last_text, admin.last_text
        assert "Annonce reçue par" not in admin.last_text, admin.last_text
        assert admin.buttons() == [CANCEL_BUTTON, MOVE_BUTTON], admin.buttons()
        await admin.press(CANCEL_BUTTON)
        await admin.press("Oui, annuler la réunion")
        assert "La réunion est annulée" in admin.last_text and "Annonce reçue par" not in admin.last_text
        assert admin.buttons() == [UPCOMING_FR], admin.buttons()  # not a dead end
        await admin.press(UPCOMING_FR)
        assert "1. Later VisioCoop" in admin.last_text, admin.last_text
        await admin.press("1. Later VisioCoop")
        await admin.press(CANCEL_BUTTON)
        await admin.press("⬅️ Retour")  # reached from the list now: the list's screen
        assert "Annonce reçue par" in admin.last_text and admin.buttons() == CHANGES_FR, admin.last_text
    finally:
        await bot.stop()
