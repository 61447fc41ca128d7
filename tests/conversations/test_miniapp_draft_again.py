"""The Mini App says what the chat says of a dossier marked ready (ux.md: neither has a rule the other
lacks): a field saved that makes it a draft again says so under its « ✓ Saved », once; and the
confirmation of an engagement's drop says, after what it deletes, what it leaves short, its readiness
included, in the chat's lines."""

from __future__ import annotations

from tests.conversations.test_miniapp_api import auth, client
from tests.conversations.test_ready_dossier_draft_again import NBSP, ready_dossier

DRAFT_AGAIN = f"Le dossier n’est plus prêt à soumettre{NBSP}: il est repassé en brouillon."
GOES = "Retirer cet engagement supprime aussi 1 indicateur et 1 action. C’est définitif."


async def test_a_field_saved_that_makes_a_ready_dossier_a_draft_says_it_as_its_note(web_harness):
    c = await ready_dossier(web_harness, 9740101, "Coop Pupitre")
    async with client(web_harness) as http:
        did = (await http.get("/app/api/dossier", headers=auth(c))).json()["dossier"]["id"]
        approach = {"entity": "dossier", "id": did, "field": "approach"}
        saved = await http.post(
            "/app/api/field",
            headers=auth(c),
            json={**approach, "value": "Notre démarche, relue.", "expected": "Notre démarche."},
        )
        assert saved.status_code == 200, saved.text
        assert saved.json()["field"]["note"] == DRAFT_AGAIN
        assert "Brouillon" in saved.json()["status"]
        again = await http.post(  # a draft already: nothing more to say
            "/app/api/field",
            headers=auth(c),
            json={**approach, "value": "Notre démarche.", "expected": "Notre démarche, relue."},
        )
        assert again.status_code == 200 and again.json()["field"]["note"] == "", again.text


async def test_the_drop_of_an_engagement_of_a_ready_dossier_says_what_it_leaves_short(web_harness):
    c = await ready_dossier(web_harness, 9740111, "Coop Bureau")
    async with client(web_harness) as http:
        did = (await http.get("/app/api/dossier", headers=auth(c))).json()["dossier"]["id"]
        asked = await http.post(
            "/app/api/engagement",
            headers=auth(c),
            json={"dossier": did, "code": 6, "chosen": False, "confirmed": False},
        )
        assert asked.status_code == 409, asked.text
        assert asked.json()["confirm"] == (  # the chat's lines (test_engagement_drop_consequences)
            f"Engagement 6\n{GOES}\n"
            "• L’axe 2 comptera 1 engagement, alors qu’il en faut au moins 2.\n"
            "• Le dossier comptera 7 engagements, alors qu’il en faut au moins 8.\n"
            f"• Le dossier ne sera plus prêt à soumettre{NBSP}: il repassera en brouillon."
        )
