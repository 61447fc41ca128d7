"""A preview (or a question) of a draft a fellow director deleted says « Ce brouillon a déjà été
supprimé. » and shows the list, as « 🗑 Supprimer » does; a text typed for it is handed back whole.
Before, every preparation button answered only the alert « Ce bouton ne concerne pas le dossier de
votre coopérative… » and the screen stayed dead."""

from __future__ import annotations

from tests.conversations.test_consultations import LABELS, open_consultations
from tests.dossier_steps import join

FR = LABELS["fr"]
DELETED = "ℹ️ Ce brouillon a déjà été supprimé."


async def two_directors_one_draft(harness, user_id: int):
    """A prepares a draft to its preview; B, a fellow director, deletes it."""
    a = await join(harness, user_id, "fr", f"Coop {user_id}")
    b = harness.user(user_id + 1, "Béa", "fr")
    await b.send(f"/start {a.invitations.direction_token}")
    await open_consultations(a, FR["open"])
    await a.press(FR["new"])
    await a.press(FR["own"])
    await a.send("Quel soir pour l’AG ?")
    await a.send("Mardi\nJeudi")
    await a.press(FR["continue"])
    await a.send("15/12/2026")
    return a, b


async def delete_as(b) -> None:
    await open_consultations(b, FR["open"])
    await b.press("✏️ 1 · ")
    await b.press("🗑 Supprimer le brouillon")


async def test_a_preview_of_a_deleted_draft_leads_to_the_list(world):
    harness, _clock = world
    a, b = await two_directors_one_draft(harness, 8701)
    await delete_as(b)
    await a.press("✏️ Qui")
    said = a.last_text.replace("\u00a0", " ")
    assert said.startswith(DELETED) and "Consultations — " in said, said
    assert not any("ne concerne pas" in alert for alert in a.alerts), a.alerts


async def test_a_question_typed_for_a_deleted_draft_is_handed_back(world):
    harness, _clock = world
    a, b = await two_directors_one_draft(harness, 8711)
    await a.press("✏️ Question")
    await a.press(FR["own"])
    await delete_as(b)
    await a.send("Quel soir vous convient pour l’AG de décembre ?")
    said = a.reply_text().replace("\u00a0", " ")
    assert DELETED in said and "Quel soir vous convient pour l’AG de décembre ?" in said, said
