"""A kind or unit button, with the marks of the values it clears, reads its indicator once: the marks
compared and the choice stored on the same row (not a second SELECT for the press, on SQLite as on
PostgreSQL, whose dossier is held by the write)."""

from __future__ import annotations

from tests.unit.test_query_counts import at_a_new_indicators_title, counting

PRESS = 6  # the visitor (1), the indicator (1), the choice, the dossier's version, its audit entry (3), the
# position (1): the marks compared on the row the choice is stored on


def indicator_reads(counted) -> list[str]:
    return [s for s in counted.touching("indicator") if s.startswith("SELECT")]


async def test_a_kind_button_reads_its_indicator_once(harness):
    camille = await at_a_new_indicators_title(harness, 1251)
    await camille.send("Délai de relogement")
    await camille.send("Reloger vite les ménages qui en ont besoin")  # the kind's screen next
    with counting(harness.database.engine) as counted:
        await camille.press("🔢 Un nombre")
    assert "Dans quelle unité" in camille.last_text, camille.last_text
    assert len(indicator_reads(counted)) == 1, counted.said()
    assert len(counted.statements) <= PRESS, counted.said()


async def test_a_unit_button_reads_its_indicator_once(harness):
    camille = await at_a_new_indicators_title(harness, 1252)
    await camille.send("Délai de relogement")
    await camille.send("Reloger vite les ménages qui en ont besoin")
    await camille.press("🔢 Un nombre")
    with counting(harness.database.engine) as counted:
        await camille.press("jours")
    assert "valeur actuelle" in camille.last_text, camille.last_text
    assert len(indicator_reads(counted)) == 1, counted.said()
    assert len(counted.statements) <= PRESS, counted.said()
