"""A submitted dossier (🔒) is read only in the chat: its screens show it, offer no change, keep their way around."""

from __future__ import annotations

from tests.dossier_fill import complete_dossier
from tests.dossier_steps import join, open_home, submit

LOCKED = "Votre dossier est entre les mains du comité de validation\u00a0: il ne peut plus être modifié. 🔒"
CHANGES = ("✏️", "➕", "🗑", "✍️", "⬜")


def changes_offered(buttons: list[str]) -> list[str]:
    return [b for b in buttons if b.startswith(CHANGES)]


async def submitted(harness):
    director = await join(harness, 611, "fr", "Coop Figée")
    await complete_dossier(director)
    await submit(director)
    assert "Soumis au comité 🔒" in director.last_text
    return director


async def test_a_submitted_dossier_offers_no_change_and_says_why(harness):
    director = await submitted(harness)
    await open_home(director)
    await director.press("📊 Indicateurs")
    await director.press(" 1 · ")
    engagement = director.last
    assert LOCKED in engagement["text"] and changes_offered(director.buttons()) == []
    await director.press("1 · ")  # an indicator: read, with its plan, back and home
    assert LOCKED in director.last_text and "Valeur actuelle" in director.last_text
    assert changes_offered(director.buttons()) == []
    assert any(b.startswith("📌 1 · ") for b in director.buttons())
    assert {"⬅️ Retour", "🏠 Mon dossier"} <= set(director.buttons())
    await director.press("📌 1 · ")  # an action of the plan
    assert LOCKED in director.last_text and changes_offered(director.buttons()) == []
    assert {"⬅️ Retour", "🏠 Mon dossier"} <= set(director.buttons())
    await director.press("🏠 Mon dossier")
    await director.press("Axe 1")  # the axis: its choices shown (✅ / ⬜ in the text), no longer toggles
    assert LOCKED in director.last_text and "✅" in director.last_text
    assert not any(" · " in b for b in director.buttons()) and "🏠 Mon dossier" in director.buttons()
    assert any("Axe 2" in b for b in director.buttons())
    await director.press("🏠 Mon dossier")
    await director.press("👥 Démarche")
    assert LOCKED in director.last_text and changes_offered(director.buttons()) == []
    assert "🗳 Consultations" in director.buttons() and "🏠 Mon dossier" in director.buttons()


async def test_the_review_offers_to_submit_only_a_dossier_that_can_be(harness):
    director = await join(harness, 612, "fr", "Coop Brouillon")
    await director.send("/recap")
    assert not any("📤" in b for b in director.buttons())  # an incomplete draft: as on the home
    await complete_dossier(director)
    await director.send("/recap")
    assert not any("📤" in b for b in director.buttons())  # complete, not yet marked ready
    await open_home(director)
    await director.press("✅ Marquer")
    await director.send("/recap")
    assert "📤 Soumettre au comité" in director.buttons()
