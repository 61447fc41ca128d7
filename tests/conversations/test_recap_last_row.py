"""A screen opened from /recap's ✏️ ends as every screen does, on one row: « ⬅️ Récapitulatif », where its
way back leads, beside « 🏠 Mon dossier » (« ⬅️ Retour au récapitulatif » was too long to share it)."""

from __future__ import annotations

from tests.dossier_steps import choose, join, open_home


def last_row(user) -> list[str]:
    return [b["text"] for b in user.last["reply_markup"]["inline_keyboard"][-1]]


async def test_screens_opened_from_the_recap_end_with_recap_beside_home(harness):
    director = await join(harness, 8_811, "fr")
    await choose(director, [1, 2])
    for part in ("✏️ Indicateurs", "✏️ Démarche", "✏️ Documents", "✏️ Axe 1"):
        await director.send("/recap")
        await director.press(part)
        assert last_row(director) == ["⬅️ Récapitulatif", "🏠 Mon dossier"], (part, last_row(director))
    await director.press("⬅️ Récapitulatif")
    assert "✏️ Indicateurs" in director.buttons(), director.last_text  # back on the recap

    # a screen with a way back of its own keeps « ⬅️ Retour | 🏠 », the recap's way on the row above
    await director.send("/recap")
    await director.press("✏️ Indicateurs")
    await director.press(" 1 · ")
    rows = [[b["text"] for b in row] for row in director.last["reply_markup"]["inline_keyboard"]]
    assert rows[-2:] == [["⬅️ Récapitulatif"], ["⬅️ Retour", "🏠 Mon dossier"]], rows


async def test_not_from_the_recap_no_way_to_it(harness):
    sam = await join(harness, 8_812, "en")
    await choose(sam, [1, 2])
    await open_home(sam)
    await sam.press("📊 Indicators")
    assert last_row(sam) == ["🏠 My dossier"] and "⬅️ Recap" not in sam.buttons(), sam.buttons()
