"""Two directors and one confirmation each: what the one who presses second is told.

« ✅ Oui, soumettre » pressed after a colleague submitted says who submitted it and when, and the
confirmation becomes the home (🔒, no live button). Before, only a pop-up said « Le dossier a été soumis :
il ne peut plus être modifié ici. 🔒 », the confirmation stayed with its button, and nobody was named.

A letter removed by a colleague while the confirmation was shown is named as the letter (« la lettre
d’engagement « … » »), as an added one is. Before, its removal was « le document « … » »: the audit entry of a
removal did not say the file's kind."""

from __future__ import annotations

from tests.dossier_fill import complete_dossier
from tests.dossier_steps import join, open_home

NBSP = "\u00a0"


async def two_directors(harness, base: int):
    """Camille's dossier, complete and marked ready, and Bruno of the direction too (in English)."""
    camille = await join(harness, base + 1, "fr", f"Coop {base}")
    bruno = harness.user(base + 2, "Bruno", "en")
    await bruno.send(f"/start {camille.invitations.direction_token}")
    await complete_dossier(camille)
    await open_home(camille)
    await camille.press("✅ Marquer")
    return camille, bruno


async def test_yes_submit_after_a_colleague_submitted_says_who_and_when_and_shows_the_home(harness):
    camille, bruno = await two_directors(harness, 9451400)
    await camille.press("📤 Soumettre")
    confirmation = camille.last
    await open_home(bruno)
    await bruno.press("📤 Submit")
    pressed, data = bruno.find_button("✅ Yes, submit")
    await bruno.press("✅ Yes, submit")
    await bruno.press_data(pressed, data)  # the same press again (a double tap): his own submission said
    assert "You already submitted the dossier to the validation committee at 10:30." in bruno.last_text
    await camille.press("✅ Oui, soumettre", confirmation)
    text = camille.last_text
    assert "Le dossier a déjà été soumis au comité de validation par Bruno à 10 h 30." in text, text
    assert "Soumis au comité 🔒" in text, text  # the home, drawn in the confirmation's place
    assert "✅ Oui, soumettre" not in camille.buttons(), camille.buttons()
    assert not any("ne peut plus être modifié" in alert for alert in camille.alerts), camille.alerts


async def test_a_letter_removed_meanwhile_is_named_as_the_letter(harness):
    camille, bruno = await two_directors(harness, 9451410)
    await camille.press("📤 Soumettre")
    confirmation = camille.last
    await open_home(bruno)
    await bruno.press("📎 Documents")
    await bruno.press("📄 1 ·")
    await bruno.press("🗑")
    await bruno.press("🗑 Yes")
    await camille.press("✅ Oui, soumettre", confirmation)
    text = camille.reply_text()
    assert f"Bruno a retiré la lettre d’engagement «{NBSP}lettre-engagement" in text, text
    assert "le document «" not in text, text
