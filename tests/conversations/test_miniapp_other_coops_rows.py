"""A typed value sent from the Mini App for another coop's row (a page of a coop the person left, still
open, or a forged request with a real id): refused (403), nothing changed, and said as the page is
refused another coop's dossier — not « removed meanwhile, perhaps by a colleague »: nobody removed
anything. A row really removed meanwhile is still said so."""

from __future__ import annotations

from tests.conversations.test_miniapp_api import auth, client, coop_with_indicator
from tests.dossier_steps import join, upload_letter
from tests.hardening.world import dump

NOT_THEIR_DOSSIER = (
    "Ce dossier n’est pas le dossier en cours de votre coopérative\u00a0: rouvrez l’application depuis le "
    "chat pour voir le vôtre."
)


async def test_a_typed_value_for_another_coops_row_is_said_not_their_dossier(web_harness):
    alpha, dossier = await coop_with_indicator(web_harness, 8901, "Coop A")
    await upload_letter(alpha)
    beta = await join(web_harness, 8911, "fr", "Coop B")
    async with client(web_harness) as http:
        dossier = (await http.get("/app/api/dossier", headers=auth(alpha))).json()
        indicator = dossier["engagements"][0]["indicators"][0]
        rows = (
            ("field", {"entity": "indicator", "id": indicator["id"], "field": "title", "value": "X"}),
            ("field", {"entity": "action", "id": indicator["actions"][0]["id"], "field": "owner", "value": "X"}),
            ("field", {"entity": "dossier", "id": dossier["dossier"]["id"], "field": "approach", "value": "X"}),
            ("field", {"entity": "attachment", "id": dossier["documents"][0]["id"], "field": "label", "value": "X"}),
            ("indicator", {"dossier": dossier["dossier"]["id"], "code": 1, "value": "X"}),
            ("action", {"indicator": indicator["id"], "value": "X"}),
        )  # fmt: skip
        before = await dump(web_harness)
        for path, body in rows:
            answer = await http.post(f"/app/api/{path}", headers=auth(beta), json={**body, "expected": None})
            assert answer.status_code == 403, (path, body, answer.text)
            assert answer.json() == {"error": NOT_THEIR_DOSSIER}, (path, body)
        assert await dump(web_harness) == before


async def test_a_typed_value_for_a_row_removed_meanwhile_is_still_said_removed(web_harness):
    alpha, dossier = await coop_with_indicator(web_harness, 8902, "Coop A")
    indicator = dossier["engagements"][0]["indicators"][0]
    drop = {"dossier": dossier["dossier"]["id"], "code": 1, "chosen": False}
    async with client(web_harness) as http:
        asked = await http.post("/app/api/engagement", headers=auth(alpha), json=drop)
        confirmed = {**drop, "confirmed": True, "seen": asked.json()["seen"]}
        assert (
            await http.post("/app/api/engagement", headers=auth(alpha), json=confirmed)
        ).status_code == 200
        for path, body in (
            ("field", {"entity": "indicator", "id": indicator["id"], "field": "title", "value": "X"}),
            ("action", {"indicator": indicator["id"], "value": "X"}),
        ):
            answer = await http.post(f"/app/api/{path}", headers=auth(alpha), json={**body, "expected": None})
            said = answer.json()  # said removed in a page's words, the page drawn again without the row
            assert answer.status_code == 403 and said["gone"] is True, (path, answer.text)
            assert said["error"].startswith("Cet indicateur a été supprimé entre-temps"), said["error"]
