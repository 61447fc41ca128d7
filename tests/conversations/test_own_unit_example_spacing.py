"""The example under « Valeur actuelle ? » for a unit in the coop's own words (« €/an ») keeps the number
and its unit together (« ex. 12 €/an » with a no-break space), as the echo and every display of the
value do: a plain space before « € » is not French, and a phone's line may part them."""

from __future__ import annotations

import pytest

from tests.dossier_steps import choose, join, start_own_indicator

NBSP = "\u00a0"
# (language, the indicator's title and why, the unit typed, the example's word)
WORDS = {
    "fr": ("Loyer moyen", "Il montre que nos loyers restent bas.", "€/an", "ex."),
    "en": ("Average rent", "It shows our rents stay low.", "€/year", "e.g."),
}


@pytest.mark.parametrize("language", ["fr", "en"])
async def test_the_example_of_an_own_unit_is_written_as_its_values_are(harness, language):
    title, why, unit, eg = WORDS[language]
    camille = await join(harness, 501, language)
    await choose(camille, [1, 2])
    await start_own_indicator(camille, 1)
    await camille.send(title)
    await camille.send(why)
    await camille.press("🔢")
    await camille.send(unit)
    assert f"{eg} 12{NBSP}{unit}" in camille.last_text, repr(camille.last_text)
    await camille.send("12")
    assert f"12{NBSP}{unit}" in camille.replies[0]["text"]  # the echo, as it always was
    assert f"{eg} 12{NBSP}{unit}" in camille.last_text, repr(camille.last_text)  # the target's example
    assert not harness.errors
