"""A director's own question and choices survive « ⭐ Les engagements »: Step 1 shows which question is
current, « ⭐ » says the own question is kept, and « ✏️ Ma propre question » offers it back with
« ✅ Garder », then its choices, so that nothing typed is lost. Before, « ⭐ » erased them silently
(question None, choices « [] ») and « ✏️ Ma propre question » asked from nothing."""

from __future__ import annotations

import json

from sqlmodel import select

from models.tables import Consultation
from tests.conversations.test_consultations import LABELS, open_consultations
from tests.dossier_steps import join

FR = LABELS["fr"]
QUESTION = "Quel soir vous convient pour l’assemblée générale de décembre ?"
CHOICES = ["Mardi 19 h au siège", "Jeudi 18 h 30 en visio", "Samedi 10 h"]


async def the_consultation(harness) -> Consultation:
    async with harness.database.transaction() as session:
        return (await session.exec(select(Consultation))).one()


async def own_question_previewed(harness, user_id: int):
    """A draft with its own question and choices, at its preview."""
    director = await join(harness, user_id, "fr", f"Coop {user_id}")
    await open_consultations(director, FR["open"])
    await director.press(FR["new"])
    await director.press(FR["own"])
    await director.send(QUESTION)
    await director.send("\n".join(CHOICES))
    await director.press(FR["continue"])
    await director.send("15/12/2026")
    assert "Étape 4/4" in director.last_text
    return director


async def test_the_engagements_keep_the_own_question_to_offer_it_back(world):
    harness, _clock = world
    director = await own_question_previewed(harness, 8501)
    await director.press("✏️ Question")
    step1 = director.last_text.replace("\u00a0", " ")
    assert "Étape 1/4" in step1 and f"« {QUESTION} »" in step1, step1  # the current question, shown
    assert "✅ ✏️ Ma propre question" in director.buttons(), director.buttons()

    await director.press(FR["engagements"])
    said = director.last_text.replace("\u00a0", " ")
    assert "Étape 2/4" in said and f"« {QUESTION} »" in said and "gardée" in said, said
    consultation = await the_consultation(harness)
    assert consultation.question is None  # the default question, chosen

    await director.press("⬅️ Retour")
    step1 = director.last_text.replace("\u00a0", " ")
    assert "✅ ⭐ Les engagements" in director.buttons(), director.buttons()
    assert f"« {QUESTION} »" in step1, step1  # still told it is kept

    await director.press(FR["own"])
    asked = director.last_text.replace("\u00a0", " ")
    assert "Votre question ?" in asked and f"« {QUESTION} »" in asked, asked
    await director.press("✅ Garder")
    asked = director.last_text.replace("\u00a0", " ")
    assert "Les choix, un par ligne" in asked and all(choice in asked for choice in CHOICES), asked
    await director.press("✅ Garder")
    assert "Étape 2/4" in director.last_text
    consultation = await the_consultation(harness)
    assert consultation.question == QUESTION and json.loads(consultation.choices) == CHOICES
