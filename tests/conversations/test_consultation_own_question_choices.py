"""A director who chose « ⭐ Les engagements », then « ✏️ Ma propre question » and typed it, has a question
with no choices of its own: the engagements are no longer its choices. Its preview says the choices are
missing, and « ✅ Ouvrir » opens nothing: it says why and asks for the choices, after which it opens with
them."""

from __future__ import annotations

import json

from sqlmodel import select

from models.tables import Consultation, ConsultationStatus
from tests.conversations.test_consultations import LABELS, open_consultations
from tests.dossier_steps import join

FR = LABELS["fr"]
QUESTION = "Quel soir vous convient pour l’assemblée générale ?"


async def the_consultation(harness) -> Consultation:
    async with harness.database.transaction() as session:
        return (await session.exec(select(Consultation))).one()


async def own_question_after_the_engagements(harness, user_id: int):
    """The engagements chosen and the draft previewed, then one's own question typed, its choices not;
    the draft taken up again from the list: its preview."""
    director = await join(harness, user_id, "fr", f"Coop {user_id}")
    await open_consultations(director, FR["open"])
    await director.press(FR["new"])
    await director.press(FR["engagements"])
    await director.press(FR["continue"])
    await director.send("15/12/2026")
    await director.press("✏️ Question")
    await director.press(FR["own"])
    await director.send(QUESTION)
    assert "Les choix, un par ligne" in director.last_text
    await open_consultations(director, FR["open"])
    await director.press("✏️ 1 · ")
    return director


async def test_an_own_question_typed_after_the_engagements_keeps_none_of_their_choices(world):
    harness, _clock = world
    director = await own_question_after_the_engagements(harness, 8401)
    preview = director.last_text.replace("\u00a0", " ")
    assert "Étape 4/4" in preview and f"« {QUESTION} »" in preview, preview
    assert "Choix : ⚠️ aucun pour l’instant" in preview, preview
    assert "1. " not in preview, preview  # not the engagements, numbered

    await director.press(FR["open_it"])
    consultation = await the_consultation(harness)
    assert consultation.status == ConsultationStatus.DRAFT  # nothing opened, nobody invited
    said = director.last_text.replace("\u00a0", " ")
    assert said.startswith(
        "⚠️ Votre question n’a pas encore de choix : la consultation n’a pas été ouverte."
    ), said
    assert "Les choix, un par ligne" in said, said  # the way forward: its choices, asked for at once

    await director.send("Mardi soir\nSamedi matin")
    await director.press(FR["continue"])
    await director.press("✅ Garder")
    await director.press(FR["open_it"])
    consultation = await the_consultation(harness)
    assert consultation.status == ConsultationStatus.OPEN, director.last_text
    assert consultation.question == QUESTION
    assert json.loads(consultation.choices) == ["Mardi soir", "Samedi matin"]
