"""An admissibility recorded late, dated back more than six months (the decision was taken at an earlier
meeting). Before, the coop read « …points d’étape le 5 février 2027 et le 5 août 2027. » on 19 September
2027, both days passed and neither checkpoint held. Now a checkpoint whose day had passed when the decision
was recorded is said as the home and /calendrier say an overdue one (« ⏳ … : échéance le …, en attente
d’enregistrement par le comité »), and only what is still ahead is announced as ahead."""

from __future__ import annotations

from tests.conversations.test_early_visit import submitted_coop
from tests.conversations.test_label_journey import decide

NBSP = "\u00a0"


async def news_of(harness, clock, days: int, dated: str) -> str:
    """The coop's news of its admissibility, recorded ``days`` after 23 November 2026 and dated ``dated``."""
    director, committee = await submitted_coop(harness)  # submitted on 1 August 2026
    clock.advance(days=days)
    await decide(committee, "Coop Horizon", "✅ Déclarer recevable", "Recevable.", dated)
    await harness.run_background()
    return next(text for text in reversed(director.texts()) if "recevable le" in text)


async def test_checkpoints_already_past_are_said_overdue_not_ahead(world):
    harness, clock = world
    news = await news_of(harness, clock, 300, "05/08/2026")  # recorded on 19 September 2027
    assert "points d’étape le" not in news
    assert (
        "Le comité de validation a déclaré votre dossier recevable le 5 août 2026. Vous avez jusqu’au "
        "5 février 2028 pour mettre en place votre démarche (la visite du comité a lieu d’ici là)."
    ) in news
    assert (
        f"⏳ Point d’étape à 6 mois{NBSP}: échéance le 5 février 2027, en attente d’enregistrement par le comité"
    ) in news
    assert (
        f"⏳ Point d’étape à 12 mois{NBSP}: échéance le 5 août 2027, en attente d’enregistrement par le comité"
    ) in news


async def test_only_the_first_checkpoint_past_leaves_the_next_one_ahead(world):
    harness, clock = world
    news = await news_of(harness, clock, 100, "01/09/2026")  # recorded on 3 March 2027
    assert f"{NBSP}; prochain point d’étape le 1er septembre 2027." in news
    assert f"⏳ Point d’étape à 6 mois{NBSP}: échéance le 1er mars 2027" in news
    assert "12 mois" not in news


async def test_an_admissibility_recorded_on_time_announces_both_checkpoints(world):
    harness, clock = world
    news = await news_of(harness, clock, 0, "31/08/2026")
    assert f"{NBSP}; points d’étape le 28 février 2027 et le 31 août 2027." in news
    assert "⏳" not in news
