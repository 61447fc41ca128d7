"""The Mini App's API on what only a broken or forged page sends, and on a row's parent gone meanwhile.

Before: a text holding half an emoji (a lone surrogate, which a page's broken paste can send) failed at
the database and was refused as « removed meanwhile, perhaps by a colleague »; a ``null``, a list or an
object was stored as « None », « ['a'] »; adding an indicator to an engagement a colleague unticked (or an
action to an indicator removed) was refused without the page drawn again, so it kept offering the form."""

from __future__ import annotations

import json

from sqlmodel import select

from models.dossier.indicators import delete_indicator
from models.dossier.writes import set_engagement
from models.tables import Action, Dossier, Indicator
from tests.conftest import NOW
from tests.conversations.test_miniapp_api import auth, client, coop_with_indicator


async def test_half_an_emoji_is_dropped_and_the_text_saved(web_harness):
    director, dossier = await coop_with_indicator(web_harness, 9_461, "Coop Émoji")
    indicator = dossier["engagements"][0]["indicators"][0]
    change = {"entity": "indicator", "id": indicator["id"], "field": "rationale", "expected": None}
    body = json.dumps({**change, "value": "Nos valeurs \ud83e"})  # as JSON.stringify sends it
    async with client(web_harness) as http:
        answer = await http.post("/app/api/field", headers=auth(director), content=body)
    assert answer.status_code == 200, answer.text
    async with web_harness.database.transaction() as session:
        assert (await session.get(Indicator, indicator["id"])).rationale == "Nos valeurs"


async def test_a_value_that_is_no_text_is_refused_and_nothing_stored(web_harness):
    director, dossier = await coop_with_indicator(web_harness, 9_462, "Coop Valeurs")
    indicator = dossier["engagements"][0]["indicators"][0]
    action = indicator["actions"][0]
    requests = [
        (
            "field",
            {"entity": "action", "id": action["id"], "field": "owner", "value": None, "expected": None},
        ),
        ("indicator", {"dossier": dossier["dossier"]["id"], "code": 1, "value": ["a", "b"]}),
        ("action", {"indicator": indicator["id"], "value": {"a": 1}}),
    ]
    async with client(web_harness) as http:
        for path, body in requests:
            answer = await http.post(f"/app/api/{path}", headers=auth(director), json=body)
            assert answer.status_code == 400, (path, answer.text)
    async with web_harness.database.transaction() as session:
        assert (await session.get(Action, action["id"])).owner != "None"
        assert len((await session.exec(select(Indicator))).all()) == 1
        assert len((await session.exec(select(Action))).all()) == 1


async def test_adding_under_a_parent_gone_meanwhile_draws_the_page_again(web_harness):
    director, dossier = await coop_with_indicator(web_harness, 9_463, "Coop Décochée")
    dossier_id, indicator = dossier["dossier"]["id"], dossier["engagements"][0]["indicators"][0]
    async with client(web_harness) as http:
        tick = {"dossier": dossier_id, "code": 2, "chosen": True}
        assert (await http.post("/app/api/engagement", headers=auth(director), json=tick)).status_code == 200
        async with web_harness.database.transaction() as session:  # a colleague unticks it in the chat
            await set_engagement(
                session, await session.get(Dossier, dossier_id), 2, False, actor_id=1, now=NOW
            )
        new = {"dossier": dossier_id, "code": 2, "value": "Taux de satisfaction"}
        answer = await http.post("/app/api/indicator", headers=auth(director), json=new)
        assert answer.status_code == 403 and answer.json()["gone"], answer.text
        assert answer.json()["error"].startswith("Cet engagement a été décoché entre-temps")
        assert "add-indicator-2" not in answer.json()["html"]  # no form to add to it any more
        async with web_harness.database.transaction() as session:  # the indicator removed meanwhile
            row = await session.get(Indicator, indicator["id"])
            await delete_indicator(session, await session.get(Dossier, dossier_id), row, actor_id=1, now=NOW)
        new = {"indicator": indicator["id"], "value": "Réunion d’équipe"}
        answer = await http.post("/app/api/action", headers=auth(director), json=new)
        assert answer.status_code == 403 and answer.json()["gone"], answer.text
        assert answer.json()["error"].startswith("Cet indicateur a été supprimé entre-temps")
