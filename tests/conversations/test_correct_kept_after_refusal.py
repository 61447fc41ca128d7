"""« ✏️ Corriger » of a number just typed stays on the next question as long as it is asked: a refused
answer there (« beaucoup ») redrew the question without it, and the number typed before (51 for 15) could
no longer be corrected from the walk. In the bilan's values and in /progres's figures alike; it goes once
the next question is answered or passed."""

from __future__ import annotations

from tests.conversations.test_bilans import admissible_coop

CORRECT = "✏️ Corriger"


async def test_the_bilan_s_correct_survives_a_refused_answer(world):
    harness, _clock = world
    director, _member, _committee = await admissible_coop(harness, "Coop Corrige Encore")
    await director.send("/bilan")
    await director.press("📈")
    await director.send("51")  # meant 15
    assert "Indicateur 2/8" in director.last_text and CORRECT in director.buttons()
    await director.send("beaucoup")
    assert "Je ne reconnais pas de nombre" in director.replies[0]["text"]
    assert "Indicateur 2/8" in director.last_text and CORRECT in director.buttons()
    await director.press(CORRECT)
    assert "Indicateur 1/8" in director.last_text and CORRECT not in director.buttons()
    await director.send("15")
    assert "Indicateur 2/8" in director.last_text and CORRECT in director.buttons()
    await director.press("✅ Garder")
    assert "Indicateur 3/8" in director.last_text and CORRECT not in director.buttons()


async def test_the_figures_correct_survives_a_refused_answer(world):
    harness, _clock = world
    director, _member, _committee = await admissible_coop(harness, "Coop Chiffres Encore")
    await director.send("/progres")
    await director.press("✏️ Mettre à jour les chiffres")
    await director.send("51")
    assert "Indicateur 2/8" in director.last_text and CORRECT in director.buttons()
    await director.send("beaucoup")
    assert "Indicateur 2/8" in director.last_text and CORRECT in director.buttons()
    await director.press(CORRECT)
    assert "Indicateur 1/8" in director.last_text and CORRECT not in director.buttons()
    await director.send("15")
    await director.press("✅ Garder")
    assert "Indicateur 3/8" in director.last_text and CORRECT not in director.buttons()
