"""Coops as a person reads their names in `qualicoop coop list`, as /comite and /tableau list them
(models.parsing.names.reading_order), not by the database's code points that put accented and lower-case
names after Z (an announcement's failures: test_announce_failures.py); and a bare number is coop #n
before a coop named n, for the CLI and /export alike (models.parsing.names.coop_number)."""

from __future__ import annotations

from datetime import UTC, datetime

from models.coops import create_coop, list_coops
from models.parsing.names import coop_number
from models.tables import Coop, Dossier, DossierStatus
from tests.conftest import ADMIN_ID, NOW

# in the order a person reads them; code points put « Zèbre » before « abri » and « Élan » last
NAMES = ["abri solidaire", "Beaulieu", "Élan Habitat", "Zèbre Habitat"]
ADDED = ["Zèbre Habitat", "abri solidaire", "Élan Habitat", "Beaulieu"]


def test_a_number_is_a_coop_s_number_only_as_a_list_shows_it():
    assert coop_number("12") == coop_number("#12") == coop_number(" 12 ") == 12
    for not_a_number in ("", "#", "12a", "# 12", "²", "١٢", str(2**62), "Coop 12"):
        assert coop_number(not_a_number) is None, not_a_number


async def test_the_cli_s_list_reads_the_coops_in_reading_order(db):
    async with db.transaction() as session:
        for name in ADDED:
            await create_coop(session, name)
        assert [summary.coop.name for summary in await list_coops(session)] == NAMES


async def test_export_of_a_number_a_coop_is_also_named_exports_the_coop_so_numbered(harness):
    async with harness.database.transaction() as session:
        first = Coop(name="Coop Une", created_at=datetime(2025, 1, 1, tzinfo=UTC))
        session.add(first)
        await session.flush()
        second = Coop(name=str(first.id), created_at=datetime(2025, 2, 1, tzinfo=UTC))
        session.add(second)
        await session.flush()
        for coop in (first, second):
            session.add(Dossier(coop_id=coop.id, status=DossierStatus.SUBMITTED, submitted_at=NOW))
    admin = harness.user(ADMIN_ID, "Fédé", "fr")
    await admin.send(f"/export {first.id}")
    assert " - Coop Une - " in admin.last["document"]["file_name"]
    await admin.send(f"/export {second.id}")  # no coop is so named: the one so numbered
    assert f" - {first.id} - " in admin.last["document"]["file_name"]
