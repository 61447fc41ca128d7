"""An indicator's figures named as the rest of the product names them.

Before: the engagement screen said « 12,5 % → 30 % (échéance : 31 mai 2028) » where the indicator's
screen and /recap say « Date cible » (« échéance » is an action's due date); and /progres numbered the
indicators « 4. Nombre d’associés », « 6. Taux d’impayés de loyer » in the « N. » style of engagement
numbers, for a coop whose 4th indicator serves engagement 5 (its action plan says « Eng. 5 · Nombre
d’associés »). Now « (date cible : 31 mai 2028) », and /progres says each indicator's engagement:
« Eng. 5 · Nombre d’associés »."""

from __future__ import annotations

from tests.conversations.test_bilans import admissible_coop
from tests.dossier_fill import complete_dossier
from tests.dossier_steps import join, open_home


async def test_the_engagement_screen_calls_the_target_date_as_the_indicator_screen_does(harness):
    director = await join(harness, 5201, "fr", "Coop Dates")
    await complete_dossier(director)
    await open_home(director)
    await director.press("📊 Indicateurs")
    await director.press(" 1 · ")
    figures = next(line for line in director.last_text.splitlines() if "→" in line)
    assert figures.strip() == "12,5\u00a0% → 30\u00a0% (date cible\u00a0: 31 mai 2028)", figures
    await director.press("1 · ")  # the indicator's own screen: the same words
    assert "Date cible\u00a0: 31 mai 2028" in director.last_text, director.last_text


async def test_progress_names_each_indicators_engagement_not_a_count(world):
    harness, _clock = world
    director, member, _committee = await admissible_coop(harness, "Coop Nombres")  # engagements 1, 2, 3, 5…
    await director.send("/progres")
    lines = director.last_text.splitlines()
    assert "Eng. 5 · Nombre d’associés" in lines and "Eng. 9 · Taux d’impayés de loyer" in lines, lines
    assert not any(line[:1].isdigit() for line in lines), lines  # no « 4. », « 6. » left
    await director.press("✅ Actions")  # the action plan names them the same way
    assert "(Eng. 5 · Nombre d’associés)" in director.last_text, director.last_text
    await member.send("/progress")  # in English too
    assert "Eng. 5 · Number of cooperative members" in member.last_text.splitlines(), member.last_text
