"""Two wordings: Step 2 of a director alone in the assistant says no other member uses it yet (as the
opening says it), not « vous et 0 collègue »; the reminder, also sent to whoever ticked choices without
pressing 📨, says their answer is not sent yet, not « Vous n'avez pas encore répondu »."""

from __future__ import annotations

from datetime import date

from conversations.consultation.notices import reminder_text
from locales import Translator
from models.tables import Consultation
from tests.conversations.test_consultations import LABELS, open_consultations
from tests.dossier_steps import join

FR = LABELS["fr"]


async def test_a_director_alone_is_not_told_of_zero_colleagues(world):
    harness, _clock = world
    director = await join(harness, 8901, "fr", "Coop Seule")
    await open_consultations(director, FR["open"])
    await director.press(FR["new"])
    await director.press(FR["engagements"])
    said = director.last_text.replace("\u00a0", " ")
    assert "Étape 2/4" in said and "0 collègue" not in said, said
    assert "aucun autre membre de la coopérative n’utilise encore l’assistant" in said, said


def test_the_reminder_says_the_answer_is_not_sent_yet():
    consultation = Consultation(coop_id=1, dossier_id=1, created_by=1, closes_on=date(2026, 12, 15))
    said = reminder_text(Translator("fr"), consultation, "Coop").replace("\u00a0", " ")
    assert "Votre réponse n’est pas encore envoyée" in said and "pas encore répondu" not in said, said
    said = reminder_text(Translator("en"), consultation, "Coop")
    assert "Your answer is not sent yet" in said, said
