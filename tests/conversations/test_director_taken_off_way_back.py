"""A member of the direction taken off the team is told the way back there is: a new direction link from
the federation (only it makes them), in the news of the removal and in what the bot answers them later. A
colleague is still sent to the direction. Before, both were told to ask the direction for a new invitation
link, while the bot itself, opening the old direction link, said to ask the federation."""

from __future__ import annotations

from tests.conversations.test_team import open_team
from tests.conversations.test_team_rejoin import coop_with_old_links

FROM_THE_FEDERATION = "demandez à la fédération un nouveau lien pour la direction"
FROM_THE_DIRECTION = "demandez-lui un nouveau lien d’invitation"


async def test_a_director_taken_off_is_sent_to_the_federation_a_colleague_to_the_direction(harness):
    gamma = await coop_with_old_links(harness, "Coop Gamma")
    cam = harness.user(8950001, "Camille", "fr")
    lea = harness.user(8950002, "Léa", "fr")
    bob = harness.user(8950003, "Bob", "fr")
    await cam.send(f"/start {gamma.direction_token}")
    await lea.send(f"/start {gamma.direction_token}")
    await bob.send(f"/start {gamma.member_token}")
    await harness.run_background()
    await open_team(lea)
    await lea.press("➖ 1. Camille")
    await lea.press("🗑 Oui, retirer de l’équipe")
    await lea.press("➖ 2. Bob")
    await lea.press("🗑 Oui, retirer de l’équipe")
    await harness.run_background()
    news = cam.texts()[-1]
    assert news.startswith("ℹ️ Vous ne faites plus partie de l’équipe de Coop Gamma"), news
    assert FROM_THE_FEDERATION in news and FROM_THE_DIRECTION not in news, news
    assert FROM_THE_DIRECTION in bob.texts()[-1] and FROM_THE_FEDERATION not in bob.texts()[-1]
    await cam.send("/dossier")
    said = cam.reply_text()
    assert "depuis le 23 novembre 2026" in said and FROM_THE_FEDERATION in said, said
    assert FROM_THE_DIRECTION not in said
    await bob.send("/dossier")
    assert FROM_THE_DIRECTION in bob.reply_text() and FROM_THE_FEDERATION not in bob.reply_text()
