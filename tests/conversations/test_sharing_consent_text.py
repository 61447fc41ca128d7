"""/partage says everything the sharing gives: the federation's board also shows the average progress
toward the targets, from the sharing coops' values. Before: « La fédération voit la même chose », and
« intitulés, types, unités et cibles », while the board used their starting and current values too."""

from __future__ import annotations

from tests.dossier_steps import join


async def test_the_consent_names_the_progress_the_federation_sees(harness):
    director = await join(harness, 6301, "fr", "Coop Partage", role="direction")
    await director.send("/partage")
    text = director.last_text
    assert "La fédération voit la même chose." not in text
    assert "progression moyenne vers les cibles" in text, text
    assert "valeurs" in text and "cible habituelle" in text, text

    reader = await join(harness, 6302, "en", "Coop Sharing", role="direction")
    await reader.send("/sharing")
    text = reader.last_text
    assert "average progress toward the targets" in text and "typical target" in text, text
    assert "values" in text, text
