"""/tableau: the federation's dashboard as a chart, as text and as a table per coop."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

from matplotlib.image import imread
from sqlmodel import select

from models.coops import create_coop
from models.dossier.current import current_dossier
from models.label.dashboard import build_dashboard
from models.label.lifecycle import timeline
from models.tables import Checkpoint, Dossier, DossierStatus, EngagementChoice, Member, MemberRole, User
from tests.conftest import ADMIN_ID, NOW
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
    assert "Coopératives\u00a0: 4 · 3 inscrites dans l’assistant" in text
    assert "Engagées\u00a0: 2 sur 3 coopératives inscrites dans l’assistant — 66,6\u00a0%" in text
    assert "Objectif\u00a0: 80\u00a0% — pas encore atteint\u00a0: encore 1 coopérative à engager" in text
    assert "Dossiers en attente du comité\u00a0: 1" in text
    assert (
        "• Pas commencé\u00a0: 1" in text
        and "• Préparent leur dossier\u00a0: 1" in text
        and "• Labellisés\u00a0: 1" in text
        and "• Recevables ou visités, en cours\u00a0: 0" in text  # /comite counts the two apart
    )
    await admin.send("/tableau csv")
    document = admin.last["document"]
    content = harness.fake.file_content(
        harness.fake.handle("getFile", {"file_id": document["file_id"]})["file_path"]
    )
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Coopérative", "Région", "Membres"]
    assert [r[0] for r in rows[1:]] == ["Coop A", "Coop B", "Coop C", "Coop D (sans membre)"]
    assert dict(zip(rows[0], rows[1], strict=True))["Engagements"] == "2"  # chosen by Coop A


async def test_dashboard_is_for_the_federation_only(harness):
    member = await join(harness, 1104, "fr", "Coop E")
    await member.send("/tableau")
    assert member.last_text == (
        "Ceci est réservé à la fédération (administrateurs et comité de validation). Le dossier de votre "
        "coopérative\u00a0: /dossier. Toutes les commandes à votre disposition\u00a0: /aide."
    )
    async with harness.database.transaction() as session:
        assert (await session.exec(select(Dossier))).one().status == DossierStatus.DRAFT


async def coops_at(harness, statuses: list[DossierStatus], labelled_on: date | None = None) -> None:
    """One coop per status, each with its direction registered in the assistant, 8 engagements chosen."""
    async with harness.database.transaction() as session:
        for n, status in enumerate(statuses):
            coop = await create_coop(session, f"Coop {n:03d}")
            session.add(User(id=9_100_000 + n, first_name=f"Dir{n}", telegram_language="fr"))
            await session.flush()
            session.add(Member(user_id=9_100_000 + n, coop_id=coop.id, role=MemberRole.DIRECTION))
            dossier = await current_dossier(session, coop.id)
            dossier.status = status
            if status not in (DossierStatus.DRAFT, DossierStatus.READY):
                dossier.submitted_at = datetime(2026, 6, 1, 10, tzinfo=UTC)
            if status in (DossierStatus.ADMISSIBLE, DossierStatus.LABELLED, DossierStatus.RENEWED):
                dossier.admissible_on = date(2026, 6, 30)
            if status in (DossierStatus.LABELLED, DossierStatus.RENEWED):
                dossier.labelled_on = labelled_on or date(2026, 10, 1)
            for code in (1, 2, 5, 6, 9, 10, 11, 12):
                session.add(EngagementChoice(dossier_id=dossier.id, engagement_code=code))
            session.add(dossier)
            await session.flush()
            for kind, due in timeline(dossier.admissible_on, dossier.labelled_on):
                session.add(Checkpoint(dossier_id=dossier.id, kind=kind.value, due_on=due))
            if status == DossierStatus.RENEWED:  # its cycle 2, a draft
                session.add(Dossier(coop_id=coop.id, cycle=2, status=DossierStatus.DRAFT))


async def dashboard_text(harness) -> str:
    admin = harness.user(ADMIN_ID, language_code="fr")
    await admin.send("/tableau")
    return admin.last_text


async def test_the_aim_is_never_rounded_up_to_met(harness):
    await coops_at(harness, [DossierStatus.SUBMITTED] * 129 + [DossierStatus.DRAFT] * 33)
    text = await dashboard_text(harness)
    assert "Engagées\u00a0: 129 sur 162 coopératives inscrites dans l’assistant — 79,6\u00a0%" in text
    assert "pas encore atteint\u00a0: encore 1 coopérative à engager" in text and "80\u00a0%)" not in text


async def test_the_aim_met_exactly(harness):
    await coops_at(harness, [DossierStatus.SUBMITTED] * 4 + [DossierStatus.DRAFT])
    text = await dashboard_text(harness)
    assert "— 80\u00a0%\n" in text and "✅ Objectif\u00a0: 80\u00a0% — atteint" in text


async def test_a_coop_counts_at_its_best_standing_and_a_refused_one_as_engaged(harness):
    # a coop renewing (label of 1 October 2026 still valid, cycle 2 a draft), a refused one, a draft
    await coops_at(harness, [DossierStatus.RENEWED, DossierStatus.REFUSED, DossierStatus.DRAFT])
    text = await dashboard_text(harness)
    assert "Coopératives\u00a0: 3 · 3 inscrites dans l’assistant" in text
    assert "Engagées\u00a0: 2 sur 3 coopératives inscrites dans l’assistant" in text  # submitted once
    assert "• Labellisés\u00a0: 1" in text and "• Non retenus\u00a0: 1" in text
    assert "• Préparent leur dossier\u00a0: 1" in text  # the draft only, not the renewal's


async def test_an_expired_label_no_longer_counts_as_labelled(harness):
    await coops_at(harness, [DossierStatus.RENEWED], labelled_on=date(2023, 10, 1))  # ended 1 October 2026
    text = await dashboard_text(harness)
    assert (
        "• Labellisés\u00a0: 0" in text
        and "Engagées\u00a0: 1 sur 1 coopérative inscrite dans l’assistant" in text
    )


async def test_one_coop_reads_in_the_singular(harness):
    await coops_at(harness, [DossierStatus.SUBMITTED])
    text = await dashboard_text(harness)
    assert "Coopérative\u00a0: 1 · 1 inscrite dans l’assistant" in text
    assert "Engagées\u00a0: 1 sur 1 coopérative inscrite dans l’assistant — 100\u00a0%" in text


async def test_the_checkpoints_ahead_beyond_twenty_are_counted(harness):
    # 35 coops admissible on 30 June 2026: their 6-month checkpoints fall on 30 December 2026
    await coops_at(harness, [DossierStatus.ADMISSIBLE] * 35)
    text = await dashboard_text(harness)
    assert text.count("Point d’étape à 6 mois") == 20
    assert "… et 15 autres\u00a0: /tableau csv les donne tous" in text  # where to find them


async def test_a_checkpoint_whose_day_passed_unrecorded_stays_listed_first(harness):
    """Not skipped for the coop's next one: the federation sees what the committee has still to hold."""
    await coops_at(harness, [DossierStatus.ADMISSIBLE])
    async with harness.database.transaction() as session:
        six = (await session.exec(select(Checkpoint).where(Checkpoint.kind == "six_months"))).one()
        six.due_on = date(2026, 11, 2)  # three weeks ago, not recorded
        session.add(six)
    text = await dashboard_text(harness)
    assert "⏳ 2 novembre 2026 — " in text and "Point d’étape à 6 mois — en attente d’enregistrement" in text


async def csv_rows(harness, language: str, delimiter: str) -> list[dict[str, str]]:
    """/tableau csv as a spreadsheet reads it: one dict per coop, by column title."""
    admin = harness.user(ADMIN_ID, language_code=language)
    await admin.send("/tableau csv")
    document = admin.last["document"]
    content = harness.fake.file_content(
        harness.fake.handle("getFile", {"file_id": document["file_id"]})["file_path"]
    )
    header, *rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=delimiter))
    return [dict(zip(header, row, strict=True)) for row in rows]


async def test_the_table_reads_one_coop_per_row_in_plain_words(harness):
    """Singular words for one coop, no emoji, what the 80 % is counted from, sortable dates."""
    await coops_at(harness, [DossierStatus.LABELLED, DossierStatus.DRAFT])
    await harness.add_coop("Coop Z (sans membre)")
    labelled, draft, unregistered = await csv_rows(harness, "fr", ";")
    assert (labelled["Étape"], labelled["Statut"]) == ("Label obtenu", "Labellisé")
    assert draft["Étape"] == "Prépare son dossier" and unregistered["Étape"] == "Aucun engagement choisi"
    engaged = "Engagée (a déposé un dossier)"
    assert [(row["Inscrite dans l’assistant"], row[engaged]) for row in (labelled, draft, unregistered)] == [
        ("oui", "oui"),
        ("oui", "non"),
        ("non", "non"),
    ]
    # admissible on 30 June 2026, its 6-month checkpoint not recorded: the date alone, sortable
    assert labelled["Date du prochain point d’étape"] == "2026-12-30"
    assert labelled["Prochain point d’étape"] == "Point d’étape à 6 mois"
    (row,) = [r for r in await csv_rows(harness, "en", ",") if r["Coop"] == "Coop 000"]
    assert (row["Stage"], row["Status"], row["Engaged (submitted once)"]) == (
        "Label obtained",
        "Labelled",
        "yes",
    )


async def test_a_dashboard_without_a_registered_coop_says_so_plainly(harness):
    """The federation's first day: no « 0 more coops to engage », no gauge at 0 %, but how coops come in."""
    admin = harness.user(ADMIN_ID, language_code="en")
    await admin.send("/dashboard")
    assert not any("photo" in message for message in admin.replies), admin.replies
    text = admin.last_text
    assert "Coops: 0 · 0 registered in the assistant" in text
    assert "No coop in the assistant yet. Add each one with qualicoop coop add NAME" in text
    assert "Aim" not in text and "to engage" not in text
    await harness.add_coop("Coop Sans Membre")
    await admin.send("/dashboard")
    text = admin.last_text
    assert "No coop registered in the assistant yet: a coop counts once one of its members has joined" in text
    assert "qualicoop coop invite COOP" in text and "to engage" not in text, text
    assert not any("photo" in message for message in admin.replies), admin.replies


async def test_the_coops_are_listed_as_a_person_reads_them(harness):
    for name in ("Zèbre Habitat", "Élan Habitat", "abri solidaire", "Beaulieu"):
        await harness.add_coop(name)
    async with harness.database.transaction() as session:
        board = await build_dashboard(session, NOW.date())
    assert [line.coop.name for line in board.lines] == [
        "abri solidaire",
        "Beaulieu",
        "Élan Habitat",
        "Zèbre Habitat",
    ]
