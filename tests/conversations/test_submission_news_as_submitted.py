"""The committee's news of a submission is the news of the version submitted, however late it goes out.

It was drawn when sent, from the dossier as it was then: a member's copy held back (a retry after a
network error waits 30 s, 2 min, 10 min, 1 h) past a colleague's request for more information read
« 📥 Dossier soumis à nouveau après votre demande de compléments… Rien n’a changé… », with the coop's
draft as the PDF (« BROUILLON », a target typed since). Now it is drawn from the version its news was
queued with: a first submission, the dossier as submitted.
"""

from __future__ import annotations

from models.tables import FederationRoleName
from models.users import grant_federation_role
from tests.conversations.test_committee_changes import committee_pdf
from tests.conversations.test_label_journey import COMMITTEE_ID
from tests.dossier_fill import complete_dossier
from tests.dossier_steps import open_home, submit


async def test_a_late_news_of_a_first_submission_is_still_a_first_submission_as_submitted(world):
    harness, clock = world
    invitations = await harness.add_coop("Coop Horizon", "Bretagne")
    director = harness.user(701, "Dominique", "fr")
    await director.send(f"/start {invitations.direction_token}")
    async with harness.database.transaction() as session:
        await grant_federation_role(session, COMMITTEE_ID, FederationRoleName.COMMITTEE)
    await complete_dossier(director)
    await submit(director)  # its news to the committee waits in the outbox
    committee = harness.user(COMMITTEE_ID, "Claude", "fr")
    clock.advance(days=1)
    await committee.send("/comite")  # a colleague on the committee asks for more meanwhile
    await committee.press("Coop Horizon")
    await committee.press("📝 Demander des compléments")
    await committee.send("Précisez la cible.")
    await committee.press("✅ Confirmer")
    await open_home(director)  # and the coop already types a new target
    await director.press("📊 Indicateurs")
    await director.press(" 1 · ")
    await director.press("✅ 1 · ")
    await director.press("✏️ Cible")
    await director.send("35")
    await harness.run_background()  # the news goes out at last

    caption, text = committee_pdf(harness)
    assert caption.startswith("📥 Nouveau dossier soumis") and "soumis à nouveau" not in caption, caption
    assert "Statut Soumis au comité" in text and "BROUILLON" not in text, text[:600]
    assert "Ce qui a changé" not in text
    indicator = "Indicateur 1 — Part de logements PSLA/BRS dans la production Type de valeur"
    assert f"{indicator} Valeur actuelle Valeur cible Date cible Un nombre (%) 12,5 % 30 %" in text
    assert "35 %" not in text
