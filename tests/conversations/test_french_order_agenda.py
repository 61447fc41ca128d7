"""The committee's /calendrier, coops whose steps fall the same day (declared admissible at one meeting:
the usual case). Before, they read by code points, « Zèbre Habitat », « abri solidaire », « Élan Coop »,
« écluse », the late lines too; now in the order /comite lists them: « abri solidaire », « écluse »,
« Élan Coop », « Zèbre Habitat »."""

from __future__ import annotations

from datetime import date

from models.tables import Checkpoint, CheckpointKind, Coop, Dossier, DossierStatus, FederationRoleName
from models.users import grant_federation_role
from tests.conftest import NOW

COMMITTEE_ID = 8000051
ADDED = ["Zèbre Habitat", "écluse", "Élan Coop", "abri solidaire"]
AS_READ = ["abri solidaire", "écluse", "Élan Coop", "Zèbre Habitat"]


async def coops_due(harness, due_on: date) -> object:
    """The coops of ``ADDED``, each with its 6-month step due on ``due_on``, and a committee member."""
    async with harness.database.transaction() as session:
        await grant_federation_role(session, COMMITTEE_ID, FederationRoleName.COMMITTEE)
        for name in ADDED:
            coop = Coop(name=name, created_at=NOW)
            session.add(coop)
            await session.flush()
            dossier = Dossier(
                coop_id=coop.id, cycle=1, status=DossierStatus.ADMISSIBLE, admissible_on=date(2026, 9, 30),
                created_at=NOW, updated_at=NOW,
            )  # fmt: skip
            session.add(dossier)
            await session.flush()
            session.add(Checkpoint(dossier_id=dossier.id, kind=CheckpointKind.SIX_MONTHS, due_on=due_on))
    return harness.user(COMMITTEE_ID, "Claude", "fr")


async def test_coops_due_the_same_day_read_in_the_committee_s_order(harness):
    committee = await coops_due(harness, date(2027, 1, 20))
    await committee.send("/calendrier")
    text = committee.last_text
    agenda = text[text.index("Étapes des coopératives à enregistrer") :]
    ahead = [line.rsplit(" — ", 1)[1] for line in agenda.splitlines() if line.startswith("• ")]
    assert ahead == AS_READ, text


async def test_coops_late_the_same_day_read_in_the_committee_s_order(harness):
    committee = await coops_due(harness, date(2026, 11, 20))  # three days ago
    await committee.send("/calendrier")
    text = committee.last_text
    late = [
        line.removeprefix("⏳ ").split(" — ", 1)[0] for line in text.splitlines() if line.startswith("⏳ ")
    ]
    assert late == AS_READ, text
