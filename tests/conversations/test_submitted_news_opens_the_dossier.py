"""The committee's news of a submitted dossier (« 📥 Nouveau dossier soumis : … », with its PDF) carries a
button to the dossier's committee screen, as the news of a bilan carries « 📝 Lire le bilan »: before, the
PDF came with no button, and the committee member had to find the coop in /comite's list."""

from __future__ import annotations

from models.tables import FederationRoleName
from models.users import grant_federation_role
from tests.dossier_fill import complete_dossier
from tests.dossier_steps import join, submit

COMMITTEE_ID = 9740701


async def test_the_news_of_a_submitted_dossier_opens_it_for_the_committee(harness):
    director = await join(harness, 9740702, "fr", "Coop Horizon")
    async with harness.database.transaction() as session:
        await grant_federation_role(session, COMMITTEE_ID, FederationRoleName.COMMITTEE)
    await complete_dossier(director)
    await submit(director)
    await harness.run_background()
    committee = harness.user(COMMITTEE_ID, "Claude", "fr")
    news = committee.messages[-1]
    assert "Nouveau dossier soumis\u00a0: Coop Horizon (cycle 1)." in news["caption"]
    assert news["document"]["file_name"].endswith(".pdf")
    assert committee.buttons(news) == ["🏛 Ouvrir le dossier"]
    await committee.press("🏛 Ouvrir le dossier", news)
    assert not committee.alerts or committee.alerts == [""], committee.alerts
    screen = committee.last_text
    assert screen.startswith("🏛 Coop Horizon") and "Cycle 1 · " in screen, screen
    assert "📄 PDF" in committee.buttons()
