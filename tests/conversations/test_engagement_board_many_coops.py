"""/tableau engagements for a federation of many coops: the same few statements whatever their number."""

from __future__ import annotations

from sqlalchemy import insert

from models.tables import PracticeSharing
from tests.conftest import ADMIN_ID, NOW
from tests.conversations.test_dashboard_many_coops import federation, statements


async def sharing_federation(tmp_path, coops: int):
    """The benchmark's federation, every coop sharing its indicators (every other one its rationales
    too): the board reads each sharing coop's current dossier and indicators."""
    bot = await federation(tmp_path, coops)
    rows = [
        {
            "coop_id": coop,
            "indicators": True,
            "rationales": coop % 2 == 0,
            "decided_by": None,
            "decided_at": NOW,
        }
        for coop in range(1, coops + 2)
    ]
    async with bot.database.engine.begin() as connection:
        await connection.execute(insert(PracticeSharing.__table__), rows)
    return bot


async def test_the_engagement_board_runs_the_same_statements_for_20_coops_as_for_200(tmp_path):
    """Counted on the engine: no statement per coop, and the board says the network's figures."""
    counts = []
    for coops in (20, 200):
        bot = await sharing_federation(tmp_path, coops)
        try:
            admin = bot.user(ADMIN_ID, language_code="fr")
            with statements(bot) as board:
                await admin.send("/tableau engagements")
            assert "progression vers les cibles" in admin.texts()[-1], admin.texts()[-1]
        finally:
            await bot.stop()
        counts.append([sql for sql, _ in board])
    # 9 at both sizes: 5 for the visitor, 4 for the board (engagements chosen, coops sharing, their
    # current dossiers, their indicators); beyond 500 sharing coops the ids go 500 to a statement
    assert len(counts[0]) == len(counts[1]), counts
    assert len(counts[1]) < 12, counts[1]
