"""New indicators and actions: placed after their siblings, ten at most; gone with their engagement."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import select

from models.coops import create_coop
from models.dossier.current import current_dossier
from models.dossier.indicators import (
    MAX_ACTIONS_PER_INDICATOR,
    MAX_INDICATORS_PER_ENGAGEMENT,
    add_action,
    add_indicator,
)
from models.dossier.reads import ConfirmationNeeded, LimitReached, actions_of
from models.dossier.writes import set_engagement
from models.sql.prepared import by_key
from models.tables import Action, EngagementChoice, Indicator
from tests.unit.test_query_counts import counting

NOW = datetime(2026, 12, 2, 9, 30, tzinfo=UTC)


async def full_engagement(db) -> tuple[int, Indicator, Indicator]:
    """Engagement 1 with ten indicators, the last with ten actions; engagement 2 with one of each.

    The coop's id, engagement 1's last indicator, engagement 2's; each eleventh is refused.
    """
    async with db.transaction() as session:
        coop = await create_coop(session, "Coop de la Loire", now=NOW)
        dossier = await current_dossier(session, coop.id)
        for code in (1, 2):
            await set_engagement(session, dossier, code, True, actor_id=None, now=NOW)
        other = await add_indicator(session, dossier, 2, title="Ailleurs", actor_id=None, now=NOW)
        for number in range(MAX_INDICATORS_PER_ENGAGEMENT):
            indicator = await add_indicator(session, dossier, 1, title=f"N° {number}", actor_id=None, now=NOW)
        with pytest.raises(LimitReached):
            await add_indicator(session, dossier, 1, title="Un de trop", actor_id=None, now=NOW)
        for number in range(MAX_ACTIONS_PER_INDICATOR):
            await add_action(session, dossier, indicator, f"Étape {number}", actor_id=None, now=NOW)
        await add_action(session, dossier, other, "Ailleurs aussi", actor_id=None, now=NOW)
        with pytest.raises(LimitReached):
            await add_action(session, dossier, indicator, "Une de trop", actor_id=None, now=NOW)
    return coop.id, indicator, other


async def test_new_rows_come_after_their_siblings_and_stop_at_the_limit(db):
    _coop_id, indicator, other = await full_engagement(db)
    async with db.transaction() as session:
        positions = (
            await session.exec(select(Indicator.position).where(Indicator.engagement_code == 1))
        ).all()
        steps = (await session.exec(select(Action.position).where(Action.indicator_id == indicator.id))).all()
    assert sorted(positions) == list(range(1, MAX_INDICATORS_PER_ENGAGEMENT + 1))
    assert sorted(steps) == list(range(1, MAX_ACTIONS_PER_INDICATOR + 1))
    assert other.position == 1


async def test_a_drop_deletes_its_indicators_and_actions_in_a_few_statements_whatever_their_number(db):
    coop_id, indicator, _other = await full_engagement(db)
    async with db.transaction() as session:
        dossier = await current_dossier(session, coop_id)
        with pytest.raises(ConfirmationNeeded) as asked:
            await set_engagement(session, dossier, 1, False, actor_id=None, now=NOW)
        assert (asked.value.indicators, asked.value.actions) == (10, 10)
        # on screens drawn before the drop: the first indicator, and an action of the last one alone
        first = (await session.exec(select(Indicator).where(Indicator.engagement_code == 1))).first()
        step = (await actions_of(session, indicator.id))[0]
        with counting(db.engine) as counted:
            assert await set_engagement(
                session, dossier, 1, False, actor_id=None, confirmed=True, seen=asked.value.seen, now=NOW
            )
        # counted (1); the choice, the actions, the indicators (3); the audit entry and the version (2):
        # whatever their number (here 10 indicators and 10 actions); on PostgreSQL, the dossier held first
        held = (
            db.engine.dialect.name == "postgresql"
        )  # a colleague's indicator committed meanwhile is counted
        assert len(counted.statements) == 6 + held, counted.said()
        assert first not in session and await by_key(session, Indicator, first.id) is None
        assert step not in session and await by_key(session, Action, step.id) is None
        assert not await set_engagement(session, dossier, 1, False, actor_id=None, now=NOW)  # gone already
    async with db.transaction() as session:
        left = [(i.engagement_code, i.title) for i in (await session.exec(select(Indicator))).all()]
        plans = [a.description for a in (await session.exec(select(Action))).all()]
        chosen = [c.engagement_code for c in (await session.exec(select(EngagementChoice))).all()]
    assert (left, plans, chosen) == ([(2, "Ailleurs")], ["Ailleurs aussi"], [2])  # engagement 2's stay
