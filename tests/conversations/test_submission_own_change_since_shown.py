"""« ✅ Oui, soumettre » pressed after the director's own change elsewhere (the Mini App) since the
confirmation was shown: nothing is submitted, said without « peut-être par un collègue », since every change
listed below is theirs (« • Vous avez modifié … »); a colleague's change among them still says it.

Before, the refusal contradicted itself: « Le dossier a changé depuis l’affichage de cette confirmation,
peut-être par un collègue : rien n’a été soumis. » followed by « • Vous avez modifié … » alone.
"""

from __future__ import annotations

from sqlmodel import select

from models.tables import Dossier, DossierStatus
from tests.conversations.test_editor_terms_changed import plain
from tests.conversations.test_miniapp_api import auth, client
from tests.conversations.test_submission_confirmed_version import confirmation_then_colleague

MAYBE_A_COLLEAGUE = "peut-être par un collègue"
CHANGED_BY_YOU = "⚠️ Le dossier a changé depuis l’affichage de cette confirmation : rien n’a été soumis."


async def approach_in_app(harness, who, value: str) -> None:
    """``who`` changes the dossier's approach in the Mini App."""
    async with harness.database.transaction() as session:
        dossier = (await session.exec(select(Dossier))).one()
    change = {"entity": "dossier", "id": dossier.id, "field": "approach", "value": value}
    async with client(harness) as http:
        saved = await http.post(
            "/app/api/field", headers=auth(who), json={**change, "expected": dossier.approach}
        )
    assert saved.status_code == 200, saved.text


async def status(harness) -> DossierStatus:
    async with harness.database.transaction() as session:
        return (await session.exec(select(Dossier))).one().status


async def test_my_own_app_change_is_not_said_perhaps_a_colleagues(web_harness):
    sam, _alex = await confirmation_then_colleague(web_harness, 9946301, "Coop Retouche")
    confirmation = sam.last
    await approach_in_app(web_harness, sam, "Retouche dans l’app")
    await sam.press("✅ Oui, soumettre", confirmation)
    said = plain(sam.reply_text())
    assert said.startswith(CHANGED_BY_YOU + "\n• Vous avez modifié « Démarche et objectifs »"), said
    assert MAYBE_A_COLLEAGUE not in said, said
    assert await status(web_harness) != DossierStatus.SUBMITTED


async def test_a_colleagues_change_among_mine_is_still_said_perhaps_a_colleagues(web_harness):
    sam, alex = await confirmation_then_colleague(web_harness, 9946311, "Coop Retouches")
    confirmation = sam.last
    await approach_in_app(web_harness, sam, "Retouche dans l’app")
    await approach_in_app(web_harness, alex, "Retouche d’Alex")
    await sam.press("✅ Oui, soumettre", confirmation)
    said = plain(sam.reply_text())
    assert MAYBE_A_COLLEAGUE in said and "• Alex a modifié" in said, said
    assert await status(web_harness) != DossierStatus.SUBMITTED
