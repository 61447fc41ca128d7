"""The committee reads a cycle's bilans d'étape from its dossier's screen once the cycle ended (the renewal
opened, the label refused after the visit): the next cycle is judged on them. A bilan read in the chat says
which figure is which (start, the latest value and its day, target) and each action's state in words,
the words of its PDF."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.conversations.test_bilans import admissible_coop
from tests.conversations.test_label_journey import decide


async def send_six_month_bilan(director, harness) -> None:
    """The direction sends its 6-month bilan: one difficulty, no help wanted."""
    await director.send("/bilan")
    await director.press("⚠️ Diff")
    await director.send("Peu de locataires aux réunions.")
    await director.press("🤝 ")
    await director.press("🙅 ")
    await director.press("📤 ")
    await director.press("📤 ")
    await harness.run_background()


async def read_the_bilans(committee) -> str:
    """/comite, the coop's dossier, « 📝 Bilans d’étape »: the list of its bilans sent."""
    await committee.send("/comite")
    await committee.press("Coop Ho")
    await committee.press("📝 Bilans d’étape")
    return committee.last_text


async def test_cycle_one_bilans_stay_one_tap_away_after_the_renewal(world):
    harness, clock = world
    director, _member, committee = await admissible_coop(harness, "Coop Horizon")
    clock.now = datetime(2027, 5, 1, 8, 0, tzinfo=UTC)
    await send_six_month_bilan(director, harness)
    clock.now = datetime(2027, 5, 25, 9, 0, tzinfo=UTC)
    await decide(committee, "Coop Horizon", "📍 Point à 6 mois", "Bon avancement.")
    await decide(committee, "Coop Horizon", "🚪 Visite effectuée", "Visite faite.")
    await decide(committee, "Coop Horizon", "🏅 Attribuer le label", "Label attribué.")
    clock.now = datetime(2030, 5, 26, 9, 0, tzinfo=UTC)
    await decide(committee, "Coop Horizon", "🔄", "Place au cycle 2.")
    await committee.send("/comite")
    await committee.press("Coop Ho")
    assert "renouvellement ouvert au cycle suivant" in committee.last_text
    listed = await read_the_bilans(committee)
    assert "Point d’étape à 6 mois" in listed and "Aucun bilan" not in listed
    await committee.press("📄 Point d’étape à 6 mois")
    assert "Peu de locataires aux réunions." in committee.last_text


async def test_the_bilans_stay_readable_after_the_label_is_refused(world):
    harness, clock = world
    director, _member, committee = await admissible_coop(harness, "Coop Horizon")
    clock.now = datetime(2027, 5, 1, 8, 0, tzinfo=UTC)
    await send_six_month_bilan(director, harness)
    clock.now = datetime(2027, 5, 25, 9, 0, tzinfo=UTC)
    await decide(committee, "Coop Horizon", "🚪 Visite effectuée", "Visite faite.")
    await decide(committee, "Coop Horizon", "⛔ Ne pas attribuer", "Les moyens ne sont pas en place.")
    assert "Point d’étape à 6 mois" in await read_the_bilans(committee)


async def test_a_cycle_ended_without_a_bilan_offers_none_to_read(world):
    harness, clock = world
    _director, _member, committee = await admissible_coop(harness, "Coop Horizon")
    clock.now = datetime(2027, 5, 25, 9, 0, tzinfo=UTC)
    await decide(committee, "Coop Horizon", "🚪 Visite effectuée", "Visite faite.")
    await decide(committee, "Coop Horizon", "⛔ Ne pas attribuer", "Les moyens ne sont pas en place.")
    await committee.send("/comite")
    await committee.press("Coop Ho")
    assert not any("Bilans" in b for b in committee.buttons()), committee.buttons()


async def test_a_bilan_read_in_the_chat_names_its_figures_and_says_the_actions_state(world):
    harness, clock = world
    director, _member, committee = await admissible_coop(harness, "Coop Horizon")
    clock.now = datetime(2027, 5, 1, 8, 0, tzinfo=UTC)
    await send_six_month_bilan(director, harness)
    await committee.press("📝 Lire le bilan")
    await committee.press("📄 Point d’étape à 6 mois")
    text = committee.last_text
    # as /progres says them, the latest value with its day (a bilan is read later: not « today »)
    assert "départ 12,5\u00a0% → le 23 novembre 2026\u00a0: 12,5\u00a0% → cible 30\u00a0%" in text, text
    assert "Cible 30" not in text
    # the state in words, the PDF's (« Pas commencée »), not a mark alone
    assert "⬜ Pas commencée\u00a0: Former l’équipe — La directrice" in text, text


async def test_the_news_of_a_bilan_opens_its_bilans_after_the_committee_worked_elsewhere(world):
    # before: « 📝 Lire le bilan » was live only while its news was the newest screen (the button was not
    # one that works from any message): after /comite, « this menu is out of date » and another screen
    harness, clock = world
    director, _member, committee = await admissible_coop(harness, "Coop Horizon")
    clock.now = datetime(2027, 5, 1, 8, 0, tzinfo=UTC)
    await send_six_month_bilan(director, harness)
    news = committee.last
    await committee.send("/comite")
    await committee.press("📝 Lire le bilan", news)
    said = committee.reply_text()
    assert "plus à jour" not in said and "Point d’étape à 6 mois" in said, said
