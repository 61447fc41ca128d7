"""A kept suggestion retitled after the committee's request: its title before, as the reader read it.

An English committee member read engagement 1's indicator as « Share of PSLA/BRS homes in new production »
(a kept suggestion is named in the reader's language). The coop then typed a title of its own; the
« What changed » said « Indicator: Part des logements PSLA/BRS… → … », the French words stored, a title
this reader never saw. Now the title before reads as they read it, in the chat and in their PDF.
"""

from __future__ import annotations

import io

from pypdf import PdfReader

from models.tables import FederationRoleName
from models.users import grant_federation_role
from tests.conversations.test_committee_changes import submitted_by_dominique
from tests.conversations.test_label_journey import decide
from tests.dossier_steps import open_home, submit

ENGLISH_ID = 8000002
READ = "Share of PSLA/BRS homes in new production"
TYPED = "Part de logements BRS livrés"


def last_pdf_text(harness, user_id: int) -> str:
    """The text of the last PDF a user received, its lines joined."""
    sent = harness.fake.last_message(user_id)
    path = harness.fake.handle("getFile", {"file_id": sent["document"]["file_id"]})["file_path"]
    reader = PdfReader(io.BytesIO(harness.fake.file_content(path)))
    return " ".join("\n".join(page.extract_text() for page in reader.pages).split())


async def test_an_english_reader_reads_the_title_before_as_they_read_it(world):
    harness, clock = world
    director, committee = await submitted_by_dominique(harness, 701, "Coop Horizon")
    english = harness.user(ENGLISH_ID, "Alex", "en")
    await english.send("/start")
    async with harness.database.transaction() as session:
        await grant_federation_role(session, ENGLISH_ID, FederationRoleName.COMMITTEE)
    clock.advance(days=2)
    await decide(committee, "Coop Horizon", "📝 Demander des compléments", "Précisez l’indicateur 1.")
    await open_home(director)
    await director.press("📊 Indicateurs")
    await director.press(" 1 · ")
    await director.press("✅ 1 · ")
    await director.press("✏️ Titre")
    await director.send(TYPED)
    clock.advance(days=1)
    await submit(director)
    await harness.run_background()

    appendix = last_pdf_text(harness, ENGLISH_ID).split("What changed since the version")[-1]
    assert f"• Indicator Before: {READ} Now: {TYPED}" in appendix, appendix
    await english.send("/committee")
    await english.press("Coop Horizon")
    changes = english.last_text.split("🔄")[-1]
    assert f"• Indicator: {READ} → {TYPED}" in changes, changes
