"""/demandes in French: a request on « 📍 Un point d’étape » was listed on a button reading « 2 · ⏳ Coop
Soumise · 📍 Un point d’… », its subject cut inside a word. The button now names the subject by its emoji
(the line above names it whole) and gives the coop's name the room."""

from __future__ import annotations

from tests.conftest import ADMIN_ID
from tests.dossier_steps import join


async def test_the_inbox_button_names_the_subject_by_its_emoji_and_the_coop_whole(harness):
    lou = await join(harness, 4161, "fr", "Coopérative Les Tilleuls", role="member")
    admin = harness.user(ADMIN_ID, "Fed", "fr")
    await admin.send("/start")
    await lou.send("/dossier")
    await lou.press("💬 Solliciter la fédération")
    await lou.press("✍️ Nouvelle demande")
    await lou.press("📍 Un point d’étape")
    await lou.send("")
    await lou.send("Quand a lieu notre point d’étape à 6 mois ?")
    await lou.press("📤 Envoyer à la fédération")
    await harness.run_background()
    await admin.send("/demandes")
    assert "Coopérative Les Tilleuls" in admin.last_text and "📍 Un point d’étape" in admin.last_text
    assert "1 · ⏳ Coopérative Les Tilleuls · 📍" in admin.buttons(), admin.buttons()
    await admin.press("1 · ⏳ Coopérative Les Tilleuls · 📍")
    assert "Quand a lieu notre point d’étape à 6 mois ?" in admin.last_text
