"""An indicator's deletion on two instances (PostgreSQL): its confirmation's mark of the actions it counted
is checked with the dossier held, so a colleague's action being added (not committed yet) is waited for
and counted: asked again, nothing deleted. And numbers stay each once, in order, when a deletion and an
addition run at once (the rest numbered again, a new one after the last, both with the dossier held)."""

from __future__ import annotations

import pytest
from sqlmodel import select

from models.dossier.indicators import add_action, add_indicator, delete_indicator
from models.dossier.reads import ConfirmationNeeded, confirm_plan, dossier_of_member, plan_mark
from models.sql.prepared import by_key
from models.tables import Action, Indicator
from tests.conftest import NOW
from tests.conversations.test_stage_races import complete, while_held
from tests.databases import needs_postgres


async def counted(harness, indicator_id: int) -> int:
    """The mark a confirmation drawn now would carry."""
    async with harness.database.transaction() as session:
        actions = (await session.exec(select(Action.id).where(Action.indicator_id == indicator_id))).all()
    return plan_mark(actions)


@needs_postgres
async def test_an_action_being_added_while_its_indicator_is_deleted_is_counted_not_deleted(harness):
    coop_id, dossier_id, indicator_id = await complete(harness, 9931401)
    seen = await counted(harness, indicator_id)
    asked_again = []

    async def add(session) -> None:
        dossier = await dossier_of_member(session, dossier_id, coop_id)
        indicator = await by_key(session, Indicator, indicator_id)
        await add_action(
            session, dossier, indicator, "Ajoutée pendant la suppression", actor_id=None, now=NOW
        )

    async def delete(session) -> None:
        dossier = await dossier_of_member(session, dossier_id, coop_id)
        indicator = await by_key(session, Indicator, indicator_id)
        try:
            await confirm_plan(session, dossier, indicator_id, seen)
        except ConfirmationNeeded:
            asked_again.append(True)
            return
        await delete_indicator(session, dossier, indicator, actor_id=None, now=NOW)

    await while_held(harness, add, delete)
    assert asked_again == [True]
    async with harness.database.transaction() as session:
        assert await by_key(session, Indicator, indicator_id) is not None


@needs_postgres
@pytest.mark.parametrize("held_first", ["add", "delete"])
async def test_a_deletion_and_an_addition_at_once_leave_each_number_once(harness, held_first):
    coop_id, dossier_id, first_id = await complete(harness, 9931411 if held_first == "add" else 9931421)
    async with harness.database.transaction() as session:
        dossier = await dossier_of_member(session, dossier_id, coop_id)
        first = await by_key(session, Indicator, first_id)
        code = first.engagement_code
        await add_indicator(session, dossier, code, title="Deuxième", actor_id=None, now=NOW)

    async def add(session) -> None:
        dossier = await dossier_of_member(session, dossier_id, coop_id)
        await add_indicator(session, dossier, code, title="Troisième", actor_id=None, now=NOW)

    async def delete(session) -> None:
        dossier = await dossier_of_member(session, dossier_id, coop_id)
        indicator = await by_key(session, Indicator, first_id)
        await delete_indicator(session, dossier, indicator, actor_id=None, now=NOW)

    await while_held(harness, *((add, delete) if held_first == "add" else (delete, add)))
    async with harness.database.transaction() as session:
        found = select(Indicator.title, Indicator.position).where(
            Indicator.dossier_id == dossier_id, Indicator.engagement_code == code
        )
        numbered = sorted((await session.exec(found)).all(), key=lambda row: row[1])
    assert numbered == [("Deuxième", 1), ("Troisième", 2)], numbered
