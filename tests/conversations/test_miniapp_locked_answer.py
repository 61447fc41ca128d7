"""A change sent from a page drawn before the dossier was submitted (or closed) is refused with the page
drawn again as the server has it, read-only, and the true reason: submitted to the committee, nobody
changes it unless it asks for more; not retained, until the direction prepares a new candidacy. The page
redraws itself at once with it, keeping what was typed beside it.

Before, the refusal carried no page (each field, tick or addition refused one at a time on a page still
editable) and said « …it can no longer be changed here », as if it could be elsewhere."""

from __future__ import annotations

from models.tables import Dossier, DossierStatus
from tests.conversations.test_miniapp_api import auth, client, coop_with_indicator

NBSP = "\u00a0"
SUBMITTED = (
    "Le dossier a été soumis au comité de validation : plus personne ne peut le modifier, sauf si le comité "
    "demande des compléments."
)


async def set_status(harness, dossier_id: int, status: DossierStatus) -> None:
    async with harness.database.transaction() as session:
        row = await session.get(Dossier, dossier_id)
        row.status = status
        session.add(row)


async def test_every_change_to_a_dossier_submitted_meanwhile_comes_back_with_the_page_read_only(web_harness):
    director, dossier = await coop_with_indicator(web_harness, 9550001, "Coop Verrouillée")
    dossier_id = dossier["dossier"]["id"]
    indicator = dossier["engagements"][0]["indicators"][0]
    await set_status(web_harness, dossier_id, DossierStatus.SUBMITTED)
    changes = {
        "field": {
            "entity": "dossier",
            "id": dossier_id,
            "field": "approach",
            "value": "Tard",
            "expected": None,
        },
        "engagement": {"dossier": dossier_id, "code": 2, "chosen": True},
        "indicator": {"dossier": dossier_id, "code": 1, "value": "Un autre"},
        "action": {"indicator": indicator["id"], "value": "Une autre"},
    }
    async with client(web_harness) as http:
        for path, change in changes.items():
            answer = await http.post(f"/app/api/{path}", headers=auth(director), json=change)
            assert answer.status_code == 403, (path, answer.text)
            data = answer.json()
            assert data["locked"] is True, path
            assert data["error"].replace(NBSP, " ") == SUBMITTED, path
            assert "ici" not in data["error"]
            assert (
                data["kept"].replace(NBSP, " ")
                == SUBMITTED + " Votre texte est gardé ci-dessous pour le copier."
            )
            assert "<textarea" not in data["html"] and "Lecture seule" in data["html"], path


async def test_a_change_to_a_candidacy_not_retained_says_who_may_prepare_a_new_one(web_harness):
    director, dossier = await coop_with_indicator(web_harness, 9550002, "Coop Non Retenue")
    dossier_id = dossier["dossier"]["id"]
    await set_status(web_harness, dossier_id, DossierStatus.REFUSED)
    change = {"entity": "dossier", "id": dossier_id, "field": "approach", "value": "Tard", "expected": None}
    async with client(web_harness) as http:
        answer = await http.post("/app/api/field", headers=auth(director), json=change)
    assert answer.status_code == 403 and answer.json()["locked"] is True
    said = answer.json()["error"].replace(NBSP, " ")
    assert said.startswith("Le comité n’a pas retenu cette candidature") and "direction" in said, said
    assert "<textarea" not in answer.json()["html"]
