"""« Dossier rempli à … » counts what is still to come as all it will ask: an indicator not begun counts
as its answers and its action's. An engagement still to choose counted as one answer only, so a draft with
3 of its 8 engagements filled, the approach answered and no letter read « 86 % » (« 75 % » for the design
review's draft), though more than half of its answers were still to give. It now counts as its
indicator's and action's too: « 42 % »."""

from __future__ import annotations

from tests.dossier_fill import INVOLVEMENT_TEXTS, fill_dossier
from tests.dossier_steps import FR_ANSWERS, join, open_home

NBSP = "\u00a0"


async def test_three_engagements_of_eight_are_not_three_quarters_of_the_dossier(harness):
    camille = await join(harness, 1501, "fr")
    await fill_dossier(camille, [1, 2, 5], FR_ANSWERS, INVOLVEMENT_TEXTS)
    await open_home(camille)
    said = camille.last_text.replace(NBSP, " ")
    # done: 3 engagements + 3 × (7 answers of a number indicator + 3 of its action) + 5 of the approach = 38;
    # to give: 5 engagements to choose, each with its indicator's 6 and its action's 3 (45), and the letter
    assert "📈 Dossier rempli à 42 %" in said, said


async def test_choosing_an_engagement_the_rules_ask_for_never_lowers_the_share(harness):
    """Axis 1 has 2 of its engagements, axis 2 none: a third in axis 1 still meets a rule (8 in all), its
    indicator's answers added to those to give; one more than the rules ask (an axis short of its 2 while
    the 8 are there) adds work and may lower it, as it should."""
    camille = await join(harness, 1502, "fr")
    await fill_dossier(camille, [1, 2], FR_ANSWERS, INVOLVEMENT_TEXTS)
    await open_home(camille)
    before = int(camille.last_text.split("rempli à ")[1].split(NBSP)[0].split(" ")[0])
    await camille.press("✅ Axe 1")
    await camille.press("⬜ 3")
    await open_home(camille)
    after = int(camille.last_text.split("rempli à ")[1].split(NBSP)[0].split(" ")[0])
    assert after >= before, (before, after)
