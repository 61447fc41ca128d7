"""/tableau: the 80 % aim is of ACTIVE coops engaged (domain.md). A coop whose dossier was submitted
at least once is engaged, hence active, even once nobody of it is left in the assistant (its one
person erased their data with /supprimer, retired, to be replaced later): before, it dropped out of
both sides of the share, and one screen said « Labellisés : 1 » with « Engagées : 0 sur 1 — 0 % »
(or « no coop registered in the assistant yet »)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

from models.privacy.erase import erase_person
from models.tables import DossierStatus
from tests.conftest import ADMIN_ID
from tests.conversations.test_dashboard_who_counts import set_status
from tests.dossier_steps import choose, join

ERASED_ON = datetime(2026, 11, 30, tzinfo=UTC)


async def erase(harness, user_id: int) -> None:
    async with harness.database.transaction() as session:
        await erase_person(session, user_id, ERASED_ON)


async def table_rows(admin, harness) -> dict[str, dict[str, str]]:
    """/tableau csv, by coop."""
    await admin.send("/tableau csv")
    document = admin.last["document"]
    content = harness.fake.file_content(
        harness.fake.handle("getFile", {"file_id": document["file_id"]})["file_path"]
    )
    header, *rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    return {row[0]: dict(zip(header, row, strict=True)) for row in rows}


async def test_a_labelled_coop_whose_only_person_left_still_counts_as_engaged(harness):
    labelled = await join(harness, 1101, "fr", "Coop Labellisée")
    await choose(labelled, [1, 2])
    await set_status(harness, labelled.invitations.coop.id, DossierStatus.LABELLED, date(2026, 6, 1))
    await join(harness, 1102, "fr", "Coop Pas Encore")  # joined, nothing submitted
    await harness.add_coop("Coop Sans Membre")  # nobody joined, nothing submitted: not active
    await erase(harness, 1101)
    admin = harness.user(ADMIN_ID, language_code="fr")
    await admin.send("/tableau")
    text = admin.last_text
    assert "• Labellisés\u00a0: 1" in text, text
    assert "Coopératives\u00a0: 3 · 2 inscrites dans l’assistant" in text, text
    assert "Engagées\u00a0: 1 sur 2 coopératives inscrites dans l’assistant — 50\u00a0%" in text, text
    assert "encore 1 coopérative à engager" in text, text
    rows = await table_rows(admin, harness)
    left = rows["Coop Labellisée"]
    assert (left["Membres"], left["Inscrite dans l’assistant"], left["Engagée (a déposé un dossier)"]) == (
        "0",
        "oui",
        "oui",
    )
    assert rows["Coop Sans Membre"]["Inscrite dans l’assistant"] == "non"


async def test_a_submitted_coop_alone_whose_person_left_is_no_empty_federation(harness):
    """The one coop submitted, then its one person erased their data: 1 of 1 engaged, the gauge drawn;
    not « no coop registered yet: make a new invitation link »."""
    submitted = await join(harness, 1101, "en", "Coop Submitted")
    await set_status(harness, submitted.invitations.coop.id, DossierStatus.SUBMITTED)
    await erase(harness, 1101)
    admin = harness.user(ADMIN_ID, language_code="en")
    await admin.send("/dashboard")
    text = admin.last_text
    assert "Engaged: 1 of 1 coop registered in the assistant — 100%" in text, text
    assert "No coop registered" not in text and "coop invite" not in text, text
    assert any("photo" in message for message in admin.replies), admin.replies  # the gauge is drawn
