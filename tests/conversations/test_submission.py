"""Documents, review, submission to the committee, the PDF and the ZIP bundle."""

from __future__ import annotations

import io
import zipfile

from pypdf import PdfReader
from sqlmodel import select

from models.clock import paris_time
from models.tables import (
    Attachment,
    AuditEntry,
    Dossier,
    DossierStatus,
    DossierVersion,
    FederationRoleName,
    Indicator,
)
from models.users import grant_federation_role
from tests.conftest import NOW
from tests.dossier_fill import CODES, complete_dossier
from tests.dossier_steps import (
    FR_ANSWERS,
    LETTER_PDF,
    choose,
    join,
    open_home,
    submit,
    upload_letter,
)

COMMITTEE_ID = 8000001
ANSWERS = FR_ANSWERS
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


async def test_documents_are_checked_stored_renamed_and_removed(harness):
    director = await join(harness, 601, "fr")
    await open_home(director)
    await director.press("📎 Documents")
    await director.press("📎 Ajouter une pièce")
    await director.send_document("outil.exe", b"MZ\x90\x00" + b"\x00" * 100, "application/octet-stream")
    assert "Ce type de fichier n’est pas accepté" in director.replies[0]["text"]
    big = b"%PDF-1.4\n" + b"0" * (20 * 1024 * 1024 + 1)
    await director.send_document("enorme.pdf", big, "application/pdf")
    assert "dépasse 20 Mo" in director.replies[0]["text"]
    await director.send_photo(PNG, caption="Photo de la résidence <Les Tilleuls>")
    assert "Document enregistré" in director.replies[0]["text"]
    assert "Photo de la résidence <Les Tilleuls>" in director.last_text
    await upload_letter(director)
    assert "✅ «\u00a0lettre-engagement\u00a0»" in director.last_text
    await director.press("📄 2 · ")
    await director.press("✏️ Renommer")
    await director.send("Photo des Tilleuls")
    assert "«\u00a0Photo des Tilleuls\u00a0»" in director.last_text
    async with harness.database.transaction() as session:
        files = (await session.exec(select(Attachment).order_by(Attachment.id))).all()
    assert [(f.kind, f.label) for f in files] == [
        ("supporting", "Photo des Tilleuls"),
        ("commitment_letter", "lettre-engagement"),
    ]
    # a photo has no name: the moment it came, in Paris time, and the extension of what it is
    assert NOW.hour != paris_time(NOW).hour  # so that UTC would show
    assert files[0].file_name == f"photo-{paris_time(NOW):%Y%m%d-%H%M%S}.png"
    assert await harness.application.bot_data.file_store.read(files[1].sha256) == LETTER_PDF
    await director.press("📄 2 · ")
    await director.press("🗑 Retirer")
    await director.press("🗑 Oui")
    assert "Retiré\u00a0: Photo des Tilleuls" in director.last_text


async def test_only_the_direction_provides_the_letter(harness):
    director = await join(harness, 602, "fr")
    member = harness.user(603, language_code="fr")
    await member.send(f"/start {director.invitations.member_token}")
    await open_home(director)
    await director.press("📎 Documents")
    letter = director.find_button("📎 Lettre d’engagement")[1]
    await open_home(member)
    await member.press("📎 Documents")
    assert "📎 Lettre d’engagement" not in member.buttons()  # not offered to a member
    await member.press_data(member.last, letter)  # and refused when forged
    assert "Seul un membre de la direction peut fournir la lettre d’engagement" in member.last_text


async def test_submission_rules_roles_notifications_and_freeze(harness):
    director = await join(harness, 604, "fr", "Coop Œuvre « Solidaire »")
    member = harness.user(605, language_code="en")
    await member.send(f"/start {director.invitations.member_token}")
    async with harness.database.transaction() as session:
        await grant_federation_role(session, COMMITTEE_ID, FederationRoleName.COMMITTEE)
    await complete_dossier(director, letter=False, typed=True)
    await open_home(director)
    await director.press("✅ Marquer")
    assert "Le dossier ne peut pas encore être marqué comme prêt" in director.last_text
    assert "Il manque la lettre d’engagement de la direction" in director.last_text
    await upload_letter(director)
    await open_home(director)
    await director.press("✅ Marquer")
    menu = director.last
    # a plain member cannot submit
    await open_home(member)
    await member.press_data(member.last, director.find_button("📤 Soumettre", menu)[1])
    assert "Only a member of the direction can submit the dossier." in member.last_text
    # the direction can, after a confirmation that says what will be sent
    await director.press("📤 Soumettre", menu)
    assert "Vous allez envoyer\u00a0:" in director.last_text and "8 engagements" in director.last_text
    assert "Prochain comité de validation\u00a0: mardi 1er décembre 2026." in director.last_text
    await director.press("✅ Oui, soumettre")
    assert (
        "Le dossier a été soumis au comité de validation. Prochain comité\u00a0: mardi 1er décembre 2026."
        in director.last_text
    )
    assert "Soumis au comité 🔒" in director.last_text
    await harness.run_background()  # the outbox: the news was written with the submission
    assert (
        "submitted the Quali’Coop dossier of Coop Œuvre « Solidaire » to the validation committee"
        in member.last_text
    )
    sent_to_committee = harness.fake.last_message(COMMITTEE_ID)
    assert "Nouveau dossier soumis\u00a0: Coop Œuvre « Solidaire » (cycle 1)." in sent_to_committee["caption"]
    pdf = harness.fake.file_content(
        harness.fake.handle("getFile", {"file_id": sent_to_committee["document"]["file_id"]})["file_path"]
    )
    assert pdf.startswith(b"%PDF")
    # frozen: every edit is refused politely and the data is unchanged
    async with harness.database.transaction() as session:
        before = [(i.id, i.rationale, i.target_value) for i in (await session.exec(select(Indicator))).all()]
    await director.press_data(director.last, f"tg:{director.invitations.coop.id}:4:1")
    assert director.alerts == ["Le dossier a été soumis\u00a0: il ne peut plus être modifié. 🔒"]
    indicator_id = before[0][0]
    await director.press_data(director.last, f"fe:i:{indicator_id}:r")
    assert director.alerts == ["Le dossier a été soumis\u00a0: il ne peut plus être modifié. 🔒"]
    await director.send_document("autre.pdf", LETTER_PDF, "application/pdf")
    assert "il ne peut plus être modifié" in director.replies[0]["text"]
    async with harness.database.transaction() as session:
        after = [(i.id, i.rationale, i.target_value) for i in (await session.exec(select(Indicator))).all()]
        dossier = (await session.exec(select(Dossier))).one()
        versions = (await session.exec(select(DossierVersion))).all()
        submits = (await session.exec(select(AuditEntry).where(AuditEntry.action == "submit"))).all()
    assert after == before and dossier.status == DossierStatus.SUBMITTED
    assert (
        len(versions) == 1
        and versions[0].version == dossier.version
        and '"engagements": [1, 2, 3, 5, 6, 9, 10, 12]' in versions[0].content
    )
    assert [s.actor_id for s in submits] == [604]


def word_file() -> bytes:
    """A small .docx, as Word writes it (a zip whose parts name the word processor)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as docx:
        docx.writestr("[Content_Types].xml", "<Types/>")
        docx.writestr("word/document.xml", "<w:document>Nous nous engageons.</w:document>")
    return buffer.getvalue()


async def test_a_word_letter_reaches_the_committee_with_the_pdf(harness):
    director = await join(harness, 611, "fr", "Coop Lettre")
    async with harness.database.transaction() as session:
        await grant_federation_role(session, COMMITTEE_ID, FederationRoleName.COMMITTEE)
    await complete_dossier(director, letter=False)
    letter = word_file()
    await upload_letter(director, letter, "Lettre engagement.docx", DOCX_MIME)
    await submit(director)
    await harness.run_background()
    pdf, word = harness.fake.messages[COMMITTEE_ID][-2:]  # the PDF names the letter; the file follows it
    assert pdf["document"]["file_name"].endswith(".pdf") and "Nouveau dossier soumis" in pdf["caption"]
    assert word["document"]["file_name"] == "Lettre engagement.docx"
    assert "Lettre d’engagement de la direction de Coop Lettre" in word["caption"]
    assert sent_file(harness, word) == letter
    # and again with the PDF the committee asks for
    committee = harness.user(COMMITTEE_ID, language_code="fr")
    await committee.send("/comite")
    await committee.press("Coop Lettre")
    await committee.press("📄 PDF")
    assert [m["document"]["file_name"][-4:] for m in committee.replies] == [".pdf", "docx"]
    assert sent_file(harness, committee.replies[1]) == letter


def sent_file(harness, message: dict) -> bytes:
    """The bytes of a document the bot sent."""
    path = harness.fake.handle("getFile", {"file_id": message["document"]["file_id"]})["file_path"]
    return harness.fake.file_content(path)


async def test_an_incomplete_dossier_cannot_be_submitted(harness):
    director = await join(harness, 606, "fr")
    await choose(director, [1, 2])
    async with harness.database.transaction() as session:
        dossier = (await session.exec(select(Dossier))).one()
    await open_home(director)
    await director.press_data(director.last, f"sb:{dossier.id}")
    assert "Le dossier ne peut pas encore être soumis\u00a0:" in director.last_text
    assert "Il manque 2 engagements dans l’axe 2" in director.last_text
    assert any(label.startswith("1 · Axe 2") for label in director.buttons())


async def test_review_pdf_and_bundle(harness):
    director = await join(harness, 607, "fr", "Coop’Habitat Œuvre « Solidaire »")
    await complete_dossier(director)
    await open_home(director)
    await director.press("📎 Documents")
    await director.press("📎 Ajouter une pièce")
    await director.send_photo(PNG, caption="Résidence")
    await director.send("/recap")
    review = director.reply_text()
    assert "Dossier de candidature Quali’Coop — Coop’Habitat Œuvre « Solidaire »" in review
    assert "Axe 1 — Mission d’intérêt général (3/4)" in review
    assert "12,5\u00a0% → 30\u00a0%" in review and "Former l’équipe — La directrice — mars 2027" in review
    assert "✏️ Axe 1" in director.buttons() and "📄 PDF" in director.buttons()
    assert all(len(m["text"]) <= 4096 for m in director.replies)

    await director.send("/pdf")
    document = director.last["document"]
    assert document["file_name"].endswith(".pdf")
    data = harness.fake.file_content(
        harness.fake.handle("getFile", {"file_id": document["file_id"]})["file_path"]
    )
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    assert "Coop’Habitat Œuvre « Solidaire »" in text
    referential = harness.application.bot_data.referential
    flat = " ".join(text.split())
    for code in CODES:  # printed with true apostrophes
        assert " ".join(referential.engagement(code).title.get("fr").replace("'", "’").split()) in flat, code
    assert "12,5 %" in flat and "30 %" in flat and "1 200 €" in flat
    for character in "œ’€«»":
        assert character in text

    await director.send("/export")
    bundle = director.last["document"]
    assert bundle["file_name"].endswith(".zip")
    data = harness.fake.file_content(
        harness.fake.handle("getFile", {"file_id": bundle["file_id"]})["file_path"]
    )
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        assert names[0].endswith(".pdf") and archive.read(names[0]).startswith(b"%PDF")
        assert names[1] == "01 - Lettre d’engagement - lettre-engagement.pdf"
        assert archive.read(names[1]) == LETTER_PDF
        assert names[2] == "02 - Document - Résidence.png"  # the extension of the content (a PNG)
        assert archive.read(names[2]) == PNG


async def test_export_is_for_direction_and_committee_only(harness):
    director = await join(harness, 608, "fr", "Coop Export")
    member = harness.user(609, language_code="fr")
    await member.send(f"/start {director.invitations.member_token}")
    await member.send("/export")
    assert "réservé à la direction" in member.last_text
    assert "Le dossier en PDF\u00a0: /pdf" in member.last_text  # what a member may have instead
    stranger = harness.user(612, language_code="fr")
    await stranger.send("/export")
    assert "pas encore partie d’une coopérative" in stranger.last_text  # how to join, as /pdf says
    async with harness.database.transaction() as session:
        await grant_federation_role(session, COMMITTEE_ID, FederationRoleName.COMMITTEE)
    committee = harness.user(COMMITTEE_ID, language_code="fr")
    await committee.send("/export")  # a draft: not the committee's yet (test_committee_export)
    assert "Coop Export" not in committee.last_text and "pas encore soumis" in committee.last_text
    await committee.send(f"/export {director.invitations.coop.id}")
    assert "Coop Export n’a pas encore soumis son dossier au comité" in committee.last_text
    assert "document" not in committee.last


async def test_a_long_review_is_split_cleanly_under_telegrams_limit(harness):
    director = await join(harness, 610, "fr", "Coop Bavarde")
    await open_home(director)
    await director.press("👥 Démarche")
    await director.press("✍️ Répondre")
    for n in range(4):
        await director.paste(f"Réponse {n} : " + "un texte long & précis. " * 120)
    await director.send("/recap")
    assert len(director.replies) >= 2
    assert all(len(m["text"]) <= 4096 for m in director.replies)
    assert all("reply_markup" not in m for m in director.replies[:-1]) and "📄 PDF" in director.buttons()
    assert "un texte long & précis." in director.reply_text()
