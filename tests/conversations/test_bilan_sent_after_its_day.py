"""A 6-month bilan prepared after its checkpoint's day, the committee not having recorded the checkpoint
yet (so it is still the bilan asked for).

Before, /bilan said « Point d’étape prévu le 28 février 2027 » and the send's question « le comité le lit
avant le point d’étape », a day already past. Now /bilan says it as the home and /calendrier do (⏳ « échéance
le … en attente d’enregistrement par le comité ») and the question that the committee reads it to record the
checkpoint; before the day, both words are as they were."""

from __future__ import annotations

import re
from datetime import datetime

from models.clock import PARIS
from tests.conversations.test_early_visit import submitted_coop
from tests.conversations.test_label_journey import decide


def plain(text: str) -> str:
    """The message without its HTML tags, its no-break spaces as spaces."""
    return re.sub(r"<[^>]+>", "", text).replace("\u00a0", " ")


async def bilan_written(harness, clock, now: datetime):
    """Coop Horizon admissible on 31 August 2026 (6-month checkpoint on 28 February 2027); at ``now`` its
    director writes the bilan's two texts and asks to send it."""
    director, committee = await submitted_coop(harness)
    await decide(committee, "Coop Horizon", "✅ Déclarer recevable", "Recevable.", "31/08/2026")
    clock.now = now
    await director.send("/bilan")
    screen = plain(director.last_text)
    await director.press("⚠️ Difficultés")
    await director.send("Aucune difficulté majeure.")
    await director.press("🤝 Aide")
    await director.send("Pas d’aide pour l’instant.")
    await director.press("📤 Envoyer au comité")
    return screen, plain(director.last_text)


async def test_a_bilan_after_its_day_says_the_checkpoint_waits_to_be_recorded(world):
    harness, clock = world
    screen, question = await bilan_written(harness, clock, datetime(2027, 3, 10, 10, tzinfo=PARIS))
    late = (
        "⏳ Point d’étape à 6 mois : échéance le 28 février 2027, en attente d’enregistrement par le comité"
    )
    assert late in screen and "prévu le" not in screen, screen
    assert "Envoyer le bilan d’étape à 6 mois" in question
    assert "avant le point d’étape" not in question, question
    assert "le comité le lit pour enregistrer le point d’étape" in question, question


async def test_a_bilan_before_its_day_keeps_its_words(world):
    harness, clock = world
    screen, question = await bilan_written(harness, clock, datetime(2027, 2, 10, 10, tzinfo=PARIS))
    assert "Point d’étape prévu le 28 février 2027" in screen and "⏳" not in screen, screen
    assert "le comité le lit avant le point d’étape" in question, question
