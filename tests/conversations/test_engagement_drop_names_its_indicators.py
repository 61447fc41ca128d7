"""Unticking an engagement that has indicators asks first; its confirmation now says what it deletes by
name and where the person is, as the other deletions' confirmations do (ux.md: a destructive action says
exactly what will happen; every screen starts with where you are).

Before: « 1. Permettre l’accès… » then « ⚠️ Retirer cet engagement supprime aussi 1 indicateur… »: which
indicator, and with how many actions, was not said, and the screen had no where-line. Now: « Axe 1 ·
Engagement 1 » first, then each indicator that goes, by its title (escaped), with its actions counted.
"""

from __future__ import annotations

from tests.dossier_steps import (
    FR_ANSWERS,
    choose,
    fill_suggested_indicator,
    join,
    open_home,
    start_own_indicator,
)

SUGGESTED = "Part de logements PSLA/BRS dans la production"  # engagement 1's first suggestion
OWN = "Délai de réparation <48 h> & suivi"


async def test_removing_an_engagement_names_its_indicators_their_actions_and_where(harness):
    c = await join(harness, 9791101, "fr", "Coop Retrait")
    await choose(c, [1, 2, 3])  # axis 1 keeps 2 without engagement 1: nothing more is left short
    await fill_suggested_indicator(c, 1, FR_ANSWERS)  # its first suggestion, with one action
    await start_own_indicator(c, 1)
    await c.send(OWN)  # a second indicator, with no action yet
    await open_home(c)
    await c.press("Axe 1")
    await c.press("✅ 1 · ", c.last)
    assert c.last_text.startswith(
        "Axe 1 · Engagement 1\n1. Permettre l’accès à un logement abordable au plus grand nombre\n\n"
    ), c.last_text
    assert (
        f"\n📈 {SUGGESTED} — 1 action\n📈 {OWN} — 0 action\n\n"
        "⚠️ Retirer cet engagement supprime aussi ses 2 indicateurs et 1 action. C’est définitif."
    ) in c.last_text, c.last_text
    assert c.buttons() == ["🗑 Oui, le retirer", "Annuler"]
