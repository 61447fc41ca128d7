"""A dossier marked « prêt à soumettre », then the federation loads its official referential, which moves
engagements 5 and 6 out of axis 2 (as ``test_committee_incomplete`` does): the dossier no longer meets
the rules.

Before: the home still offered the direction « 📤 Soumettre au comité », which only answered « ⛔ Le
dossier ne peut pas encore être soumis ». Now it is offered only to a complete dossier, as it already was
for one the committee asked more of; the home says what is missing."""

from __future__ import annotations

from tests.conversations.test_committee_incomplete import load_official_referential
from tests.dossier_fill import complete_dossier
from tests.dossier_steps import join, open_home

SUBMIT = "📤 Soumettre au comité"


async def test_a_ready_dossier_left_short_by_a_new_referential_is_not_offered_to_submit(world):
    harness, _clock = world
    director = await join(harness, 701, "fr", "Coop Horizon")
    await complete_dossier(director)
    await open_home(director)
    await director.press("✅ Marquer")
    assert SUBMIT in director.buttons(), director.buttons()
    await load_official_referential(harness)
    await director.send("/dossier")
    home = director.last_text
    assert "Il manque 2 engagements dans l’axe 2" in home, home
    assert SUBMIT not in director.buttons(), (home, director.buttons())
    await director.press("📄 Relire")
    assert SUBMIT not in director.buttons(), director.buttons()
