"""The example under « Valeur actuelle ? » for a unit in the coop's own words (« €/an ») keeps the number
and its unit together (« ex. 12 €/an » with a no-break space), as the echo and every display of the
value do: a plain space before « € » is not French, and a phone's line may part them."""

from __future__ import annotations

from tests.dossier_steps import choose, join, start_own_indicator

NBSP = "\u00a0"


async def test_the_example_of_an_own_unit_is_written_as_its_values_are(harness):
    camille = await join(harness, 501, "fr")
    await choose(camille, [1, 2])
    await start_own_indicator(camille, 1)
    await camille.send("Loyer moyen")
    await camille.send("Il montre que nos loyers restent bas.")
    await camille.press("🔢")
    await camille.send("€/an")
    assert f"ex. 12{NBSP}€/an" in camille.last_text, repr(camille.last_text)
    await camille.send("12")
    assert f"12{NBSP}€/an" in camille.replies[0]["text"]  # the echo, as it always was
    assert f"ex. 12{NBSP}€/an" in camille.last_text, repr(camille.last_text)  # the target's example
    assert not harness.errors


async def test_in_english_too(harness):
    sam = await join(harness, 502, "en")
    await choose(sam, [1, 2])
    await start_own_indicator(sam, 1)
    await sam.send("Average rent")
    await sam.send("It shows our rents stay low.")
    await sam.press("🔢")
    await sam.send("€/year")
    assert f"e.g. 12{NBSP}€/year" in sam.last_text, repr(sam.last_text)
