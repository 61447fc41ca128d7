"""What the shared practices read: the sharing coops' current dossiers only (models.dossier.practices)."""

from __future__ import annotations

from datetime import UTC, datetime

from models.dossier.practices import IDS_PER_STATEMENT, shared_indicators
from models.tables import Coop, Dossier, Indicator, PracticeSharing

NOW = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)


async def _coop(session, number: int, *, shares: bool, cycles: int = 1) -> list[Dossier]:
    """A coop with its dossiers (one per cycle), each with one indicator of engagement 3 and one of 5."""
    session.add(Coop(id=number, name=f"Coop {number}", created_at=NOW))
    await session.flush()
    if shares:
        session.add(PracticeSharing(coop_id=number, indicators=True, decided_at=NOW))
    dossiers = [
        Dossier(coop_id=number, cycle=cycle, created_at=NOW, updated_at=NOW) for cycle in range(1, cycles + 1)
    ]
    session.add_all(dossiers)
    await session.flush()
    for dossier in dossiers:
        for code in (3, 5):
            title = f"coop {number} cycle {dossier.cycle} engagement {code}"
            session.add(Indicator(dossier_id=dossier.id, engagement_code=code, position=1, title=title))
    await session.flush()
    return dossiers


async def test_only_the_sharing_coops_current_dossiers_are_read(db):
    async with db.transaction() as session:
        await _coop(session, 1, shares=True, cycles=2)  # renewed: its second cycle is the current one
        await _coop(session, 2, shares=False)
        await _coop(session, 3, shares=True)
        await _coop(session, 4, shares=False)
        session.add(PracticeSharing(coop_id=4, indicators=False, decided_at=NOW))  # said no
    async with db.transaction() as session:
        rows = await shared_indicators(session, 3)
        every = await shared_indicators(session)
    assert [row[0].title for row in rows] == ["coop 1 cycle 2 engagement 3", "coop 3 cycle 1 engagement 3"]
    assert [(row[1].coop_id, row[2].cycle) for row in rows] == [(1, 2), (3, 1)]
    assert len(every) == 4 and {row[2].coop_id for row in every} == {1, 3}


async def test_more_sharing_coops_than_one_statement_holds(db):
    coops = IDS_PER_STATEMENT + 3
    async with db.transaction() as session:
        for number in range(1, coops + 1):
            await _coop(session, number, shares=True)
    async with db.transaction() as session:
        rows = await shared_indicators(session, 5)
    assert len(rows) == coops and len({row[2].coop_id for row in rows}) == coops
