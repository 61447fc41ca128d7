"""/mesdonnees' readable file names what each row is about: the consultation answered (its question, the
choices ticked in words, the comment), the announcement received or answered (its title), the event a
reminder was about, the coop of a row that points to a dossier; a submitted dossier reads as its date
and its engagements, not as the stored JSON; a message without a file has no file size. The JSON file
keeps every row as stored, nothing added."""

from __future__ import annotations

import json
import re

from sqlmodel import select

from models.consultations.answers import send_answer, set_comment, toggle_choice
from models.consultations.store import new_consultation, open_consultation
from models.dossier.current import current_dossier
from models.tables import Consultation, User
from tests.conftest import NOW
from tests.conversations.test_personal_data import ZEPH, a_bit_of_everything, document_content
from tests.dossier_fill import complete_dossier
from tests.dossier_steps import choose, join, open_home, submit

ENGAGEMENT_5 = "5. Associer accédants, locataires, salariés et collectivités à la vie de la coopérative"


def section(text: str, title: str) -> str:
    return text.split(title, 1)[1].split("\n\n\n", 1)[0]


async def files(harness, user) -> tuple[dict, str]:
    """The JSON file's tables and the readable text /mesdonnees sends now."""
    await user.send("/mesdonnees")
    json_file, text_file = [m for m in user.replies if "document" in m][-2:]
    exported = json.loads(document_content(harness, json_file))
    return exported["tables"], document_content(harness, text_file).decode()


async def test_a_consultation_answer_says_the_question_the_choices_and_the_comment(harness):
    zeph, _ = await a_bit_of_everything(harness)
    async with harness.database.transaction() as session:
        consultation = (await session.exec(select(Consultation))).one()
        await set_comment(session, consultation, ZEPH, "Surtout la vie coopérative", NOW)
        dossier = await current_dossier(session, consultation.coop_id)
        free = await new_consultation(session, consultation.coop_id, dossier.id, ZEPH, NOW)
        free.question, free.choices = "Quel jour pour l’assemblée\u00a0?", '["Mardi", "Jeudi", "Samedi"]'
        await open_consultation(session, free, ZEPH, NOW)
        await toggle_choice(session, free, ZEPH, 2, True, NOW)
        await toggle_choice(session, free, ZEPH, 0, True, NOW)
        await send_answer(session, free, ZEPH, NOW)
    tables, text = await files(harness, zeph)
    answers = section(text, "Vos réponses aux consultations (2)")
    assert "Coopérative\u00a0: Coop Données" in answers, answers
    assert "Question\u00a0: Quels engagements comptent le plus pour vous\u00a0?" in answers, answers
    assert f"Choix\u00a0: {ENGAGEMENT_5}\n" in answers, answers
    assert "Commentaire\u00a0: Surtout la vie coopérative" in answers, answers
    assert "Question\u00a0: Quel jour pour l’assemblée\u00a0?" in answers, answers
    assert "Choix\u00a0: Mardi\n    Samedi\n" in answers, answers
    link = section(text, "Consultations ouvertes par un lien public (1)")
    assert "Question\u00a0: Quels engagements comptent le plus pour vous\u00a0?" in link, link
    assert "Coopérative\u00a0: Coop Données" in link, link
    # the JSON file: the rows as stored, the choices as numbers, nothing added
    assert sorted(row["choices"] for row in tables["consultationanswer"]) == ["[0, 2]", "[4]"]
    assert all("question" not in row for row in tables["consultationanswer"])


async def test_announcements_and_reminders_say_what_they_were_about(harness):
    zeph, _ = await a_bit_of_everything(harness)
    tables, text = await files(harness, zeph)
    assert "Annonce\u00a0: VisioCoop" in section(text, "Annonces qui vous ont été envoyées (1)"), text
    assert "Annonce\u00a0: VisioCoop" in section(text, "Vos réponses aux annonces (1)"), text
    reminders = section(text, "Rappels qui vous ont été envoyés (1)")
    assert "Type\u00a0: Point d’étape à 6 mois" in reminders and "Coop Données" in reminders, reminders
    assert tables["sentreminder"][0]["kind"] is None and "title" not in tables["delivery"][0]


async def test_rows_about_a_dossier_name_its_coop(harness):
    zeph, _ = await a_bit_of_everything(harness)
    tables, text = await files(harness, zeph)
    for title in (
        "Engagements que vous avez choisis (1)",
        "Documents que vous avez fournis (1)",
        "Dossiers que vous avez soumis (1)",
        "Points d’étape que vous avez enregistrés (1)",
        "Bilans d’étape que vous avez commencés ou envoyés (1)",
    ):
        assert "• Coopérative\u00a0: Coop Données\n" in section(text, title), section(text, title)
    assert f"Engagement\u00a0: {ENGAGEMENT_5}" in section(text, "Engagements que vous avez choisis (1)")
    assert all("coop_id" not in tables[name][0] for name in ("engagementchoice", "attachment", "checkpoint"))


async def test_engagements_chosen_in_two_coops_are_told_apart(harness):
    cam = await join(harness, 9531, "fr", "Coop Première")
    bob = harness.user(9532, "Bob", "fr")
    await bob.send(f"/start {cam.invitations.member_token}")
    await choose(bob, [1])
    await open_home(cam)
    await cam.press("🤝 Mon équipe")
    await cam.press("➖ 2.")
    await cam.press("🗑 Oui, retirer de l’équipe")
    other = await join(harness, 9533, "fr", "Coop Voisine")
    await bob.send(f"/start {other.invitations.member_token}")
    await choose(bob, [1])
    _, text = await files(harness, bob)
    chosen = section(text, "Engagements que vous avez choisis (2)")
    assert "Coopérative\u00a0: Coop Première" in chosen and "Coopérative\u00a0: Coop Voisine" in chosen, (
        chosen
    )


async def test_a_message_without_a_file_says_no_file_size(harness):
    zeph, _ = await a_bit_of_everything(harness)
    tables, text = await files(harness, zeph)
    messages = section(text, "Vos messages à la fédération (1)")
    assert "Taille" not in messages and "Texte\u00a0: Question de Zéph" in messages, messages
    assert tables["requestmessage"][0]["size"] == 0


async def test_a_submitted_dossier_reads_as_its_engagements_in_the_readers_language(harness):
    zelie = await join(harness, 5600001, "fr", "Coop Gamma")
    await complete_dossier(zelie)
    await submit(zelie)
    tables, text = await files(harness, zelie)
    submitted = section(text, "Dossiers que vous avez soumis (1)")
    assert "Version" not in submitted and "12.5" not in submitted and "application/pdf" not in submitted
    assert "• Coopérative\u00a0: Coop Gamma\n" in submitted, submitted
    assert re.search(r"Soumis le\u00a0: \w+ \d+ \w+ 20\d\d", submitted), submitted
    assert (
        "Engagements choisis\u00a0: 1. Permettre l’accès à un logement abordable au plus grand nombre\n"
        in submitted
    ), submitted
    assert max(map(len, submitted.splitlines())) < 200, submitted
    stored = json.loads(tables["dossierversion"][0]["content"])  # the JSON file: everything, as stored
    assert tables["dossierversion"][0]["version"] > 1 and stored["attachments"][0]["mime_type"]


async def test_a_submitted_dossier_reads_in_english(harness):
    zoe = await join(harness, 5600002, "fr", "Coop Delta")
    await complete_dossier(zoe)
    await submit(zoe)
    async with harness.database.transaction() as session:
        (await session.get(User, 5600002)).language = "en"
    _, text = await files(harness, zoe)
    submitted = section(text, "Dossiers you submitted (1)")
    assert "Version" not in submitted and "application/pdf" not in submitted, submitted
    assert "• Coop: Coop Delta\n" in submitted and "Submitted on: " in submitted, submitted
    assert (
        "Engagements chosen: 1. Give as many people as possible access to affordable housing\n" in submitted
    ), submitted
