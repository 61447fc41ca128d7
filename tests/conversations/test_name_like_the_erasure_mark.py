"""Someone whose Telegram first name is « ancien membre », the very mark an erasure leaves in stored news.

Before, their arrival by a link was taken for the news of someone who erased their data and never sent:
the direction was not told (its one way to notice a link that went too far), and their other news named
them « Un ancien membre ». Now an erasure is known by the id it takes off the news (``"by"``): the direction
hears of the arrival, and their news name them as Telegram does."""

from tests.conversations.test_news_of_who_erased import erase
from tests.dossier_steps import open_home

MARK = "ancien membre"


async def test_a_newcomer_named_like_the_mark_is_announced_to_the_direction(harness):
    coop = await harness.add_coop("Coop Habitat")
    anne = harness.user(6300001, "Anne", "fr")
    await anne.send(f"/start {coop.direction_token}")
    stranger = harness.user(6300002, MARK, "fr")
    await stranger.send(f"/start {coop.direction_token}")  # a direction link that went too far
    before = len(anne.messages)
    await harness.run_background()
    told = [text for text in anne.texts()[before:] if text.startswith("🤝")]
    assert told, anne.texts()[before:]
    assert "🤝 ancien membre a rejoint l’équipe de Coop Habitat (membre de la direction)." in told[-1]
    assert "Cette personne a utilisé un lien de direction." in told[-1]


async def test_their_request_for_the_letter_names_them_as_they_are(harness):
    coop = await harness.add_coop("Coop Habitat")
    anne = harness.user(6300011, "Anne", "fr")
    await anne.send(f"/start {coop.direction_token}")
    namesake = harness.user(6300012, MARK, "fr")
    await namesake.send(f"/start {coop.member_token}")
    await open_home(namesake)
    await namesake.press("📎 Documents")
    await namesake.press("📨 Demander la lettre à la direction")
    before = len(anne.messages)
    await harness.run_background()
    asked = "\n".join(anne.texts()[before:])
    assert "ancien membre vous demande la lettre d’engagement de la direction" in asked, asked
    assert "Un ancien membre" not in asked


async def test_one_who_erased_their_data_is_still_not_announced(harness):
    coop = await harness.add_coop("Coop Habitat")
    anne = harness.user(6300021, "Anne", "fr")
    await anne.send(f"/start {coop.direction_token}")
    bob = harness.user(6300022, "Bob", "fr")
    await bob.send(f"/start {coop.member_token}")
    await erase(bob)  # before the news of his arrival went out
    before = len(anne.messages)
    await harness.run_background()
    assert not [text for text in anne.texts()[before:] if text.startswith("🤝")], anne.texts()[before:]
