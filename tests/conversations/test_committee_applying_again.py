"""A coop refused on reading that prepares a new candidacy (the same dossier, a draft again) stays in
/comite: under « Nouvelle candidature en préparation », opening on the refusal (its day, its comment) and
what comes next, never on the draft the coop edits since; the Mini App's list names it without opening
it. Submitted again, it is back under « Soumis », read as any submission."""

from __future__ import annotations

from models.tables import DossierStatus
from tests.conftest import NOW
from tests.conversations.test_label_journey import COMMITTEE_ID
from tests.conversations.test_refused import REASON, refused_coop, status_of
from tests.dossier_steps import submit
from tests.miniapp import local_client, signed_init_data, tma

NBSP = "\u00a0"


async def applying_again(harness):
    """Coop Horizon refused on reading, its direction preparing a new candidacy."""
    director, _colleague, committee, dossier_id = await refused_coop(harness)
    await director.send("/dossier")
    await director.press("📝 Préparer une nouvelle candidature")
    await director.press("✅ Confirmer")
    assert await status_of(harness, dossier_id) == DossierStatus.DRAFT
    return director, committee, dossier_id


async def test_the_committee_finds_a_coop_applying_again_and_reads_its_refusal(web_harness):
    harness = web_harness
    director, committee, dossier_id = await applying_again(harness)
    await director.send("/dossier")
    await director.press("👥 Démarche")  # the coop edits its draft: none of it is the committee's to read
    await director.press("✏️ Démarche")
    await director.send("Une démarche entièrement revue après le comité.")
    assert "entièrement revue" in director.last_text

    await committee.send("/comite")
    listed = committee.last_text.replace(NBSP, " ")
    assert "Nouvelle candidature en préparation : 1" in listed, listed
    assert "Non retenus : 0" in listed
    assert "#1 Coop Horizon — cycle 1, non retenu à la lecture" in listed, listed
    await committee.press("#1 Coop Horizon")
    screen = committee.last_text.replace(NBSP, " ")
    assert "Cycle 1 · Nouvelle candidature en préparation" in screen, screen
    assert f"Non retenu par le comité le {NOW.day} " in screen, screen
    assert f"« {REASON.replace(NBSP, ' ')} »" in screen, screen
    assert "le dossier revient au comité une fois soumis à nouveau" in screen
    assert "entièrement revue" not in screen
    assert committee.buttons() == ["⬅️ Retour"]  # no decision, no review nor PDF of a draft
    await committee.press("⬅️ Retour")
    assert "Nouvelle candidature en préparation : 1" in committee.last_text.replace(NBSP, " ")

    # the Mini App's list names it in the same words, without a link to a draft it would refuse
    headers = tma(signed_init_data(COMMITTEE_ID, auth_date=NOW))
    async with local_client(harness.web_url) as http:
        dossiers = (await http.get("/app/api/dossier", headers=headers)).json()["dossiers"]
        html = (await http.get("/app/api/page", headers=headers)).json()["html"]
        opened = await http.get(f"/app/api/dossier?dossier={dossier_id}", headers=headers)
    assert dossiers == [
        {
            "id": dossier_id,
            "coop": "Coop Horizon",
            "status": "draft",
            "group": "Nouvelle candidature en préparation",
            "cycle": "cycle 1, non retenu à la lecture",
            "opens": False,
        }
    ]
    assert "<h2>Nouvelle candidature en préparation</h2>" in html and f'data-open="{dossier_id}"' not in html
    assert opened.status_code in (403, 404), opened.text  # its draft stays the coop's


async def test_submitted_again_it_is_read_as_any_submission(harness):
    director, committee, _dossier_id = await applying_again(harness)
    await submit(director)
    await committee.send("/comite")
    listed = committee.last_text.replace(NBSP, " ")
    assert "Nouvelle candidature en préparation : 0" in listed and "Soumis : 1" in listed, listed
    await committee.press("#1 Coop Horizon")
    assert "Cycle 1 · Soumis" in committee.last_text
    assert "⛔ Refuser" in committee.buttons()
