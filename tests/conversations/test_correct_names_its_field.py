"""« ✏️ Corriger » under an echo above the next question stays short; above the row's own screen (the
wizard done, or one field edited), among the row's ✏️ buttons, it says which field it reopens."""

from __future__ import annotations

from tests.dossier_steps import choose, join, open_home


async def test_the_correct_button_after_the_last_step_names_the_due_date(harness):
    d = await join(harness, 9501, "fr")
    await choose(d, [1])
    await open_home(d)
    await d.press("📊 Indicateurs")
    await d.press(" 1 · ")
    await d.press("➕ Ajouter un indicateur")
    await d.press("1 · ")
    await d.send("Parce que nos logements restent abordables.")
    await d.send("12,5 %")
    assert d.buttons()[0] == "✏️ Corriger"  # above the next question: the echo's, plainly
    for answer in ("25 %", "12/2028", "Former l’équipe au BRS", "La directrice", "mars 2027"):
        await d.send(answer)
    assert "✅ Échéance\xa0: mars 2027" in d.last_text and "Plan d’actions" in d.last_text, d.last_text
    assert d.buttons()[0] == "✏️ Corriger\xa0: échéance", d.buttons()
    assert "✏️ Corriger" not in d.buttons()[1:]
    await d.press("✏️ Corriger\xa0: échéance")
    assert "Pour quand" in d.last_text, d.last_text

    await d.send("avril 2027")  # one field edited from the indicator's screen: its echo says which too
    await d.press("✏️ Cible")
    await d.send("30 %")
    assert d.buttons()[0] == "✏️ Corriger\xa0: valeur cible", d.buttons()
