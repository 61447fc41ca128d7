"""/cancel stops whatever question is open, the committee's and an admin's too; someone in no coop
yet is shown the way in and the languages, not commands that would only refuse them."""

from __future__ import annotations

from tests.conversations.test_early_visit import submitted_coop


async def test_cancel_stops_the_committees_comment(world):
    harness, _clock = world
    _director, committee = await submitted_coop(harness)
    await committee.send("/comite")
    await committee.press("Coop Horizon")
    await committee.press("✅ Déclarer recevable")
    await committee.send("/cancel")
    assert "Coop Horizon" in committee.last_text and "Votre commentaire" not in committee.last_text
    await committee.send("Une question sans rapport")  # no longer taken as the decision's comment
    assert "À quelle date" not in committee.reply_text()


async def test_a_newcomer_is_shown_the_way_in_and_the_languages(harness):
    sam = harness.user(9701, first_name="Sam", language_code="en")
    await sam.send("hello?")
    assert "open the invitation link" in sam.last_text and "/dossier" not in sam.last_text
    assert sam.buttons() == ["🇫🇷 Français", "🇬🇧 English"]
    await sam.send("/cancel")  # nothing to stop: the welcome
    assert "Welcome to the Quali’Coop assistant" in sam.last_text and "Stopped" not in sam.last_text
    await sam.press("🇬🇧 English")
    assert "You can choose your language below." in sam.last_text
    assert sam.buttons() == ["🇫🇷 Français", "🇬🇧 English"]  # still below, as the welcome says
    await sam.send("/help")
    # in no coop yet: what the assistant does and how to join, not the coop's commands (1b2c63d)
    assert "What this assistant does" in sam.last_text and "/mydata — " in sam.last_text
    assert "/report — " not in sam.last_text and "/bilan" not in sam.last_text
