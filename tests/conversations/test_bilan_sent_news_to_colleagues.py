"""A bilan d'étape sent by the direction: the coop's other team members (the other directors and the
members, not the sender) are told once, in their language, with a button to read it. Before, only the
committee was told, so a colleague could keep working on a bilan already sent."""

from __future__ import annotations

from tests.conversations.test_bilan_same_text import two_directors

SENT_FR = "📤 Dominique a envoyé le bilan à 6 mois au comité de validation."
SENT_EN = "📤 Dominique sent the 6-month report to the validation committee."


async def test_colleagues_are_told_once_in_their_language_when_the_direction_sends_the_bilan(world):
    harness, _clock = world
    dominique, camille = await two_directors(harness, "Coop Nouvelles")
    sam = harness.user(5102, "Sam", "en")  # the member who joined in ``admissible_coop``
    await dominique.press("⚠️ Difficultés")
    await dominique.send("Peu de locataires aux réunions de l’hiver.")
    await dominique.press("🤝 ")
    await dominique.press("🙅 ")
    await dominique.press("📤 ")
    await dominique.press("📤 Oui")
    await harness.run_background()
    await harness.run_background()  # nothing more on a second run: once each

    assert [text for text in camille.texts() if "a envoyé le bilan" in text] == [SENT_FR]
    assert [text for text in sam.texts() if "sent the 6-month report" in text] == [SENT_EN]
    assert not [text for text in dominique.texts() if "a envoyé le bilan" in text]  # the sender: none

    await sam.press("📄 Read", sam.messages[-1] if SENT_EN in sam.last_text else None)  # read from the news
    assert "Peu de locataires" in sam.last_text
    assert harness.errors == []
