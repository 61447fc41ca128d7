"""A VisioCoop's time typed as the French write a slot, the time before the date, or a weekday with the
day's number (a tester's finding: all refused as « Je ne reconnais pas de date »): the composer and
« 🕘 Changer l'horaire » read them and echo them, a slot whole (its length is kept: test_meeting_length_kept);
what is still refused after a date that was read says the time is what to add, not that no date was found."""

from __future__ import annotations

import pytest

from tests.conftest import ADMIN_ID
from tests.conversations.test_meeting_changes import MOVE_BUTTON, sent_meeting


async def at_the_time_question(harness):
    admin = harness.user(ADMIN_ID, language_code="fr")
    await admin.send("/annonce")
    await admin.send("VisioCoop : la Raison d’être")
    return admin


@pytest.mark.parametrize(
    ("typed", "echo"),
    [
        ("jeudi 10 décembre de 14h à 15h", "✅ jeudi 10 décembre 2026 de 14 h 00 à 15 h 00"),
        ("9 décembre 9h30-10h30", "✅ mercredi 9 décembre 2026 de 9 h 30 à 10 h 30"),
        ("14h le 9 décembre", "✅ mercredi 9 décembre 2026 à 14 h 00"),
        ("09/12 - 14h", "✅ mercredi 9 décembre 2026 à 14 h 00"),
        ("mercredi 9 à 9h", "✅ mercredi 9 décembre 2026 à 9 h 00"),
    ],
)
async def test_a_slot_or_a_time_first_is_taken_and_echoed(harness, typed, echo):
    admin = await at_the_time_question(harness)
    await admin.send(typed)
    said = admin.reply_text()
    assert said.startswith(echo + "\n"), said  # a slot whole; a time alone, its start
    assert "Lien de la visioconférence" in said, said  # the next question


async def test_a_time_not_understood_after_a_date_is_said_to_be_the_time(harness):
    admin = await at_the_time_question(harness)
    await admin.send("jeudi 10 décembre 14h30h")
    said = admin.reply_text()
    assert "J’ai compris jeudi 10 décembre 2026, mais pas «\u00a014h30h\u00a0»" in said, (
        said
    )  # never « Ajoutez l’heure »
    assert "Je ne reconnais pas de date" not in said, said


async def test_a_meeting_moved_to_a_slot_takes_it(tmp_path):
    bot, _clock, admin, _people = await sent_meeting(tmp_path)
    try:
        await admin.press(MOVE_BUTTON)
        await admin.send("jeudi 10 décembre de 14h30 à 16h")
        assert "✅ jeudi 10 décembre 2026 de 14 h 30 à 16 h 00" in admin.reply_text(), admin.reply_text()
        await admin.press("Oui, déplacer la réunion")
        assert "La réunion est déplacée" in admin.last_text, admin.last_text
    finally:
        await bot.stop()
