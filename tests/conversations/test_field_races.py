"""Two colleagues saving the same field at once: one is saved, the other is told (the conflict rule).

Each save reads the field, then holds the dossier, then writes. On PostgreSQL (READ COMMITTED) a
colleague's save committed between the read and the write must be seen by the write, not overwritten
while both are told « saved ». The interleaving is made exact first (the colleague commits right after
the read: SQLite and PostgreSQL alike), then run for real through the Mini App (PostgreSQL only: the
in-loop SQLite runs one transaction at a time).
"""

from __future__ import annotations

import asyncio

import pytest
from sqlmodel import select

from models.dossier.indicators import update_action, update_indicator
from models.dossier.reads import StaleValue, action_of_member, dossier_of_member, indicator_of_member
from models.dossier.writes import update_involvement
from models.tables import Action, AuditEntry, Dossier, Indicator
from tests.conftest import NOW
from tests.conversations.test_miniapp_api import auth, client, coop_with_indicator
from tests.conversations.test_stage_races import complete
from tests.databases import needs_postgres


async def stored(harness, model, key: int):
    """A row as committed."""
    async with harness.database.transaction() as session:
        return await session.get(model, key, populate_existing=True)


async def test_a_dossier_text_saved_by_a_colleague_after_it_was_read_is_not_overwritten(harness):
    coop_id, dossier_id, _indicator_id = await complete(harness, 9510001)
    async with harness.database.transaction() as session:  # emptied, as both pages show it
        dossier = await dossier_of_member(session, dossier_id, coop_id)
        await update_involvement(session, dossier, "approach", None, actor_id=None, now=NOW)
    with pytest.raises(StaleValue) as stale:
        async with harness.database.transaction() as mine:
            dossier = await dossier_of_member(mine, dossier_id, coop_id)  # read: empty
            async with harness.database.transaction() as colleague:  # saved by another instance
                theirs = await dossier_of_member(colleague, dossier_id, coop_id)
                await update_involvement(
                    colleague, theirs, "approach", "Texte de Bob", actor_id=None, now=NOW
                )
            await update_involvement(
                mine, dossier, "approach", "Texte de Camille", actor_id=None, expected=None, now=NOW
            )
    assert stale.value.current == "Texte de Bob"  # the box shows the colleague's text beside mine
    assert (await stored(harness, Dossier, dossier_id)).approach == "Texte de Bob"


async def test_an_indicator_field_saved_by_a_colleague_after_it_was_read_is_not_overwritten(harness):
    coop_id, _dossier_id, indicator_id = await complete(harness, 9510002)
    async with harness.database.transaction() as mine:
        indicator, dossier = await indicator_of_member(mine, indicator_id, coop_id)
        seen = indicator.rationale
        async with harness.database.transaction() as colleague:
            theirs, held = await indicator_of_member(colleague, indicator_id, coop_id)
            await update_indicator(
                colleague, held, theirs, "rationale", "Leur raison", actor_id=None, now=NOW
            )
        with pytest.raises(StaleValue) as stale:
            await update_indicator(
                mine, dossier, indicator, "rationale", "Ma raison", actor_id=None, expected=seen, now=NOW
            )
        assert indicator.rationale == "Leur raison"  # the object says what the row holds, for the box
    assert stale.value.current == "Leur raison"
    assert (await stored(harness, Indicator, indicator_id)).rationale == "Leur raison"


async def test_a_unit_change_read_before_a_colleagues_clears_nothing_of_theirs(harness):
    """Bob changed the unit (which cleared the values) and typed the value in his unit; my unit change,
    read before both, is a conflict and clears nothing: his value stays."""
    coop_id, _dossier_id, indicator_id = await complete(harness, 9510003)
    async with harness.database.transaction() as session:
        indicator, dossier = await indicator_of_member(session, indicator_id, coop_id)
        for name, value in (("value_kind", "number"), ("unit", "count"), ("current_value", "12")):
            await update_indicator(session, dossier, indicator, name, value, actor_id=None, now=NOW)
    async with harness.database.transaction() as mine:  # the conflict is shown, the transaction committed
        indicator, dossier = await indicator_of_member(mine, indicator_id, coop_id)  # read: count, 12
        for name, value in (("unit", "percent"), ("current_value", "40")):
            async with harness.database.transaction() as colleague:
                theirs, held = await indicator_of_member(colleague, indicator_id, coop_id)
                await update_indicator(colleague, held, theirs, name, value, actor_id=None, now=NOW)
        with pytest.raises(StaleValue):
            await update_indicator(
                mine, dossier, indicator, "unit", "euros", actor_id=None, expected="count", now=NOW
            )
    row = await stored(harness, Indicator, indicator_id)
    assert (row.unit, row.current_value) == ("percent", "40")


async def test_an_action_field_saved_by_a_colleague_after_it_was_read_is_not_overwritten(harness):
    coop_id, _dossier_id, indicator_id = await complete(harness, 9510004)
    async with harness.database.transaction() as session:
        action_id = (await session.exec(select(Action.id).where(Action.indicator_id == indicator_id))).first()
    async with harness.database.transaction() as mine:
        action, _indicator, dossier = await action_of_member(mine, action_id, coop_id)
        seen = action.owner
        async with harness.database.transaction() as colleague:
            theirs, _, held = await action_of_member(colleague, action_id, coop_id)
            await update_action(colleague, held, theirs, "owner", "Bob", actor_id=None, now=NOW)
        with pytest.raises(StaleValue):
            await update_action(
                mine, dossier, action, "owner", "Camille", actor_id=None, expected=seen, now=NOW
            )
    assert (await stored(harness, Action, action_id)).owner == "Bob"


FIELDS = [
    ("dossier", "approach"),
    ("dossier", "staff_information"),
    ("dossier", "members_information"),
    ("dossier", "members_consultation"),
    ("indicator", "rationale"),
]


@needs_postgres
async def test_two_colleagues_saving_the_same_empty_field_at_once_one_is_told(web_harness):
    """Both pages showed the field empty; both save at the same moment (two requests, two transactions):
    one is saved, the other gets the conflict box, and the audit says one change per field."""
    director, dossier = await coop_with_indicator(web_harness, 9510005, "Coop Course")
    bob = web_harness.user(9510006, "Bob", "fr")
    await bob.send(f"/start {director.invitations.member_token}")
    rows = {
        "dossier": dossier["dossier"]["id"],
        "indicator": dossier["engagements"][0]["indicators"][0]["id"],
    }
    told = []
    async with client(web_harness) as http:
        for entity, name in FIELDS:
            mine = {"entity": entity, "id": rows[entity], "field": name, "expected": None}
            camille, bobs = await asyncio.gather(
                http.post(
                    "/app/api/field", headers=auth(director), json={**mine, "value": "Texte de Camille"}
                ),
                http.post("/app/api/field", headers=auth(bob), json={**mine, "value": "Texte de Bob"}),
            )
            told.append(sorted((camille.status_code, bobs.status_code)))
            box = (camille if camille.status_code == 409 else bobs).json()
            assert box.get("conflict", {}).get("value") in ("Texte de Camille", "Texte de Bob"), box
    assert told == [[200, 409]] * len(FIELDS)  # without the rule: [200, 200], one text silently lost
    async with web_harness.database.transaction() as session:
        saved = (
            await session.exec(select(AuditEntry.field).where(AuditEntry.new_value.like("Texte de %")))
        ).all()
    assert sorted(saved) == sorted(name for _, name in FIELDS)
