"""The Mini App's API reads a value in the terms the page showed (an indicator's kind and unit), as the
chat reads an answer in the terms its question showed: one rule, the chat's words."""

from __future__ import annotations

from models.tables import Indicator
from tests.conversations.test_miniapp_api import auth, client, coop_with_indicator


async def test_a_value_sent_in_terms_changed_since_is_refused_in_the_chats_words(web_harness):
    director, dossier = await coop_with_indicator(web_harness, 4701, "Coop Termes")
    bob = web_harness.user(4702, "Bob", "fr")
    await bob.send(f"/start {director.invitations.member_token}")
    row = {"entity": "indicator", "id": dossier["engagements"][0]["indicators"][0]["id"]}
    async with client(web_harness) as http:

        async def post(who, change: dict):
            return await http.post("/app/api/field", headers=auth(who), json={**row, **change})

        for field, value, expected in (("value_kind", "number", None), ("unit", "percent", None)):
            assert (
                await post(director, {"field": field, "value": value, "expected": expected})
            ).status_code == 200
        page = (await http.get("/app/api/dossier", headers=auth(director))).json()
        fields = {f["name"]: f for f in page["engagements"][0]["indicators"][0]["fields"]}
        assert fields["current_value"]["terms"] == ["number", "percent"]  # what the page sends back
        assert "terms" not in fields["title"]
        assert (await post(bob, {"field": "unit", "value": "euro", "expected": "percent"})).status_code == 200
        typed = {"field": "current_value", "value": "30", "expected": None}
        refused = await post(director, {**typed, "terms": ["number", "percent"]})
        assert refused.status_code == 409
        answer = refused.json()
        assert answer["error"].replace("\u00a0", " ") == (
            "⚠️ Bob a modifié « Unité » entre-temps : c’est désormais « € ».\n"
            "Les valeurs éventuellement déjà saisies ont été effacées.\n"
            "Votre réponse « 30 » n’a pas été enregistrée."
        )
        assert answer["terms"] == ["number", "euro"] and answer["value"] is None
        assert 'id="dossier"' in answer["html"]  # the page drawn in the new terms
        # a forged « terms » is no 500: not a list is not compared; a list of anything is a change
        assert (await post(director, {**typed, "terms": {"a": 1}})).status_code == 200
        assert (
            await post(director, {**typed, "value": "31", "expected": "30", "terms": [[1], 2, 3]})
        ).status_code == 409
        # in the terms it has now, it is saved
        saved = await post(director, {**typed, "value": "32", "expected": "30", "terms": ["number", "euro"]})
    assert saved.status_code == 200
    async with web_harness.database.transaction() as session:
        indicator = await session.get(Indicator, row["id"])
    assert (indicator.unit, indicator.current_value) == ("euro", "32")
