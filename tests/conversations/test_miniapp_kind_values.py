"""The Mini App's API holds a kind change to the values the page showed (``values``), as the chat's kind
button holds to its marks: a current or target value, or a unit, a colleague changed since and that the
new kind would clear is not cleared unsaid; the chat's words, the page drawn again. A page that sends no
values (loaded before) is not checked."""

from __future__ import annotations

from models.tables import Indicator
from tests.conversations.test_miniapp_api import auth, client, coop_with_indicator


async def test_a_kind_sent_with_values_changed_since_is_refused_in_the_chats_words(web_harness):
    director, dossier = await coop_with_indicator(web_harness, 4711, "Coop Valeurs")
    bob = web_harness.user(4712, "Bob", "fr")
    await bob.send(f"/start {director.invitations.member_token}")
    row = {"entity": "indicator", "id": dossier["engagements"][0]["indicators"][0]["id"]}
    async with client(web_harness) as http:

        async def post(who, change: dict):
            return await http.post("/app/api/field", headers=auth(who), json={**row, **change})

        for field, value, expected in (
            ("value_kind", "number", None), ("unit", "percent", None), ("current_value", "12,5", None),
        ):  # fmt: skip
            assert (
                await post(director, {"field": field, "value": value, "expected": expected})
            ).status_code == 200
        shown = {"unit": "percent", "current_value": "12.5", "target_value": None}  # the page's values
        assert (
            await post(bob, {"field": "current_value", "value": "14", "expected": "12.5"})
        ).status_code == 200
        kind = {"field": "value_kind", "value": "yes_no", "expected": "number"}
        refused = await post(director, {**kind, "values": shown})
        assert refused.status_code == 409, refused.text
        answer = refused.json()
        assert answer["error"].replace("\u00a0", " ") == (
            "⚠️ Bob a modifié « Valeur actuelle » entre-temps : c’est désormais « 14 % ».\n"
            "Votre réponse « 👍 Oui / non » n’a pas été enregistrée."
        )
        assert answer["terms"] == ["number", "percent"] and answer["value"] == "number"
        assert 'id="dossier"' in answer["html"]  # the page drawn again: Bob's value shown
        async with web_harness.database.transaction() as session:
            indicator = await session.get(Indicator, row["id"])
        assert (indicator.value_kind, indicator.current_value) == ("number", "14")
        # with the values it now shows, the same kind is taken, knowing what it clears
        saved = await post(director, {**kind, "values": {**shown, "current_value": "14"}})
        assert saved.status_code == 200, saved.text
    async with web_harness.database.transaction() as session:
        indicator = await session.get(Indicator, row["id"])
    assert (indicator.value_kind, indicator.unit, indicator.current_value) == ("yes_no", None, None)


async def test_a_page_that_sends_no_values_is_not_checked(web_harness):
    director, dossier = await coop_with_indicator(web_harness, 4721, "Coop Ancienne")
    row = {"entity": "indicator", "id": dossier["engagements"][0]["indicators"][0]["id"]}
    async with client(web_harness) as http:

        async def post(change: dict):
            return await http.post("/app/api/field", headers=auth(director), json={**row, **change})

        assert (await post({"field": "value_kind", "value": "number", "expected": None})).status_code == 200
        assert (await post({"field": "current_value", "value": "3", "expected": None})).status_code == 200
        assert (await post({"field": "value_kind", "value": "text", "expected": "number"})).status_code == 200
        # a forged « values » is no 500: not a dict is not compared
        forged = {"field": "value_kind", "value": "number", "expected": "text", "values": [1]}
        assert (await post(forged)).status_code == 200


async def test_a_unit_sent_with_values_changed_since_is_refused_in_the_chats_words(web_harness):
    """A unit clears the values too (the chat's unit buttons hold to their marks): the same rule."""
    director, dossier = await coop_with_indicator(web_harness, 4731, "Coop Unité Valeurs")
    bob = web_harness.user(4732, "Bob", "fr")
    await bob.send(f"/start {director.invitations.member_token}")
    row = {"entity": "indicator", "id": dossier["engagements"][0]["indicators"][0]["id"]}
    async with client(web_harness) as http:

        async def post(who, change: dict):
            return await http.post("/app/api/field", headers=auth(who), json={**row, **change})

        for field, value in (("value_kind", "number"), ("unit", "percent"), ("current_value", "12,5")):
            assert (
                await post(director, {"field": field, "value": value, "expected": None})
            ).status_code == 200
        assert (
            await post(bob, {"field": "current_value", "value": "14", "expected": "12.5"})
        ).status_code == 200
        unit = {"field": "unit", "value": "euro", "expected": "percent"}
        shown = {"value_kind": "number", "current_value": "12.5", "target_value": None}
        refused = await post(director, {**unit, "values": shown})
        assert refused.status_code == 409, refused.text
        assert refused.json()["error"].replace("\u00a0", " ") == (
            "⚠️ Bob a modifié « Valeur actuelle » entre-temps : c’est désormais « 14 % ».\n"
            "Votre réponse « € » n’a pas été enregistrée."
        )
        async with web_harness.database.transaction() as session:
            indicator = await session.get(Indicator, row["id"])
        assert (indicator.unit, indicator.current_value) == ("percent", "14")
        saved = await post(director, {**unit, "values": {**shown, "current_value": "14"}})
        assert saved.status_code == 200, saved.text
    async with web_harness.database.transaction() as session:
        indicator = await session.get(Indicator, row["id"])
    assert (indicator.unit, indicator.current_value) == ("euro", None)
