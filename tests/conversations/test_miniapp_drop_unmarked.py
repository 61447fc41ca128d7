"""A drop the Mini App confirms without naming what its confirmation counted (``seen``: a page loaded
before it was sent, a forged request) confirms nothing: asked again with what goes now, as the chat asks
again an older button without its mark; a colleague's new indicator is never deleted unseen."""

from __future__ import annotations

from tests.conversations.test_engagement_drop_recounted import LEFT, OLDER, TWO, coop_of_two, plans
from tests.conversations.test_miniapp_api import auth, client
from tests.dossier_steps import start_own_indicator


async def test_a_drop_confirmed_without_what_it_counted_is_asked_again_and_deletes_nothing(web_harness):
    h = web_harness
    sam, alex = await coop_of_two(h, 9720131, "Coop Sans Marque")
    await start_own_indicator(alex, 1)
    await alex.send("Nombre de ménages logés en PSLA")  # Alex's new indicator, which Sam's page never showed
    before = await plans(h)
    assert len(before[0]) == 2
    async with client(h) as http:
        did = (await http.get("/app/api/dossier", headers=auth(sam))).json()["dossier"]["id"]
        drop = {"dossier": did, "code": 1, "chosen": False}
        unmarked = await http.post("/app/api/engagement", headers=auth(sam), json={**drop, "confirmed": True})
        assert unmarked.status_code == 409, unmarked.text
        assert unmarked.json()["confirm"] == f"{OLDER}\nEngagement 1\n{TWO}\n{LEFT}"  # the chat's words
        assert await plans(h) == before  # nothing deleted, Alex's indicator included
        again = await http.post(  # confirmed again, now naming what it counted: it goes
            "/app/api/engagement",
            headers=auth(sam),
            json={**drop, "confirmed": True, "seen": unmarked.json()["seen"]},
        )
        assert again.status_code == 200, again.text
    assert await plans(h) == ([], [2], 0)
