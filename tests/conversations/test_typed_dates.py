"""Dates typed the way people write them, and the way the bot writes them, in the chat."""

from __future__ import annotations

from tests.conftest import ADMIN_ID
from tests.conversations.test_early_visit import submitted_coop
from tests.conversations.test_label_journey import COMMITTEE_ID


async def at_the_decision_date(harness, language: str):
    """A committee member declaring admissible a dossier submitted on 1 August 2026, at the date
    question (today: Monday 23 November 2026)."""
    await submitted_coop(harness)
    committee = harness.user(COMMITTEE_ID, "Claude", language)
    await committee.send("/comite")
    await committee.press("Coop Horizon")
    await committee.press("✅ Déclarer" if language == "fr" else "✅ Declare")
    await committee.send("Recevable.")
    return committee


async def test_an_english_month_and_day_is_that_day_not_a_year(world):
    """« Nov 20 » was November 2020, refused as before the submission."""
    harness, _clock = world
    committee = await at_the_decision_date(harness, "en")
    await committee.send("Nov 20")
    assert "Friday 20 November 2026" in committee.last_text and "✅ Confirm" in committee.buttons()


async def test_a_date_as_the_bot_writes_it_is_read_and_a_wrong_weekday_is_shown(world):
    harness, _clock = world
    committee = await at_the_decision_date(harness, "fr")
    await committee.send("lundi 20 novembre 2026")
    said = committee.replies[0]["text"]
    assert "Le 20 novembre 2026 est un vendredi, pas un lundi." in said, said
    await committee.send("vendredi 20 novembre 2026")
    assert "vendredi 20 novembre 2026" in committee.last_text and "✅ Confirmer" in committee.buttons()


async def test_an_english_admin_is_given_the_time_the_english_way(harness):
    admin = harness.user(ADMIN_ID, "Fed", "en")
    await admin.send("/announce")
    await admin.send("VisioCoop")
    await admin.send("9 December")
    said = admin.replies[0]["text"]
    assert "Please add the time, e.g. 9am or 2:30pm." in said, said
    await admin.send("9 December 2030 9am")
    said = admin.replies[0]["text"]
    assert "At most 24 months ahead: until Thursday 23 November 2028." in said, said
