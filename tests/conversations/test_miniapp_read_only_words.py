"""What the read-only page says, in the chat's words and truly.

During the 18 months the coop's page says what comes next, as the chat's home does (« Next: 6-month
checkpoint on … »), and where the follow-up is done (/progres, /bilan in the chat); the committee reads
the next step too. Before, it said only « 🔒 Read-only: this dossier was found admissible… ».

The committee opening an old link to a candidacy not retained, now prepared again, is told so (and that
the coop's new one is read here once submitted). Before: « This dossier has not been submitted to the
validation committee yet », false: it was, and was refused.

The consultations' note begins with a capital letter, a sentence of its own (« Aucune pour l’instant : … »),
while the chat's review keeps its words inline. Before: « aucune pour l’instant : … ».
"""

from __future__ import annotations

from tests.conftest import NOW
from tests.conversations.test_bilans import admissible_coop
from tests.conversations.test_committee_applying_again import applying_again
from tests.conversations.test_label_journey import COMMITTEE_ID
from tests.conversations.test_miniapp_api import auth, client
from tests.dossier_steps import join

NBSP = "\u00a0"


def plain(text: str) -> str:
    return text.replace(NBSP, " ")


async def test_the_admissible_page_says_the_next_step_and_where_the_follow_up_is_done(web_harness):
    director, member, _committee = await admissible_coop(web_harness, "Coop Suite")
    async with client(web_harness) as http:
        french = plain((await http.get("/app/api/page", headers=auth(director))).json()["html"])
        english = plain((await http.get("/app/api/page", headers=auth(member))).json()["html"])
        dossier_id = (await http.get("/app/api/dossier", headers=auth(director))).json()["dossier"]["id"]
        committee = await http.get(f"/app/api/page?dossier={dossier_id}", headers=auth(COMMITTEE_ID))
    step = f"Prochaine étape : Point d’étape à 6 mois, le {NOW.day} "
    assert step in french, french[:3000]
    assert "/progres" in french and "/bilan" in french
    assert "Next: 6-month checkpoint on " in english and "/progress" in english and "/report" in english
    read = plain(committee.json()["html"])
    assert step in read  # the committee reads the next step, not the coop's instructions
    assert "/progres" not in read


async def test_the_committee_opening_a_candidacy_prepared_again_is_told_the_truth(web_harness):
    _director, _committee, dossier_id = await applying_again(web_harness)
    async with client(web_harness) as http:
        answer = await http.get(f"/app/api/page?dossier={dossier_id}", headers=auth(COMMITTEE_ID))
    assert answer.status_code == 403
    said = plain(answer.json()["error"])
    assert "pas encore été soumis" not in said, said
    assert said.startswith("Le comité de validation n’a pas retenu cette candidature."), said
    assert "revient au comité une fois soumis à nouveau" in said


async def test_no_consultation_yet_is_said_as_a_sentence(web_harness):
    french = await join(web_harness, 9540001, "fr", "Coop Consultée")
    english = await join(web_harness, 9540002, "en", "Coop Consulted")
    async with client(web_harness) as http:
        fr_html = plain((await http.get("/app/api/page", headers=auth(french))).json()["html"])
        en_html = plain((await http.get("/app/api/page", headers=auth(english))).json()["html"])
    assert "Aucune pour l’instant : la direction peut consulter les salariés et les coopérateurs." in fr_html
    assert "None yet: the direction can consult the staff and the coopérateurs." in en_html
