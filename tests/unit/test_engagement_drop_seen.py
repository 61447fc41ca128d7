"""A drop of an engagement removes what its confirmation named (``seen``), nothing a colleague added since,
even added by another instance while the drop runs (PostgreSQL: the dossier is held first)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from sqlmodel import func, select

from models.coops import create_coop
from models.dossier.current import current_dossier
from models.dossier.indicators import add_action, add_indicator
from models.dossier.reads import ConfirmationNeeded
from models.dossier.writes import set_engagement
from models.tables import EngagementChoice, Indicator
from tests.databases import needs_postgres

NOW = datetime(2026, 12, 2, 9, 30, tzinfo=UTC)


async def one_indicator(db) -> int:
    """A coop whose engagement 1 has one indicator with one action; its id."""
    async with db.transaction() as session:
        coop = await create_coop(session, "Coop du Cher", now=NOW)
        dossier = await current_dossier(session, coop.id)
        await set_engagement(session, dossier, 1, True, actor_id=None, now=NOW)
        indicator = await add_indicator(session, dossier, 1, title="Le premier", actor_id=None, now=NOW)
        await add_action(session, dossier, indicator, "Son action", actor_id=None, now=NOW)
    return coop.id


async def asked(db, coop_id: int) -> ConfirmationNeeded:
    """The confirmation a drop asks for now."""
    async with db.transaction() as session:
        dossier = await current_dossier(session, coop_id)
        with pytest.raises(ConfirmationNeeded) as needed:
            await set_engagement(session, dossier, 1, False, actor_id=None, now=NOW)
    return needed.value


async def left(db) -> tuple[int, int]:
    """Indicators left, and engagements chosen."""
    async with db.transaction() as session:
        indicators = (await session.exec(select(func.count(Indicator.id)))).one()
        chosen = (await session.exec(select(func.count(EngagementChoice.id)))).one()
    return indicators, chosen


async def add_second(session, coop_id: int) -> None:
    dossier = await current_dossier(session, coop_id)
    await add_indicator(session, dossier, 1, title="Celui d’Alex", actor_id=None, now=NOW)


async def test_a_confirmation_for_other_indicators_is_asked_again_and_removes_nothing(db):
    coop_id = await one_indicator(db)
    first = await asked(db, coop_id)
    assert (first.indicators, first.actions, first.changed) == (1, 1, False)
    async with db.transaction() as session:
        await add_second(session, coop_id)
    async with db.transaction() as session:
        dossier = await current_dossier(session, coop_id)
        with pytest.raises(ConfirmationNeeded) as again:
            await set_engagement(
                session, dossier, 1, False, actor_id=None, confirmed=True, seen=first.seen, now=NOW
            )
    assert (again.value.indicators, again.value.actions, again.value.changed) == (2, 1, True)
    assert again.value.seen != first.seen
    assert await left(db) == (2, 1)
    async with db.transaction() as session:
        dossier = await current_dossier(session, coop_id)
        assert await set_engagement(
            session, dossier, 1, False, actor_id=None, confirmed=True, seen=again.value.seen, now=NOW
        )
    assert await left(db) == (0, 0)


@needs_postgres
async def test_an_indicator_added_by_another_instance_while_the_drop_runs_is_counted(db):
    """Alex's transaction has added an indicator, not committed yet, when Sam's confirmed drop starts:
    the drop waits for it (the dossier held), reads it, and asks again instead of deleting it."""
    coop_id = await one_indicator(db)
    seen = (await asked(db, coop_id)).seen
    added, release = asyncio.Event(), asyncio.Event()

    async def alex() -> None:
        async with db.transaction() as session:
            await add_second(session, coop_id)
            added.set()
            await release.wait()

    async def sam() -> tuple[bool, object]:
        await added.wait()
        async with db.transaction() as session:
            dossier = await current_dossier(session, coop_id)
            dropping = asyncio.ensure_future(
                set_engagement(session, dossier, 1, False, actor_id=None, confirmed=True, seen=seen, now=NOW)
            )
            await asyncio.sleep(0.3)
            waited = not dropping.done()
            release.set()
            try:
                return waited, await dropping
            except ConfirmationNeeded as needed:
                return waited, needed.indicators

    assert (await asyncio.gather(alex(), sam()))[1] == (True, 2)
    assert await left(db) == (2, 1)
