"""Changing a draft's own question shows the current question and offers « ✅ Garder »; after a new
question is typed, the choices screen shows the current choices and offers « ✅ Garder » too; and
« ⬅️ Retour » from Step 2 goes back to the choices (the previous question), not to the Step 1 chooser.
Before, neither screen showed its current value nor a way to keep it: the choices had to be retyped."""

from __future__ import annotations

import json

from sqlmodel import select

from models.tables import Consultation
from tests.conversations.test_consultation_kind_switch_keeps_own import (
    CHOICES,
    QUESTION,
    own_question_previewed,
)
from tests.conversations.test_consultations import LABELS

FR = LABELS["fr"]
NEW_QUESTION = "Quel créneau pour la visite du chantier ?"


async def test_a_new_question_keeps_the_choices_with_one_button(world):
    harness, _clock = world
    director = await own_question_previewed(harness, 8601)
    await director.press("✏️ Question")
    await director.press(FR["own"])
    asked = director.last_text.replace("\u00a0", " ")
    assert f"« {QUESTION} »" in asked and "✅ Garder" in director.buttons(), asked

    await director.send(NEW_QUESTION)
    asked = director.last_text.replace("\u00a0", " ")
    assert "Les choix, un par ligne" in asked and all(choice in asked for choice in CHOICES), asked
    await director.press("✅ Garder")
    said = director.last_text.replace("\u00a0", " ")
    assert "Étape 2/4" in said and "Choix : " + " · ".join(CHOICES) in said, said
    async with harness.database.transaction() as session:
        consultation = (await session.exec(select(Consultation))).one()
    assert consultation.question == NEW_QUESTION and json.loads(consultation.choices) == CHOICES

    await director.press("⬅️ Retour")  # the previous question: the choices, not the Step 1 chooser
    back = director.last_text.replace("\u00a0", " ")
    assert "Les choix, un par ligne" in back, back
