"""Two colleagues giving the same answer to the same question: no conflict, the answer is taken.

The value a colleague stored meanwhile is compared with the answer as stored (« 12,5 » and « 12.5 »
are one number, a text is compared once cleaned, an indicator's value in its kind and unit): the same
one is no change of theirs to protect. Nothing is written, the colleague's save is the one change the
audit trail shows, and the next question comes. In the chat, in the domain function (a colleague's save
committed while this one waited) and through the Mini App, which stores by the same function.
"""

from __future__ import annotations

import pytest
from sqlmodel import select

from models.dossier.indicators import update_indicator
from models.dossier.reads import StaleValue, indicator_of_member
from models.tables import AuditEntry, Dossier, Indicator
from tests.conftest import NOW
from tests.conversations.test_miniapp_api import auth, client, coop_with_indicator
from tests.conversations.test_stage_races import complete
from tests.dossier_steps import choose, join, open_home

RATIONALE = "Parce que nos logements restent abordables."


async def at_first_indicator(user) -> None:
    """The suggested indicator 1 of engagement 1: added by the first, continued by the second."""
    await open_home(user)
    await user.press("📊 Indicateurs")
    await user.press(" 1 · ")
    await user.press("➕ Ajouter un indicateur")
    await user.press("1 · ")


async def updates(harness, field: str) -> list[AuditEntry]:
    """The audit trail's changes of one field of the indicators."""
    async with harness.database.transaction() as session:
        found = await session.exec(
            select(AuditEntry).where(AuditEntry.entity == "indicator", AuditEntry.field == field)
        )
        return list(found.all())


async def test_the_same_answer_typed_by_two_colleagues_at_once_is_taken_and_the_next_question_comes(harness):
    director = await join(harness, 701, "fr")
    colleague = harness.user(702, "Bob", language_code="fr")
    await colleague.send(f"/start {director.invitations.member_token}")
    await choose(director, [1])
    await at_first_indicator(director)
    await at_first_indicator(colleague)  # both asked the rationale, still empty
    await director.send(RATIONALE)
    await colleague.send(f"  {RATIONALE} ")  # stored cleaned: the same text
    assert "Laquelle garder" not in colleague.last_text
    assert "Quelle est sa valeur actuelle" in colleague.last_text
    await director.send("12,5")
    await colleague.send("12.5")  # the same number, typed another way
    said = colleague.last_text.replace("\u00a0", " ")
    assert "Laquelle garder" not in said
    assert said.startswith("✅ Valeur actuelle : 12,5 %") and "Quelle valeur cible visez-vous" in said
    await colleague.send("20")  # an answer to the next question, not « choose with the buttons »
    assert colleague.last_text.replace("\u00a0", " ").startswith("✅ Valeur cible : 20 %")
    for field, stored in (("rationale", RATIONALE), ("current_value", "12.5")):
        entries = await updates(harness, field)
        # the director's save only: no second change, in Bob's name, of the same value
        assert [(entry.actor_id, entry.new_value) for entry in entries] == [(director.id, stored)]


async def test_a_colleagues_same_value_committed_while_saving_is_no_conflict_in_the_same_terms_only(harness):
    """The colleague's save lands between this one's read and its write (another instance): the same
    value is taken with nothing written; the same text in another unit is still a conflict."""
    coop_id, dossier_id, indicator_id = await complete(harness, 9520001)
    async with harness.database.transaction() as session:
        indicator, dossier = await indicator_of_member(session, indicator_id, coop_id)
        for name, value in (("value_kind", "number"), ("unit", "percent"), ("current_value", None)):
            await update_indicator(session, dossier, indicator, name, value, actor_id=None, now=NOW)
    audited = len(await updates(harness, "current_value"))
    async with harness.database.transaction() as mine:
        indicator, dossier = await indicator_of_member(mine, indicator_id, coop_id)  # read: empty
        async with harness.database.transaction() as colleague:
            theirs, held = await indicator_of_member(colleague, indicator_id, coop_id)
            await update_indicator(colleague, held, theirs, "current_value", "12.5", actor_id=None, now=NOW)
            version = held.version
        await update_indicator(
            mine, dossier, indicator, "current_value", "12.5", actor_id=None, expected=None, now=NOW
        )
        assert indicator.current_value == "12.5"
    async with harness.database.transaction() as session:
        assert (await session.get(Dossier, dossier_id)).version == version  # nothing of mine written
    assert len(await updates(harness, "current_value")) == audited + 1  # the colleague's save only
    async with harness.database.transaction() as session:
        indicator, dossier = await indicator_of_member(session, indicator_id, coop_id)
        await update_indicator(session, dossier, indicator, "current_value", "40", actor_id=None, now=NOW)
    async with harness.database.transaction() as mine:  # the colleague changes the unit and types 12,5 in it
        indicator, dossier = await indicator_of_member(mine, indicator_id, coop_id)  # read: 40 %
        for name, value in (("unit", "euro"), ("current_value", "12.5")):
            async with harness.database.transaction() as colleague:
                theirs, held = await indicator_of_member(colleague, indicator_id, coop_id)
                await update_indicator(colleague, held, theirs, name, value, actor_id=None, now=NOW)
        with pytest.raises(StaleValue):  # 12,5 € is not the 12,5 % answered
            await update_indicator(
                mine, dossier, indicator, "current_value", "12.5", actor_id=None, expected="40", now=NOW
            )
        assert (indicator.unit, indicator.current_value) == ("euro", "12.5")  # the box says theirs


async def test_a_colleagues_same_unit_chosen_meanwhile_clears_none_of_the_values_they_typed_since(harness):
    """Bob chose « percent » (which cleared the values) and typed 40; my « percent », read before both,
    is his choice already: taken, and it clears nothing of his."""
    coop_id, _dossier_id, indicator_id = await complete(harness, 9520002)
    async with harness.database.transaction() as session:
        indicator, dossier = await indicator_of_member(session, indicator_id, coop_id)
        for name, value in (("value_kind", "number"), ("unit", "count"), ("current_value", "12")):
            await update_indicator(session, dossier, indicator, name, value, actor_id=None, now=NOW)
    async with harness.database.transaction() as mine:
        indicator, dossier = await indicator_of_member(mine, indicator_id, coop_id)  # read: count, 12
        for name, value in (("unit", "percent"), ("current_value", "40")):
            async with harness.database.transaction() as colleague:
                theirs, held = await indicator_of_member(colleague, indicator_id, coop_id)
                await update_indicator(colleague, held, theirs, name, value, actor_id=None, now=NOW)
        await update_indicator(
            mine, dossier, indicator, "unit", "percent", actor_id=None, expected="count", now=NOW
        )
    async with harness.database.transaction() as session:
        row = await session.get(Indicator, indicator_id)
        assert (row.unit, row.current_value) == ("percent", "40")


async def test_the_mini_app_takes_a_colleagues_same_value_saved_since_the_page_showed_it(web_harness):
    """The Mini App stores through the same function: 200, nothing changed, Bob's save the one change."""
    director, dossier = await coop_with_indicator(web_harness, 4721, "Coop Même Valeur")
    bob = web_harness.user(4722, "Bob", "fr")
    await bob.send(f"/start {director.invitations.member_token}")
    row = {"entity": "indicator", "id": dossier["engagements"][0]["indicators"][0]["id"]}
    terms = ["number", "percent"]
    async with client(web_harness) as http:

        async def post(who, change: dict):
            return await http.post("/app/api/field", headers=auth(who), json={**row, **change})

        for field, value in zip(("value_kind", "unit"), terms, strict=True):
            assert (
                await post(director, {"field": field, "value": value, "expected": None})
            ).status_code == 200
        typed = {"field": "current_value", "expected": None, "terms": terms}  # as both pages show it: empty
        assert (await post(bob, {**typed, "value": "12,5"})).status_code == 200
        mine = await post(director, {**typed, "value": "12.5 %"})
        assert mine.status_code == 200 and mine.json()["changed"] is False
        assert mine.json()["field"]["value"] == "12.5"  # as stored
    entries = await updates(web_harness, "current_value")
    assert [(entry.actor_id, entry.new_value) for entry in entries] == [(bob.id, "12.5")]
