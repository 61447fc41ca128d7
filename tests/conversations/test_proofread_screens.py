"""Proofreading, on the screens themselves: the bilan's confirmation names its checkpoint in running
text (« le bilan d’étape à 6 mois », no title's capital mid-sentence), and the Mini App says the
committee's first ruling as everywhere else (« recevable ») and the dossier's progress as the chat does
(« Dossier rempli à … »)."""

from __future__ import annotations

from sqlmodel import select

from models.tables import Dossier, DossierStatus
from tests.conversations.test_bilans import admissible_coop
from tests.conversations.test_miniapp_standing import COMMITTEE_ID, page_of, part, plain, submitted
from tests.miniapp import local_client, signed_init_data, tma


async def test_the_bilan_s_confirmation_names_its_checkpoint_in_running_text(world):
    harness, _clock = world
    director, _member, _committee = await admissible_coop(harness, "Coop Majuscule")
    await director.send("/bilan")
    await director.press("⚠️ ")
    await director.send("Peu de locataires aux réunions.")
    await director.press("🤝 ")
    await director.press("🙅 ")
    await director.press("📤 ")
    said = director.last_text
    assert "Envoyer le bilan d’étape à 6 mois au comité de validation\u00a0?" in said, said
    assert "Point d’étape" not in said, said


async def test_the_mini_app_says_recevable_and_the_dossier_filled_in(web_harness):
    director, _committee = await submitted(web_harness, 8290, "Coop Relue")
    header = plain(part(await page_of(web_harness, director), '<p id="progress">', "</p>"))
    assert header.strip() == "Dossier rempli à 100 %", header
    async with web_harness.database.transaction() as session:
        dossier = (await session.exec(select(Dossier))).one()
        dossier.status = DossierStatus.ADMISSIBLE
        session.add(dossier)
        dossier_id = dossier.id
    async with local_client(web_harness.web_url) as http:
        read = await http.get(
            f"/app/api/page?dossier={dossier_id}", headers=tma(signed_init_data(COMMITTEE_ID))
        )
    note = plain(part(read.json()["html"], '<p class="note">', "</p>"))
    assert "ce dossier a été déclaré recevable ; la coopérative met sa démarche en place" in note, note
