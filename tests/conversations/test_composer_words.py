"""The announcement composer speaks as every other screen: its way out is « Annuler » (no emoji, as
every confirmation's), and its send button wears 📤 as every other send button (« 📤 Envoyer à la
fédération », « 📤 Envoyer au comité »)."""

from __future__ import annotations

from tests.conftest import ADMIN_ID


async def test_the_composer_cancels_and_sends_with_the_project_s_words(harness):
    coop = await harness.add_coop("Coop Alpha")
    camille = harness.user(1001, "Camille", "fr")
    await camille.send(f"/start {coop.direction_token}")
    admin = harness.user(ADMIN_ID, "Fédé", "fr")
    await admin.send("/annonce")
    assert admin.buttons() == ["Annuler"]
    await admin.send("VisioCoop des présidents")
    assert admin.buttons() == ["⬅️ Retour", "Annuler"]
    await admin.send("mercredi 9 décembre 9h")
    await admin.send("-")
    await admin.send("-")
    await admin.press("Tout le monde")
    buttons = admin.buttons()
    assert "📤 Envoyer à 1 personne" in buttons and "Annuler" in buttons, buttons
    assert not any(label.startswith(("✅ Envoyer", "❌")) for label in buttons), buttons
