"""The follow-up's questions: « ✅ Keep » is the one word for « the value has not changed » (ux.md), in
/progres and in the bilan alike, and every question has « 🏠 My dossier » beside « ⬅️ Back »."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.conversations.test_bilans import admissible_coop

HOME, BACK, KEEP = "🏠 Mon dossier", "⬅️ Retour", "✅ Garder"


async def test_progress_and_bilan_keep_a_value_with_the_same_word_and_have_a_home(world):
    harness, clock = world
    director, _member, _committee = await admissible_coop(harness, "Coop Garder")
    await director.send("/progres")
    await director.press("✏️ Mettre à jour")
    assert {KEEP, BACK, HOME} <= set(director.buttons()), director.buttons()
    await director.press("⬅️ Retour")
    await director.press("✅ Actions")
    await director.press("⬜ 1 · ")
    assert {BACK, HOME} <= set(director.buttons()), director.buttons()
    await director.press("✏️ Note")
    assert {BACK, HOME} <= set(director.buttons()), director.buttons()

    clock.now = datetime(2027, 5, 10, 8, 0, tzinfo=UTC)
    await director.send("/bilan")
    await director.press("📈 Valeurs")
    assert {KEEP, "⏭ Passer", BACK, HOME} <= set(director.buttons()), director.buttons()
    assert "✅ Toujours juste" not in director.buttons()
    await director.press(KEEP)  # checked, as « still right » was
    assert "Indicateur 2/8" in director.last_text
    await director.press(HOME)
    await director.send("/bilan")
    assert "Indicateurs (1/8 vérifiés)" in director.last_text
    await director.press("✅ Actions")
    assert {BACK, HOME} <= set(director.buttons()), director.buttons()
    await director.press("🚫 ")
    assert {BACK, HOME} <= set(director.buttons()), director.buttons()  # why it was dropped
    for question in ("⚠️ Difficultés", "🤝 Aide souhaitée"):
        await director.send("/bilan")
        await director.press(question)
        assert {BACK, HOME} <= set(director.buttons()), (question, director.buttons())
