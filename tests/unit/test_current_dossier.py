"""A coop's current dossier is read once per transaction, and a new cycle's dossier is seen at once."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import event

from models.coops import create_coop
from models.dossier.current import current_dossier, new_cycle_started
from models.tables import Dossier

NOW = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)


def renewal_of(dossier: Dossier) -> Dossier:
    return Dossier(coop_id=dossier.coop_id, cycle=dossier.cycle + 1, created_at=NOW, updated_at=NOW)


async def test_the_current_dossier_is_read_once_per_transaction(db):
    async with db.transaction() as session:
        coop = await create_coop(session, "Coop Une", now=NOW)
    reads: list[str] = []

    def seen(_conn, _cursor, sql, *_args) -> None:
        reads.append(sql)

    event.listen(db.engine.sync_engine, "before_cursor_execute", seen)
    try:
        async with db.transaction() as session:
            first = await current_dossier(session, coop.id)
            await session.flush()  # a flush in between does not forget it
            assert await current_dossier(session, coop.id) is first
        async with db.transaction() as session:  # a new transaction reads it again
            assert (await current_dossier(session, coop.id)).id == first.id
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", seen)
    assert len(reads) == 2, reads


async def test_a_new_cycle_is_the_current_dossier_at_once_and_a_savepoint_rolled_back_takes_it_away(db):
    async with db.transaction() as session:
        coop = await create_coop(session, "Coop Deux", now=NOW)
    async with db.transaction() as session:
        first = await current_dossier(session, coop.id)
        async with session.begin_nested() as savepoint:
            undone = renewal_of(first)  # held, as the renewal's own code holds it
            session.add(undone)
            new_cycle_started(session, coop.id)
            await session.flush()
            assert (await current_dossier(session, coop.id)).cycle == 2
            await savepoint.rollback()
        assert (await current_dossier(session, coop.id)).cycle == 1
        renewal = renewal_of(first)
        session.add(renewal)
        new_cycle_started(session, coop.id)
        await session.flush()
        assert await current_dossier(session, coop.id) is renewal
