"""A draft started and left before anything was chosen (« ➕ Nouvelle consultation » then 🏠, or
« ✏️ Ma propre question » then /cancel) is not listed as a consultation in preparation, and is removed
when its author opens the list again. Before, each one stayed listed as « ✏️ 1. « Quels engagements
comptent le plus pour vous ? » — En préparation », its preview offering « ✅ Ouvrir »: only « ⬅️ Retour »
from its first step removed it."""

from __future__ import annotations

from sqlmodel import select

from models.tables import Consultation
from tests.conversations.test_consultations import LABELS, open_consultations
from tests.dossier_steps import join

FR = LABELS["fr"]


async def drafts(harness) -> list[Consultation]:
    async with harness.database.transaction() as session:
        return list((await session.exec(select(Consultation))).all())


async def test_drafts_left_untouched_neither_show_nor_pile_up(world):
    harness, _clock = world
    director = await join(harness, 8801, "fr", "Coop Vide")
    colleague = harness.user(8802, "Béa", "fr")
    await colleague.send(f"/start {director.invitations.direction_token}")
    await open_consultations(director, FR["open"])
    await director.press(FR["new"])
    await director.press("🏠")
    await open_consultations(colleague, FR["open"])  # a colleague's list: nothing real to show
    assert "Aucune consultation pour l’instant." in colleague.last_text, colleague.last_text

    await open_consultations(director, FR["open"])
    assert "Aucune consultation pour l’instant." in director.last_text, director.last_text
    assert await drafts(harness) == []  # its author back at the list: removed

    await director.press(FR["new"])
    await director.press(FR["own"])
    await director.send("/cancel")
    await open_consultations(director, FR["open"])
    assert "Aucune consultation pour l’instant." in director.last_text, director.last_text
    assert await drafts(harness) == []


async def test_a_draft_with_a_choice_made_stays_listed(world):
    harness, _clock = world
    director = await join(harness, 8811, "fr", "Coop Pleine")
    await open_consultations(director, FR["open"])
    await director.press(FR["new"])
    await director.press(FR["engagements"])
    await director.press("🏠")
    await open_consultations(director, FR["open"])
    assert "✏️ 1. " in director.last_text, director.last_text
    assert len(await drafts(harness)) == 1
