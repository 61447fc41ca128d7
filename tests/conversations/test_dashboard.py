"""/tableau: the federation's dashboard as a chart, as text and as a table per coop."""

from __future__ import annotations

import csv
import io

from matplotlib.image import imread
from sqlmodel import select

from models.dossier.current import current_dossier
from models.tables import Dossier, DossierStatus
from tests.conftest import ADMIN_ID
from tests.dossier_steps import choose, join


async def set_status(harness, coop_id: int, status: DossierStatus) -> None:
    async with harness.database.transaction() as session:
        dossier = await current_dossier(session, coop_id)
        dossier.status = status
        session.add(dossier)


async def test_dashboard_counts_stages_and_the_aim(harness):
    preparing = await join(harness, 1101, "fr", "Coop A")
    await choose(preparing, [1, 2])
    submitted = await join(harness, 1102, "fr", "Coop B")
    await set_status(harness, submitted.invitations.coop.id, DossierStatus.SUBMITTED)
    labelled = await join(harness, 1103, "fr", "Coop C")
    await set_status(harness, labelled.invitations.coop.id, DossierStatus.LABELLED)
    await harness.add_coop("Coop D (sans membre)")
    admin = harness.user(ADMIN_ID, language_code="fr")
    await admin.send("/tableau")
    photo = admin.messages[-2]["photo"][-1]
    image = imread(
        io.BytesIO(
            harness.fake.file_content(
                harness.fake.handle("getFile", {"file_id": photo["file_id"]})["file_path"]
            )
        )
    )
    assert image.shape[1] >= 1000 and image.std() > 0.05
    text = admin.last_text
    assert "Coopératives\u00a0: 4 (3 utilisent l’assistant)" in text
    assert "Engagées\u00a0: 2 sur 3 coopératives actives — 67\u202f% (objectif\u00a0: 80\u202f%)" in text
    assert "Dossiers en attente du comité\u00a0: 1" in text
    assert (
        "• Pas commencé\u00a0: 1" in text
        and "• Préparent leur dossier\u00a0: 1" in text
        and "• Labellisés\u00a0: 1" in text
    )
    await admin.send("/tableau csv")
    document = admin.last["document"]
    content = harness.fake.file_content(
        harness.fake.handle("getFile", {"file_id": document["file_id"]})["file_path"]
    )
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Coopérative", "Région", "Membres", "Étape"]
    assert [r[0] for r in rows[1:]] == ["Coop A", "Coop B", "Coop C", "Coop D (sans membre)"]
    assert rows[1][6] == "2"  # engagements chosen by Coop A


async def test_dashboard_is_for_the_federation_only(harness):
    member = await join(harness, 1104, "fr", "Coop E")
    await member.send("/tableau")
    assert member.last_text == "Ceci est réservé à la fédération (administrateurs et comité de validation)."
    async with harness.database.transaction() as session:
        assert (await session.exec(select(Dossier))).one().status == DossierStatus.DRAFT
