"""A candidacy the committee did not retain with a comment of many short lines (a list of remarks, within
the 2,000 characters it may write): the dossier's PDF still goes out, the comment printed whole in the
cover's « Parcours », over as many pages as it takes (its one table cell stopped the whole PDF)."""

from __future__ import annotations

import re

from sqlmodel import select

from models.tables import Dossier, DossierStatus, FederationRoleName
from models.users import grant_federation_role
from tests.conftest import NOW
from tests.conversations.test_committee_pdf import committee_pdf
from tests.conversations.test_refused import COMMITTEE_ID
from tests.dossier_fill import complete_dossier
from tests.dossier_steps import join

REMARKS = "\n".join(f"{n}. Cible à préciser." for n in range(1, 81))


async def test_a_refusal_of_80_remarks_is_printed_whole_in_the_committee_s_pdf(harness):
    director = await join(harness, 721, "fr", "Coop Remarques")
    async with harness.database.transaction() as session:
        await grant_federation_role(session, COMMITTEE_ID, FederationRoleName.COMMITTEE)
    await complete_dossier(director)
    async with harness.database.transaction() as session:
        dossier = (await session.exec(select(Dossier))).one()
        dossier.status, dossier.submitted_at = DossierStatus.SUBMITTED, NOW
        session.add(dossier)
    committee = harness.user(COMMITTEE_ID, "Claude", "fr")
    await committee.send("/comite")
    await committee.press("Coop Remarques"[:14])
    await committee.press("⛔ Refuser")
    await committee.paste(REMARKS)  # a long text is judged once the user is quiet
    assert "80. Cible à préciser." in committee.last_text
    await committee.press("✅ Confirmer")
    assert "Décision enregistrée et envoyée" in committee.last_text

    pages = await committee_pdf(committee, "Coop Remarques")  # no PDF before: reportlab's LayoutError
    assert "Candidature non retenue le 23 novembre 2026 : « 1. Cible à préciser." in pages[0]
    printed = re.findall(r"(\d+)\. Cible à préciser", " ".join(pages))
    assert printed == [str(n) for n in range(1, 81)]
