"""Values and dates typed as coop staff write them on a planning (« 12,5 % 🎯 », « T2 2027 », « dans 6
mois »): read, and echoed as read, so that nothing is silently wrong (tests/unit/test_parsing_planners_periods.py,
tests/unit/test_parsing_dressed_values.py for every form)."""

from __future__ import annotations

from tests.dossier_steps import choose, join, start_own_indicator

NBSP = "\u00a0"


async def test_a_value_with_its_emoji_a_quarter_and_six_months_on_are_read_and_echoed(harness):
    """« 12,5 % 🎯 » was « Je ne reconnais pas de nombre », « T2 2027 » and « dans 6 mois » « Je ne
    reconnais pas de date » (today: 23 November 2026)."""
    director = await join(harness, 2301, "fr", "Coop Planning")
    await choose(director, [1])
    await start_own_indicator(director, 1)
    await director.send("Part des logements en BRS")
    await director.send("Parce que le BRS rend l’accession abordable.")
    await director.press("🔢")
    await director.press("%")
    await director.send("12,5 % 🎯")
    said = director.replies[0]["text"]
    assert said.startswith(f"✅ Valeur actuelle{NBSP}: 12,5{NBSP}%\n"), said
    await director.send("30 %")
    await director.send("T2 2027")  # the quarter's last day, as a month stands for its last day
    said = director.replies[0]["text"]
    assert said.startswith(f"✅ Date cible{NBSP}: juin 2027 (30 juin 2027)\n"), said
    await director.send("Lancer un projet")
    await director.send("La directrice")
    await director.send("dans 6 mois")  # the day read, said
    said = director.replies[0]["text"]
    assert said.startswith(f"✅ Échéance{NBSP}: 23 mai 2027\n"), said
    assert "1. Lancer un projet — La directrice — 23 mai 2027" in said, said
