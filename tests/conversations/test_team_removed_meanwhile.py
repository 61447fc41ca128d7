"""Two members of a direction on the same colleague: the second to act is told the colleague is already
off the team (by whom, when) and sees the team as it is; a forged button is still refused."""

from __future__ import annotations

from tests.conversations.test_team import open_team
from tests.conversations.test_team_rejoin import member_of

ALREADY_OFF = "Marie Dupont ne fait déjà plus partie de l’équipe (retrait fait par {by} le 23 novembre 2026)."


async def coop_with_two_directors(harness):
    """Coop Habitat: Paul and Jeanne in its direction, Marie a colleague."""
    invitations = await harness.add_coop("Coop Habitat")
    paul = harness.user(4600001, "Paul Martin", "fr")
    jeanne = harness.user(4600002, "Jeanne Roux", "fr")
    marie = harness.user(4600003, "Marie Dupont", "fr")
    for person, token in ((paul, invitations.direction_token), (jeanne, invitations.direction_token)):
        await person.send(f"/start {token}")
    await marie.send(f"/start {invitations.member_token}")
    return paul, jeanne, marie


async def test_the_second_director_confirming_a_removal_done_meanwhile_is_told_by_whom_and_when(harness):
    paul, jeanne, marie = await coop_with_two_directors(harness)
    for director in (paul, jeanne):
        await open_team(director)
        await director.press("➖ 3. Marie Dupont")
        assert "Retirer Marie Dupont de l’équipe de Coop Habitat\u00a0?" in director.last_text
    await paul.press("🗑 Oui, retirer de l’équipe")
    await jeanne.press("🗑 Oui, retirer de l’équipe")
    assert not any(jeanne.alerts)  # not « ce bouton ne concerne pas votre coopérative »
    assert jeanne.last_text.startswith("ℹ️ " + ALREADY_OFF.format(by="Paul Martin"))
    assert "2 personnes ont rejoint" in jeanne.last_text and "Marie" not in jeanne.last_text.split(")")[-1]
    assert "🔄 Remplacer le lien" in jeanne.buttons()  # the team screen, as it is now
    assert await member_of(harness, marie.id) is None


async def test_a_removal_button_drawn_before_the_removal_says_so_even_to_the_one_who_did_it(harness):
    paul, jeanne, marie = await coop_with_two_directors(harness)
    await open_team(jeanne)
    team_before = jeanne.last
    await open_team(paul)
    await paul.press("➖ 3. Marie Dupont")
    await paul.press("🗑 Oui, retirer de l’équipe")
    await jeanne.press("➖ 3. Marie Dupont", team_before)  # her team screen still lists Marie
    assert not any(jeanne.alerts) and ALREADY_OFF.format(by="Paul Martin") in jeanne.last_text
    await paul.press_data(paul.last, f"tmry:{marie.id}")  # pressed twice: the second press comes after
    assert not any(paul.alerts)
    assert (
        "Marie Dupont ne fait déjà plus partie de l’équipe (retrait fait par vous-même le 23 novembre 2026)."
        in paul.last_text
    )


async def test_a_forged_removal_button_is_still_refused(harness):
    paul, jeanne, _ = await coop_with_two_directors(harness)
    elsewhere = await harness.add_coop("Coop Voisine")
    neighbour = harness.user(4600004, "Luc", "fr")
    await neighbour.send(f"/start {elsewhere.member_token}")
    await open_team(paul)
    await paul.press("➖ 3. Marie Dupont")
    await paul.press("🗑 Oui, retirer de l’équipe")
    stranger_gone = harness.user(4600005, "Zoé", "fr")  # taken off another coop's team: not theirs to know
    await stranger_gone.send(f"/start {elsewhere.member_token}")
    ana = harness.user(4600006, "Ana", "fr")
    await ana.send(f"/start {elsewhere.direction_token}")
    await open_team(ana)
    await ana.press("➖ 3. Zoé")
    await ana.press("🗑 Oui, retirer de l’équipe")
    assert await member_of(harness, stranger_gone.id) is None
    await open_team(jeanne)
    for target in (neighbour.id, stranger_gone.id):
        for data in (f"tmr:{target}", f"tmry:{target}"):
            await jeanne.press_data(jeanne.last, data)
            assert jeanne.alerts[-1].startswith("Ce bouton ne concerne pas"), (target, data)
    # nobody's id: as for someone who erased their data, a plain line (test_team_erased_meanwhile), telling nothing
    for data in ("tmr:4600099", "tmry:4600099"):
        await jeanne.press_data(jeanne.last, data)
        assert not any(jeanne.alerts) and jeanne.last_text.startswith("ℹ️ Cette personne ne fait plus"), data
    assert await member_of(harness, neighbour.id) is not None
