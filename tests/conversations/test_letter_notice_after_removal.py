"""The chat's notice says what was written, as the team's news do (0ac84ed): a file sent on the letter's
question says « Il remplace la lettre … » only when it replaced one under the dossier's lock.

Dana is shown Sam's letter; Sam removes it while Dana's file downloads. Nothing is replaced: the team is
told Dana added the letter, and Dana no longer reads that her file replaces Sam's."""

from __future__ import annotations

from sqlmodel import select

from models.dossier.attachments import remove_attachment
from models.tables import Attachment, AttachmentKind, Dossier
from tests.conversations.test_letter_race import around_download
from tests.conversations.test_letter_replaced import (
    DANA_PDF,
    SAM_PDF,
    letters,
    open_letter_question,
    two_directors,
)
from tests.dossier_steps import upload_letter


async def test_no_replaced_notice_when_the_letter_shown_was_removed_during_the_download(harness, monkeypatch):
    sam, dana = await two_directors(harness, 9739010)
    await upload_letter(sam, SAM_PDF, "lettre-sam.pdf")
    await open_letter_question(dana)  # shown Sam's letter
    assert "lettre-sam" in dana.last_text

    async def sam_removes() -> None:
        async with harness.database.transaction() as session:
            kind = Attachment.kind == AttachmentKind.COMMITMENT_LETTER
            letter = (await session.exec(select(Attachment).where(kind))).one()
            dossier = await session.get(Dossier, letter.dossier_id)
            await remove_attachment(session, dossier, letter, actor_id=sam.id, by_direction=True)

    ran = around_download(monkeypatch, dana, sam_removes)
    said = await dana.send_document("lettre-dana.pdf", DANA_PDF, "application/pdf")
    assert ran
    assert await letters(harness) == ["lettre-dana.pdf"]
    text = " ".join(m.get("text", "") for m in said)
    assert "Document enregistré\u00a0: lettre-dana.pdf" in text
    assert "Il remplace la lettre" not in text  # nothing was replaced: Sam had removed it
    sam_before = len(sam.messages)
    await harness.run_background()
    to_sam = " ".join(sam.texts()[sam_before:])
    assert "Dana a ajouté la lettre d’engagement" in to_sam  # the news say the same
    assert "remplacé" not in to_sam


async def test_the_replaced_notice_stays_when_the_letter_shown_is_replaced(harness):
    sam, dana = await two_directors(harness, 9739020)
    await upload_letter(sam, SAM_PDF, "lettre-sam.pdf")
    await open_letter_question(dana)
    said = await dana.send_document("lettre-dana.pdf", DANA_PDF, "application/pdf")
    text = " ".join(m.get("text", "") for m in said)
    assert "Document enregistré\u00a0: lettre-dana.pdf" in text
    assert "Il remplace la lettre «\u00a0lettre-sam\u00a0» (lettre-sam.pdf), envoyée par Sam le " in text
    assert await letters(harness) == ["lettre-dana.pdf"]
