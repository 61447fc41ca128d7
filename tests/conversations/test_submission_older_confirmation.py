"""« ✅ Oui, soumettre » of an older screen (before the button carried the dossier's version): whether
the dossier changed is not known, so it says where the button came from, not a change that may not have
happened, and shows the confirmation again."""

from __future__ import annotations

from sqlmodel import select

from models.tables import Dossier, DossierStatus
from tests.conversations.test_submission_confirmed_version import CHANGED, confirmation_then_colleague, status

OLDER = "⚠️ Cette confirmation venait d’un écran plus ancien\xa0: vérifiez ce qui sera envoyé, puis confirmez de nouveau."


async def test_an_older_confirmation_says_so_not_a_change_and_asks_again(harness):
    sam, _alex = await confirmation_then_colleague(harness, 9741001, "Coop Écran Ancien")
    async with harness.database.transaction() as session:
        dossier_id = (await session.exec(select(Dossier))).one().id
    await sam.press_data(sam.last, f"sby:{dossier_id}")  # nothing changed since
    said = sam.reply_text()
    assert await status(harness) == DossierStatus.READY
    assert OLDER in said and CHANGED not in said, said
    assert "Vous allez envoyer" in sam.last_text  # the confirmation again, with today's version
    await sam.press("✅ Oui, soumettre")
    assert await status(harness) == DossierStatus.SUBMITTED
