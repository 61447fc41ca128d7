"""A team's buttons about someone who erased their data since they were drawn: the direction is told plainly
that this person is no longer on the team (nobody named: nothing of them remains), and sees the team as it
is; not « this button is not about your coop ». A colleague of another coop stays refused."""

from __future__ import annotations

from tests.conversations.test_team import open_team
from tests.conversations.test_team_rejoin import member_of
from tests.conversations.test_team_removed_meanwhile import coop_with_two_directors

NO_LONGER = "ℹ️ Cette personne ne fait plus partie de l’équipe."


async def erase(user) -> None:
    """/supprimer, confirmed."""
    await user.send("/supprimer")
    await user.press("🗑 Oui, effacer mes données")


def team_as_it_is(user, joined: str) -> None:
    """The plain line, no name, above the team drawn again (the direction's link there)."""
    assert not any(alert.startswith("Ce bouton ne concerne pas") for alert in user.alerts), user.alerts
    said, screen = user.reply_text(), user.replies[-1]
    assert said.startswith(NO_LONGER), said
    assert joined in said and "Marie" not in said, said
    assert "🔄 Remplacer le lien" in user.buttons(screen)
    assert not any("Marie" in button for button in user.buttons(screen))


async def test_confirming_the_removal_of_a_colleague_who_erased_meanwhile(harness):
    _paul, jeanne, marie = await coop_with_two_directors(harness)
    await open_team(jeanne)
    await jeanne.press("➖ 3. Marie Dupont")
    confirm = jeanne.last
    assert "Retirer Marie Dupont de l’équipe de Coop Habitat\u00a0?" in jeanne.last_text
    await erase(marie)
    await jeanne.press("🗑 Oui, retirer de l’équipe", confirm)
    team_as_it_is(jeanne, "2 personnes ont rejoint")


async def test_a_team_list_drawn_before_a_removed_colleague_erased(harness):
    paul, jeanne, marie = await coop_with_two_directors(harness)
    await open_team(jeanne)
    before = jeanne.last
    await open_team(paul)
    await paul.press("➖ 3. Marie Dupont")
    await paul.press("🗑 Oui, retirer de l’équipe")
    await harness.run_background()
    await erase(marie)
    await jeanne.press("➖ 3. Marie Dupont", before)
    team_as_it_is(jeanne, "2 personnes ont rejoint")


async def test_a_member_of_another_coop_is_still_refused(harness):
    _paul, jeanne, marie = await coop_with_two_directors(harness)
    elsewhere = await harness.add_coop("Coop Voisine")
    neighbour = harness.user(4600004, "Luc", "fr")
    await neighbour.send(f"/start {elsewhere.member_token}")
    await erase(marie)
    await open_team(jeanne)
    for data in (f"tmr:{neighbour.id}", f"tmry:{neighbour.id}"):
        await jeanne.press_data(jeanne.last, data)
        assert jeanne.alerts[-1].startswith("Ce bouton ne concerne pas"), data
    assert await member_of(harness, neighbour.id) is not None
