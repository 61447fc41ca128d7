"""An English committee member reads what a French coop changed after a request for more information: the
indicator the referential suggested was named in the words the French coop's screen showed (« Part de
logements PSLA/BRS dans la production »), in the chat's list and the PDF's « What changed », where the
review, the PDF's body and /progress name it in English. It is named as everywhere else."""

from __future__ import annotations

from models.tables import FederationRoleName
from models.users import grant_federation_role
from tests.conversations.test_bilans import pdf_text
from tests.conversations.test_label_journey import COMMITTEE_ID
from tests.dossier_fill import complete_dossier
from tests.dossier_steps import open_home, submit

ENGLISH = "“Share of PSLA/BRS homes in new production”"


async def asked_then_changed(harness):
    """A French coop asked for more by an English committee member, its first target raised to 40."""
    invitations = await harness.add_coop("Coop Horizon")
    director = harness.user(701, "Dominique", "fr")
    await director.send(f"/start {invitations.direction_token}")
    async with harness.database.transaction() as session:
        await grant_federation_role(session, COMMITTEE_ID, FederationRoleName.COMMITTEE)
    committee = harness.user(COMMITTEE_ID, "Claude", "en")
    await complete_dossier(director)
    await submit(director)
    await committee.send("/committee")
    await committee.press("Coop Horizon")
    await committee.press("📝 Ask for more information")
    await committee.send("Clarify the target of engagement 1.")
    await committee.press("✅ Confirm")
    await open_home(director)
    await director.press("📊 Indicateurs")
    await director.press(" 1 · ")
    await director.press("1 · ")
    await director.press("✏️ Cible")
    await director.send("40")
    await submit(director)
    await harness.run_background()
    await committee.send("/committee")
    await committee.press("Coop Horizon")
    return committee


async def test_the_changes_name_the_indicator_in_the_reader_s_language(world):
    harness, _clock = world
    committee = await asked_then_changed(harness)
    said = "\n".join(committee.texts()[-3:])
    assert "Target value: 30% → 40%" in said, said
    assert ENGLISH in said and "Part de logements" not in said, said
    await committee.press("📄 PDF")
    text = pdf_text(harness, committee.last)
    changes = text[text.rfind("What changed") :]
    assert "Share of PSLA/BRS homes" in changes and "Part de logements" not in text, changes[:1500]
    assert not harness.errors
