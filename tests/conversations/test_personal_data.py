"""Personal data: /mesdonnees holds every table's rows about the person; /supprimer leaves none."""

from __future__ import annotations

import json
from datetime import date, timedelta

from sqlalchemy import text
from sqlmodel import SQLModel, select

from conversations.render.commitments.personal_words import TOPICS
from models.consultations.answers import send_answer, toggle_choice
from models.consultations.store import grant_access, new_consultation, open_consultation
from models.dossier.current import current_dossier
from models.dossier.practices import set_sharing
from models.dossier.writes import set_engagement
from models.federation.drafts import send_draft
from models.federation.requests import new_draft, set_closed
from models.outbox import enqueue
from models.privacy.registry import NO_PERSON, PERSON_COLUMNS, tables_about_people
from models.tables import (
    Announcement,
    AppSession,
    Checkpoint,
    Delivery,
    DossierVersion,
    FederationRoleName,
    Member,
    ProgressReport,
    ReceivedUpdate,
    RequestSubject,
    Rsvp,
    SentReminder,
    TextPart,
    UnhandledUpdate,
)
from models.users import grant_federation_role
from tests.conftest import NOW
from tests.dossier_steps import join, upload_letter

ZEPH, NAME = 987654321, "Zéphyrine"


def test_every_table_is_either_about_people_or_declared_free_of_them():
    tables = set(SQLModel.metadata.tables)
    assert tables == set(tables_about_people()) | set(NO_PERSON), tables ^ (
        set(tables_about_people()) | set(NO_PERSON)
    )
    assert set(tables_about_people()) <= set(TOPICS)


async def a_bit_of_everything(harness):
    """Zéphyrine, direction of her coop (and on the committee), with a row in every table about people."""
    invitations = await harness.add_coop("Coop Données")
    zeph = harness.user(ZEPH, NAME, "fr")
    await zeph.send(f"/start {invitations.direction_token}")
    colleague = harness.user(8802, "Bob", "fr")
    await colleague.send(f"/start {invitations.member_token}")
    await upload_letter(zeph)
    async with harness.database.transaction() as session:
        await grant_federation_role(session, ZEPH, FederationRoleName.COMMITTEE)
        dossier = await current_dossier(session, invitations.coop.id)
        member = (await session.exec(select(Member).where(Member.user_id == ZEPH))).one()
        await set_engagement(session, dossier, 5, True, actor_id=ZEPH, now=NOW)
        session.add(DossierVersion(dossier_id=dossier.id, version=1, submitted_by=ZEPH))
        session.add(
            Checkpoint(dossier_id=dossier.id, kind="six_months", due_on=date(2027, 6, 1), recorded_by=ZEPH)
        )
        announcement = Announcement(created_by=ZEPH, title="VisioCoop", progress_chat_id=ZEPH)
        session.add(announcement)
        await session.flush()
        session.add_all(
            [
                Delivery(announcement_id=announcement.id, user_id=ZEPH),
                Rsvp(announcement_id=announcement.id, user_id=ZEPH, attending=True),
                SentReminder(user_id=ZEPH, event_key="checkpoint:1", lead_days=30, due_on=date(2027, 6, 1)),
                TextPart(user_id=ZEPH, message_id=1, text="Un long texte collé…"),
                AppSession(token="zeph-session", user_id=ZEPH, changed='["approach"]'),
                ReceivedUpdate(update_id=77, sender=ZEPH),
                UnhandledUpdate(update_id=77, sender=ZEPH, receiver="gone", body='{"message": "…"}'),
            ]
        )
        await enqueue(session, [ZEPH], "decision", {"transition": "refuse", "date": "2026-11-23"}, now=NOW)
        await enqueue(session, [8802], "submitted", {"name": NAME, "coop": "Coop Données"}, now=NOW)
        consultation = await new_consultation(session, invitations.coop.id, dossier.id, ZEPH, NOW)
        consultation.closes_on = date(2026, 12, 15)
        await open_consultation(session, consultation, ZEPH, NOW)
        await grant_access(session, consultation, ZEPH, NOW)
        await toggle_choice(session, consultation, ZEPH, 4, True, NOW)
        await send_answer(session, consultation, ZEPH, NOW)
        thread = await new_draft(
            session, invitations.coop.id, ZEPH, RequestSubject.OTHER, "Question de Zéph", NOW
        )
        await send_draft(session, thread, NOW)
        await set_closed(session, thread, True, ZEPH, NOW + timedelta(hours=1))
        session.add(
            ProgressReport(dossier_id=dossier.id, checkpoint_kind="six_months", created_by=ZEPH, sent_by=ZEPH)
        )
        await set_sharing(session, member, "indicators", True, NOW)
    return zeph, colleague


def document_content(harness, message) -> bytes:
    file_path = harness.fake.handle("getFile", {"file_id": message["document"]["file_id"]})["file_path"]
    return harness.fake.file_content(file_path)


async def test_my_data_holds_every_tables_rows_about_me(harness):
    zeph, _colleague = await a_bit_of_everything(harness)
    await zeph.send("/mesdonnees")
    documents = [m for m in zeph.replies if "document" in m]
    assert [d["document"]["file_name"] for d in documents] == [
        "qualicoop-mes-donnees.json",
        "qualicoop-mes-donnees.txt",
    ]
    exported = json.loads(document_content(harness, documents[0]))
    assert exported["telegram_id"] == ZEPH
    for column in PERSON_COLUMNS:
        rows = exported["tables"].get(column.table_name, [])
        assert any(row[column.column] == ZEPH for row in rows), (column.table_name, column.column)
    readable = document_content(harness, documents[1]).decode()
    assert "Vos réponses aux consultations (1)" in readable and f"Prénom\u00a0: {NAME}" in readable


def holders(rows: dict[str, list[tuple]], needles: tuple[str, ...]) -> list[str]:
    """Where the id or the name still appears (an int equal to the id, or a text containing a needle)."""
    found = []
    for table, values in rows.items():
        for row in values:
            for value in row:
                if value == ZEPH or (isinstance(value, str) and any(n in value for n in needles)):
                    found.append(f"{table}: {row}")
    return found


async def all_rows(harness) -> dict[str, list[tuple]]:
    async with harness.database.engine.connect() as connection:
        return {
            name: list((await connection.execute(text(f'SELECT * FROM "{name}"'))).all())
            for name in SQLModel.metadata.tables
        }


async def test_erasing_leaves_no_trace_but_the_dossier_stands(harness):
    zeph, colleague = await a_bit_of_everything(harness)
    assert holders(await all_rows(harness), (str(ZEPH), NAME))  # the check can see her
    await zeph.send("/supprimer")
    assert "Effacer vos données personnelles\u00a0?" in zeph.last_text
    assert "Vous êtes le dernier membre de la direction de Coop Données" in zeph.last_text
    assert "attribuées à «\u00a0ancien membre\u00a0»" in zeph.last_text
    await zeph.press("🗑 Oui, effacer mes données")
    assert "Vos données personnelles sont effacées" in zeph.last_text
    assert holders(await all_rows(harness), (str(ZEPH), NAME)) == []

    await colleague.send("/recap")
    assert "Coop Données" in colleague.reply_text()
    await colleague.send("/pdf")
    assert colleague.last["document"]["file_name"].endswith(".pdf")
    await colleague.send("/federation")
    await colleague.press("1 · ")
    assert "👤 ancien membre" in colleague.last_text and "Question de Zéph" in colleague.last_text
    await harness.run_background()  # the news of the submission, then that the coop has no direction left
    assert "ancien membre a soumis le dossier" in "\n".join(colleague.texts()[-2:])
    assert colleague.last_text.startswith("⚠️ Coop Données n’a plus de direction dans l’assistant")

    # she can come back as anyone new: nothing of her remains to be found
    await zeph.send("/mesdonnees")
    first = next(m for m in zeph.replies if "document" in m)
    exported = json.loads(document_content(harness, first))
    assert set(exported["tables"]) == {"user"}


async def test_the_confirmation_can_be_cancelled_and_a_member_is_not_warned(harness):
    sam = await join(harness, 8811, "en", "Coop Reste", role="member")
    await sam.send("/erase")
    assert "You are the last member" not in sam.last_text
    await sam.press("Cancel")
    assert "Nothing was erased." in sam.last_text
    await sam.send("/dossier")
    assert "Coop Reste" in sam.last_text
