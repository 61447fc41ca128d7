"""The Mini App says what the chat says after a tick or an addition on a dossier marked ready (ux.md: neither
has a rule the other lacks): an engagement ticked, an indicator or an action added make it a draft again,
said once as the answer's ``note`` (the page shows it under the box or the form, as a saved field's note);
a confirmed drop says what it left short, its readiness included, in the chat's lines (``what_is_left``,
done). Before, the page only redrew its status line."""

from __future__ import annotations

from sqlmodel import select

from models.tables import Indicator
from tests.conversations.test_miniapp_api import auth, client
from tests.conversations.test_ready_dossier_draft_again import NBSP, ready_dossier

DRAFT_AGAIN = f"Le dossier n’est plus prêt à soumettre{NBSP}: il est repassé en brouillon."


async def dossier_id(http, c) -> int:
    """The visitor's current dossier, as the page reads it."""
    return (await http.get("/app/api/dossier", headers=auth(c))).json()["dossier"]["id"]


async def test_a_tick_on_a_ready_dossier_says_it_is_a_draft_again_once(web_harness):
    c = await ready_dossier(web_harness, 9741101, "Coop Case")
    async with client(web_harness) as http:
        did = await dossier_id(http, c)
        tick = {"dossier": did, "code": 3, "chosen": True, "confirmed": False}
        ticked = await http.post("/app/api/engagement", headers=auth(c), json=tick)
        assert ticked.status_code == 200, ticked.json().get("error")
        assert ticked.json()["note"] == DRAFT_AGAIN
        untick = {**tick, "chosen": False}  # a draft already: nothing more to say
        unticked = await http.post("/app/api/engagement", headers=auth(c), json=untick)
        assert unticked.status_code == 200 and unticked.json()["note"] == "", unticked.json().get("note")


async def test_an_action_added_to_a_ready_dossier_says_it_is_a_draft_again(web_harness):
    c = await ready_dossier(web_harness, 9741111, "Coop Action")
    async with client(web_harness) as http:
        did = await dossier_id(http, c)
        async with web_harness.database.transaction() as session:
            indicator = (await session.exec(select(Indicator.id).where(Indicator.dossier_id == did))).first()
        body = {"indicator": indicator, "value": "Former l’équipe"}
        added = await http.post("/app/api/action", headers=auth(c), json=body)
        assert added.status_code == 200 and added.json()["note"] == DRAFT_AGAIN, added.json().get("note")


async def test_an_indicator_added_to_a_ready_dossier_says_it_is_a_draft_again_once(web_harness):
    c = await ready_dossier(web_harness, 9741112, "Coop Ajout")
    async with client(web_harness) as http:
        body = {"dossier": await dossier_id(http, c), "code": 1, "value": "Part des achats locaux"}
        added = await http.post("/app/api/indicator", headers=auth(c), json=body)
        assert added.status_code == 200 and added.json()["note"] == DRAFT_AGAIN, added.json().get("note")
        again = await http.post("/app/api/indicator", headers=auth(c), json={**body, "value": "Autre part"})
        assert again.status_code == 200 and again.json()["note"] == "", again.json().get("note")


async def test_a_confirmed_drop_says_what_it_left_short_as_the_chat_does(web_harness):
    c = await ready_dossier(web_harness, 9741121, "Coop Retrait")
    async with client(web_harness) as http:
        did = await dossier_id(http, c)
        drop = {"dossier": did, "code": 6, "chosen": False, "confirmed": False}
        asked = await http.post("/app/api/engagement", headers=auth(c), json=drop)
        assert asked.status_code == 409, asked.text
        sure = {**drop, "confirmed": True, "seen": asked.json()["seen"]}
        dropped = await http.post("/app/api/engagement", headers=auth(c), json=sure)
        assert dropped.status_code == 200, dropped.json().get("error")
        assert dropped.json()["note"] == (  # the chat's lines after « 🗑 Engagement 6 retiré. »
            "L’axe 2 compte maintenant 1 engagement, alors qu’il en faut au moins 2.\n"
            "Le dossier compte maintenant 7 engagements, alors qu’il en faut au moins 8.\n"
            f"{DRAFT_AGAIN}"
        )
