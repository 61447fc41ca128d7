"""Two colleagues saving the same field at once: one is saved, the other is told (the conflict rule).

Each save reads the field, then holds the dossier, then writes. On PostgreSQL (READ COMMITTED) a
colleague's save committed between the read and the write must be seen by the write, not overwritten
while both are told « saved ». The interleaving is made exact first (the colleague commits right after
the read: SQLite and PostgreSQL alike), then run for real through the Mini App (PostgreSQL only: the
in-loop SQLite runs one transaction at a time).
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import text
from sqlmodel import func, select

from conversations.dossier.editor import entities
from models.dossier.indicators import delete_indicator, update_action, update_indicator
from models.dossier.reads import (
    NotYours,
    StaleValue,
    action_of_member,
    dossier_of_member,
    indicator_of_member,
)
from models.dossier.writes import mark_ready, touch_dossier, update_involvement
from models.tables import Action, AuditEntry, Dossier, DossierStatus, Indicator
from tests.conftest import NOW
from tests.conversations.test_miniapp_api import auth, client, coop_with_indicator
from tests.conversations.test_stage_races import complete
from tests.databases import needs_postgres
from tests.dossier_steps import join


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
    one is saved, the other gets the conflict box, and the audit and the dossier's version say one change
    per field."""
    director, dossier = await coop_with_indicator(web_harness, 9510005, "Coop Course")
    bob = web_harness.user(9510006, "Bob", "fr")
    await bob.send(f"/start {director.invitations.member_token}")
    rows = {
        "dossier": dossier["dossier"]["id"],
        "indicator": dossier["engagements"][0]["indicators"][0]["id"],
    }
    told = []
    version = (await dossier_state(web_harness, rows["dossier"]))[0]
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
    # one change per field: the save refused changed nothing of the dossier
    assert (await dossier_state(web_harness, rows["dossier"]))[0] == version + len(FIELDS)


# A save refused for a conflict leaves the dossier as the colleague left it: its version (a submission
# running at the same time is not refused as « changed meanwhile »), its status (a dossier marked
# ready stays ready) and its last change, with no line in the audit. The colleague saves, then the
# dossier is marked ready, both after this save read the field.
BEFORE = NOW - timedelta(hours=1)


async def colleague_saves_then_marks_ready(harness, coop_id: int, dossier_id: int, save) -> tuple:
    """A colleague's save and the dossier marked ready, committed; the dossier's state after them."""
    async with harness.database.transaction() as colleague:
        dossier = await dossier_of_member(colleague, dossier_id, coop_id)
        await save(colleague, dossier)
        await mark_ready(colleague, dossier, actor_id=None, now=BEFORE)
    return await dossier_state(harness, dossier_id)


async def dossier_state(harness, dossier_id: int) -> tuple:
    """What a refused save must not change: the version, the status, the last change, the audit."""
    async with harness.database.transaction() as session:
        dossier = await session.get(Dossier, dossier_id, populate_existing=True)
        audit = (await session.exec(select(func.count()).select_from(AuditEntry))).one()
    return dossier.version, dossier.status, dossier.updated_at.replace(tzinfo=None), audit


async def test_a_refused_dossier_text_leaves_the_dossier_as_it_was(harness):
    coop_id, dossier_id, _indicator_id = await complete(harness, 9510011)
    async with harness.database.transaction() as mine:  # the conflict is shown, the transaction committed
        dossier = await dossier_of_member(mine, dossier_id, coop_id)
        seen = dossier.approach
        left = await colleague_saves_then_marks_ready(
            harness, coop_id, dossier_id,
            lambda s, d: update_involvement(s, d, "approach", "Texte de Bob", actor_id=None, now=BEFORE),
        )  # fmt: skip
        with pytest.raises(StaleValue):
            await update_involvement(
                mine, dossier, "approach", "Texte de Camille", actor_id=None, expected=seen, now=NOW
            )
    assert left[1] == DossierStatus.READY
    assert await dossier_state(harness, dossier_id) == left


async def test_a_refused_indicator_field_leaves_the_dossier_as_it_was(harness):
    coop_id, _dossier_id, indicator_id = await complete(harness, 9510012)
    async with harness.database.transaction() as mine:
        indicator, dossier = await indicator_of_member(mine, indicator_id, coop_id)
        seen = indicator.rationale

        async def theirs(session, held):
            row, _ = await indicator_of_member(session, indicator_id, coop_id)
            await update_indicator(session, held, row, "rationale", "Leur raison", actor_id=None, now=BEFORE)

        left = await colleague_saves_then_marks_ready(harness, coop_id, dossier.id, theirs)
        with pytest.raises(StaleValue):
            await update_indicator(
                mine, dossier, indicator, "rationale", "Ma raison", actor_id=None, expected=seen, now=NOW
            )
    assert await dossier_state(harness, dossier.id) == left
    assert (await stored(harness, Indicator, indicator_id)).rationale == "Leur raison"


def colleague_after_my_read(monkeypatch, harness, save) -> dict:
    """The colleague's save and the ready mark, committed right after the chat or the page read the
    dossier for the save (its first read in the transaction); the state they left, once done."""
    read = entities.dossier_of_member
    left: dict = {}

    async def reading(session, dossier_id, coop_id, **kwargs):
        found = await read(session, dossier_id, coop_id, **kwargs)
        if not left:
            left["state"] = await colleague_saves_then_marks_ready(harness, coop_id, dossier_id, save)
        return found

    monkeypatch.setattr(entities, "dossier_of_member", reading)
    return left


def bobs_text(text: str, actor_id: int | None = None):
    """A save of the approach, by Bob (or by ``actor_id``)."""
    return lambda s, d: update_involvement(s, d, "approach", text, actor_id=actor_id, now=BEFORE)


async def test_a_save_refused_in_the_chat_leaves_the_dossier_as_it_was(harness, monkeypatch):
    sam = await join(harness, 9510013, "en")
    await sam.send("/dossier")
    await sam.press("👥 Approach")
    await sam.press("✍️ Answer")
    assert "Explain your approach" in sam.last_text
    left = colleague_after_my_read(monkeypatch, harness, bobs_text("Bob's approach"))
    await sam.send("Sam's approach")
    assert "A colleague changed" in sam.last_text and "Their value: Bob's approach" in sam.last_text
    dossier_id = (await dossier_of(harness)).id
    assert left["state"][1] == DossierStatus.READY
    assert await dossier_state(harness, dossier_id) == left["state"]


async def dossier_of(harness) -> Dossier:
    """The only dossier."""
    async with harness.database.transaction() as session:
        return (await session.exec(select(Dossier))).one()


async def test_a_save_refused_by_the_mini_app_leaves_the_dossier_as_it_was(web_harness, monkeypatch):
    director, dossier = await coop_with_indicator(web_harness, 9510014, "Coop Refus")
    dossier_id = dossier["dossier"]["id"]
    left = colleague_after_my_read(monkeypatch, web_harness, bobs_text("Texte de Bob"))
    change = {"entity": "dossier", "id": dossier_id, "field": "approach", "expected": None}
    async with client(web_harness) as http:
        answer = await http.post(
            "/app/api/field", headers=auth(director), json={**change, "value": "Le mien"}
        )
    assert answer.status_code == 409 and answer.json()["conflict"]["value"] == "Texte de Bob"
    assert await dossier_state(web_harness, dossier_id) == left["state"]


async def test_a_save_the_mini_app_makes_again_bumps_the_version_once(web_harness, monkeypatch):
    """The visitor emptied the text elsewhere (the chat) since the page showed it: the page's save is
    refused, then made again over their own emptying; the dossier changes once, for the save made."""
    director, dossier = await coop_with_indicator(web_harness, 9510015, "Coop Encore")
    dossier_id = dossier["dossier"]["id"]
    change = {"entity": "dossier", "id": dossier_id, "field": "approach"}
    async with client(web_harness) as http:
        await http.post(
            "/app/api/field",
            headers=auth(director),
            json={**change, "expected": None, "value": "Ma démarche"},
        )
        left = colleague_after_my_read(monkeypatch, web_harness, bobs_text(None, director.id))
        answer = await http.post(
            "/app/api/field",
            headers=auth(director),
            json={**change, "expected": "Ma démarche", "value": "Le mien"},
        )
    assert answer.status_code == 200, answer.text
    version, _status, _updated_at, audit = left["state"]
    assert (await dossier_state(web_harness, dossier_id))[::3] == (version + 1, audit + 1)


async def waiting_for_a_lock(harness) -> None:
    """Until another transaction waits for a row lock (PostgreSQL)."""
    for _ in range(200):
        async with harness.database.transaction() as probe:
            waiting = await probe.exec(
                text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
            )
            if waiting.one()[0]:
                return
        await asyncio.sleep(0.02)
    raise AssertionError("nothing waits for a lock")


@needs_postgres
async def test_a_save_waiting_for_the_removal_of_its_indicator_is_told_it_is_gone(harness):
    """A save holds the dossier before the field's row, as every change does: one that comes while a
    colleague removes its indicator waits, then is told the indicator is gone (with the row written
    first, each would wait for the other until PostgreSQL kills one: an error instead of an answer)."""
    coop_id, _dossier_id, indicator_id = await complete(harness, 9510016)
    read, go = asyncio.Event(), asyncio.Event()

    async def save() -> None:
        async with harness.database.transaction() as mine:
            indicator, dossier = await indicator_of_member(mine, indicator_id, coop_id)
            read.set()
            await go.wait()
            await update_indicator(
                mine,
                dossier,
                indicator,
                "rationale",
                "Ma raison",
                actor_id=None,
                expected=indicator.rationale,
                now=NOW,
            )

    saving = asyncio.create_task(save())
    await read.wait()
    async with harness.database.transaction() as removal:
        indicator, dossier = await indicator_of_member(removal, indicator_id, coop_id)
        await touch_dossier(removal, dossier, NOW)  # the removal holds the dossier first
        go.set()
        await waiting_for_a_lock(harness)
        await delete_indicator(removal, dossier, indicator, actor_id=None, now=NOW)
    with pytest.raises(NotYours):
        await saving
