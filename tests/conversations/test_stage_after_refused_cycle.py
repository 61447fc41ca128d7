"""Two coops preparing a new candidacy after a refusal stand at one stage, whichever way they were
refused. Before, a coop refused on reading whose direction applied again (the same dossier, a draft
again) counted under « Préparent leur dossier », but one refused after its visit, preparing its cycle 2,
under « Non retenus »: its table's row read « Candidature non retenue » beside « Brouillon », and an
announcement to the coops preparing their dossier left it out. Now a later cycle puts the refusal
behind it: both prepare their dossier on /tableau, its table and an announcement's audience; a coop
refused that has not applied again stays « Non retenus »."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from sqlmodel import select

from models.tables import Dossier, DossierStatus, FederationRoleName
from models.users import grant_federation_role
from tests.conftest import ADMIN_ID
from tests.conversations.test_announce_audiences import compose
from tests.conversations.test_label_journey import decide
from tests.dossier_steps import join
from tests.submitted_rows import complete_content

COMMITTEE_ID = 8000001


async def submitted(harness, user_id: int, name: str):
    """A coop whose complete dossier was submitted on 1 August 2026; its director."""
    director = await join(harness, user_id, "fr", name)
    async with harness.database.transaction() as session:
        dossier = await director_dossier(session, director)
        dossier.status = DossierStatus.SUBMITTED
        dossier.submitted_at = datetime(2026, 8, 1, 10, tzinfo=UTC)
        await complete_content(session, dossier)
    return director


async def director_dossier(session, director) -> Dossier:
    """The cycle-1 dossier of the director's coop."""
    query = select(Dossier).where(Dossier.coop_id == director.invitations.coop.id, Dossier.cycle == 1)
    return (await session.exec(query)).one()


async def applies_again(director) -> None:
    """The direction's « 📝 Préparer une nouvelle candidature », confirmed, from the refused home."""
    await director.send("/dossier")
    await director.press("📝 Préparer une nouvelle candidature")
    await director.press("✅ Confirmer")


async def three_refused_coops(harness):
    """Coop Relue refused on reading and applying again; Coop Visitée refused after its visit and
    preparing its cycle 2; Coop Refusée refused on reading, not applying again."""
    async with harness.database.transaction() as session:
        await grant_federation_role(session, COMMITTEE_ID, FederationRoleName.COMMITTEE)
    committee = harness.user(COMMITTEE_ID, "Claude", "fr")
    read = await submitted(harness, 711, "Coop Relue")
    visited = await submitted(harness, 712, "Coop Visitée")
    await submitted(harness, 713, "Coop Refusée")
    await decide(committee, "Coop Relue", "⛔ Refuser", "Hors sujet.")
    await decide(committee, "Coop Refusée", "⛔ Refuser", "Hors sujet.")
    await decide(committee, "Coop Visitée", "✅ Déclarer recevable", "Recevable.", "31/08/2026")
    await decide(committee, "Coop Visitée", "🚪 Visite", "Visite faite.", "20/11/2026")
    await decide(committee, "Coop Visitée", "⛔ Ne pas attribuer le label", "Pas encore.", "21/11/2026")
    await applies_again(read)
    await applies_again(visited)
    async with harness.database.transaction() as session:
        cycles = (await session.exec(select(Dossier.cycle, Dossier.status).order_by(Dossier.id))).all()
    assert sorted(cycles) == [
        (1, DossierStatus.DRAFT),  # Coop Relue's, a draft again
        (1, DossierStatus.REFUSED),
        (1, DossierStatus.REFUSED),  # Coop Visitée's cycle 1 keeps its course
        (2, DossierStatus.DRAFT),
    ], cycles


async def test_a_new_cycle_after_a_refusal_is_counted_as_preparing_on_the_dashboard(harness):
    await three_refused_coops(harness)
    admin = harness.user(ADMIN_ID, language_code="fr")
    await admin.send("/tableau")
    board = admin.last_text
    assert "• Préparent leur dossier\u00a0: 2" in board and "• Non retenus\u00a0: 1" in board, board

    await admin.send("/tableau csv")
    document = admin.last["document"]
    content = harness.fake.file_content(
        harness.fake.handle("getFile", {"file_id": document["file_id"]})["file_path"]
    )
    header, *rows = csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";")
    stage = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    assert [stage[name]["Étape"] for name in ("Coop Relue", "Coop Visitée", "Coop Refusée")] == [
        "Prépare son dossier",
        "Prépare son dossier",
        "Candidature non retenue",
    ], stage
    assert stage["Coop Visitée"]["Cycle"] == "2" and stage["Coop Visitée"]["Statut"].startswith("Brouillon")


async def test_an_announcement_to_the_coops_preparing_reaches_both(harness):
    await three_refused_coops(harness)
    admin = harness.user(ADMIN_ID, language_code="fr")
    await compose(admin)
    reached = {}
    for stage in ("Préparent leur dossier", "Non retenus"):
        await admin.press("Par étape du label")
        await admin.press(stage)
        count = next(row for row in admin.last_text.splitlines() if row.startswith("Destinataires"))
        reached[stage] = count.split("\u00a0: ")[1]
        await admin.press("✏️ Public")
    assert reached == {"Préparent leur dossier": "2", "Non retenus": "1"}, reached
