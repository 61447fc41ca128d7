"""A coop whose direction has not joined the assistant yet: a member came first, by the colleagues' link.

Before, « 🤝 Mon équipe » told that member the coop had « plus aucun membre de la direction » and that « la
fédération en a été informée »: nobody had left, and nobody had told the federation. Now it says the
direction has not come yet, and how to get it there (its direction link, or the federation). A direction
that came and erased its data is still said gone, the federation told (``test_team_ways_out``)."""

from tests.dossier_steps import open_home


async def team_of_a_coop_without_direction_yet(harness, user_id: int, language: str) -> str:
    """The team screen, as the coop's first member (no direction ever came) sees it."""
    coop = await harness.add_coop("Coop Habitat")
    bob = harness.user(user_id, "Bob", language)
    await bob.send(f"/start {coop.member_token}")
    await open_home(bob)
    await bob.press("🤝 Mon équipe" if language == "fr" else "🤝 My team")
    return bob.last_text


async def test_the_team_says_the_direction_has_not_come_yet_not_that_the_federation_was_told(harness):
    text = await team_of_a_coop_without_direction_yet(harness, 8400002, "fr")
    assert "1. Bob" in text
    assert "la fédération en a été informée" not in text and "n’a plus aucun" not in text, text
    assert "Coop Habitat n’a encore personne de sa direction dans l’assistant" in text, text
    assert "Demandez-lui d’ouvrir le lien de direction que la fédération lui a envoyé" in text, text


async def test_in_english_too(harness):
    text = await team_of_a_coop_without_direction_yet(harness, 8400012, "en")
    assert "the federation has been told" not in text and "any more" not in text, text
    assert "Coop Habitat has nobody of its direction in the assistant yet" in text, text
    assert "ask the federation for one with /federation" in text, text
