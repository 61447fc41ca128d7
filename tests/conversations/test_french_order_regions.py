"""A region is one region however the coops' records spell it, shown by its official name as the
announcement's audience buttons show it. Before, the /tableau CSV wrote each record's spelling (one
region became « Île-de-France », « Ile-de-France » and « ile de france » in the « Région » column), and
so did /comite's dossier title, the PDF's cover and /export's coops of one name; now each reads
« Île-de-France ». A region not in the official list reads as the federation typed it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from models.tables import Coop, Dossier, DossierStatus
from tests.conftest import ADMIN_ID, NOW
from tests.conversations.test_committee_pdf import committee_pdf
from tests.conversations.test_dashboard import csv_rows
from tests.conversations.test_early_visit import submitted_coop

NBSP = "\u00a0"


async def spelled(harness, coop_id: int, region: str) -> None:
    """A record from before a new coop took its region's usual spelling."""
    async with harness.database.transaction() as session:
        (await session.get(Coop, coop_id)).region = region


async def test_the_csv_names_each_region_by_its_official_name(harness):
    await harness.add_coop("Coop Seine", region="ile de france")
    for name, region in (("Coop Marne", "Île-de-France"), ("Coop Oise", "Ile-de-France")):
        await spelled(harness, (await harness.add_coop(name)).coop.id, region)
    await harness.add_coop("Coop Lointaine", region="Hors Région Test")  # not official: as typed
    regions = {row["Coopérative"]: row["Région"] for row in await csv_rows(harness, "fr", ";")}
    assert regions == {
        "Coop Lointaine": "Hors Région Test",
        "Coop Marne": "Île-de-France",
        "Coop Oise": "Île-de-France",
        "Coop Seine": "Île-de-France",
    }


async def test_the_committee_s_dossier_and_its_pdf_name_the_official_region(harness):
    director, committee = await submitted_coop(harness, "Coop Seine")
    await spelled(harness, director.invitations.coop.id, "ile de france")
    cover = (await committee_pdf(committee, "Coop Seine"))[0]  # /comite, the dossier, « 📄 PDF »
    title = next(text for text in reversed(committee.texts()) if text.startswith("🏛 "))
    assert title.splitlines()[0] == "🏛 Coop Seine — Île-de-France", title
    assert "Île-de-France" in cover and "ile de france" not in cover, cover


async def test_coops_of_one_name_are_told_apart_by_their_official_region(harness):
    async with harness.database.transaction() as session:
        twins = [
            Coop(name="Élan Habitat", region="ile-de-france", created_at=datetime(2025, 1, 1, tzinfo=UTC)),
            Coop(name="élan habitat", region="bretagne", created_at=datetime(2025, 2, 1, tzinfo=UTC)),
        ]
        session.add_all(twins)
        await session.flush()
        for coop in twins:
            session.add(
                Dossier(coop_id=coop.id, status=DossierStatus.SUBMITTED, submitted_at=NOW - timedelta(days=9))
            )
    admin = harness.user(ADMIN_ID, "Fédé", "fr")
    await admin.send("/export Élan Habitat")
    assert admin.last_text.splitlines()[1:3] == [
        f"#{twins[0].id} Élan Habitat — Île-de-France",
        f"#{twins[1].id} élan habitat — Bretagne",
    ], admin.last_text
