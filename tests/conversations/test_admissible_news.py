"""The news of an admissibility gives the coop its dates, right even when it is recorded late."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import select

from models.tables import Dossier
from tests.conversations.test_early_visit import submitted_coop
from tests.conversations.test_label_journey import decide


async def test_an_admissibility_recorded_late_gives_the_dates_not_18_months_from_now(world):
    """Recorded on 23 November 2026 as of 5 January 2026: the visit is due by 5 July 2027, not 18
    months from the news, and the 6-month checkpoint's date is the one the calendar shows."""
    harness, _clock = world
    director, committee = await submitted_coop(harness)
    async with harness.database.transaction() as session:
        dossier = (await session.exec(select(Dossier))).one()
        dossier.submitted_at = datetime(2025, 12, 1, 10, tzinfo=UTC)
        session.add(dossier)
    await decide(committee, "Coop Horizon", "✅ Déclarer recevable", "Recevable.", "05/01/2026")
    news = next(text for text in reversed(director.texts()) if text.startswith("🏛"))
    assert "déclaré votre dossier recevable le 5 janvier 2026" in news
    assert "Vous avez jusqu’au 5 juillet 2027 pour mettre en place votre démarche" in news
    # the 6-month checkpoint's day passed before it was recorded: said overdue, not ahead
    assert "prochain point d’étape le 5 janvier 2027" in news
    assert "⏳ Point d’étape à 6 mois\u00a0: échéance le 5 juillet 2026" in news
    assert "18 mois" not in news
