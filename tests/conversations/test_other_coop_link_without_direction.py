"""A member of a coop with no direction in the assistant (the only director erased their data, or the
direction never joined) who opens another coop's link is given the ways out there are: erase their data
(/erase), or ask the federation (/federation) for a new direction. Before, they were told to ask the
direction of their coop to take them off its team, a direction their own « 🤝 My team » said was gone."""

from __future__ import annotations

from tests.conversations.test_team_rejoin import coop_with_old_links

ASK_THE_DIRECTION = "ask the direction of Coop Alpha to take you off its team"


async def test_a_member_whose_direction_erased_their_data_is_not_sent_to_it(harness):
    alpha = await coop_with_old_links(harness, "Coop Alpha")
    beta = await coop_with_old_links(harness, "Coop Beta")
    zoe = harness.user(5310001, "Zoé", "fr")
    bob = harness.user(5310002, "Bob", "en")
    await zoe.send(f"/start {alpha.direction_token}")
    await bob.send(f"/start {alpha.member_token}")
    await bob.send(f"/start {beta.member_token}")
    assert ASK_THE_DIRECTION in bob.last_text  # a direction there: the way out is theirs
    await zoe.send("/supprimer")
    await zoe.press("🗑")
    await bob.send(f"/start {beta.member_token}")
    said = bob.last_text
    assert ASK_THE_DIRECTION not in said and "nothing was changed" in said
    assert "Coop Alpha has no direction in the assistant" in said
    assert "/erase" in said and "(/federation)" in said
    await bob.send(f"https://t.me/qualicoop_test_bot?start={beta.member_token}")  # pasted: the same
    assert bob.last_text == said


async def test_a_member_of_a_coop_whose_direction_never_joined_is_not_sent_to_it(harness):
    alpha = await coop_with_old_links(harness, "Coop Alpha")
    beta = await coop_with_old_links(harness, "Coop Beta")
    bob = harness.user(5310003, "Bob", "fr")
    await bob.send(f"/start {alpha.member_token}")
    await bob.send(f"/start {beta.member_token}")
    said = bob.last_text
    assert "demandez à la direction de Coop Alpha" not in said
    assert "Coop Alpha n’a pas de direction dans l’assistant" in said
    assert "/supprimer" in said and "(/federation)" in said
