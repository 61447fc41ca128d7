"""/aide from someone their coop's direction took off its team.

Before, whatever else they sent said they were no longer on the team, since when, and to ask for a new
link; /aide alone gave a newcomer's help: « open the invitation link its direction sent you », the very
link that no longer lets them in. Now /aide says the same as the rest, in place of that sentence; someone
who was never on a team still reads the newcomer's way in."""

from tests.conversations.test_team import open_team
from tests.conversations.test_team_rejoin import coop_with_old_links


async def test_help_says_they_were_taken_off_and_need_a_new_link(harness):
    links = await coop_with_old_links(harness, "Coop Habitat")
    anne = harness.user(8700001, "Anne", "fr")
    await anne.send(f"/start {links.direction_token}")
    bob = harness.user(8700002, "Bob", "fr")
    await bob.send(f"/start {links.member_token}")
    await open_team(anne)
    await anne.press("➖ 2. Bob")
    await anne.press("🗑 Oui, retirer de l’équipe")
    await bob.send("/aide")
    text = bob.last_text
    assert text.startswith("ℹ️ Ce que fait cet assistant"), text
    assert "Vous ne faites plus partie de l’équipe de Coop Habitat depuis le" in text, text
    assert "demandez-lui un nouveau lien d’invitation" in text, text
    assert "ouvrez le lien d’invitation" not in text, text


async def test_a_newcomer_still_reads_how_to_join(harness):
    newcomer = harness.user(8700011, "Chloé", "fr")
    await newcomer.send("/aide")
    text = newcomer.last_text
    assert "Vous ne faites plus partie" not in text, text
    assert "ouvrez le lien d’invitation" in text, text
