"""A file sent after a command closed the commitment letter's question.

Before: the direction pressed « 📎 Commitment letter », reread the dossier with /recap (which closes the
question), then sent the signed letter: « ✅ Document saved: scan.pdf » and a label question headed
« Documents », as for the letter, while it was stored as a supporting document and the dossier still
lacked its letter. Now it is still a supporting document (a command stands between the question and the
file), but the notice says it is not the letter, that /recap closed the letter's question, and the
documents' list comes below with « 📎 Commitment letter »: the same file sent there becomes the letter,
no copy left. An album says so once, on its first file. A file after another question closed (a
supporting document's, a member's) is said as before."""

from __future__ import annotations

import pytest
from sqlmodel import select

from models.tables import Attachment, AttachmentKind
from tests.conversations.test_letter_album_pages import album, photo, said
from tests.dossier_steps import LETTER_PDF, join, open_home

NBSP = "\u00a0"


async def kinds(harness) -> list[str]:
    async with harness.database.transaction() as session:
        return [a.kind for a in (await session.exec(select(Attachment).order_by(Attachment.id))).all()]


async def test_the_letter_sent_after_recap_is_said_a_supporting_document_with_the_way_to_make_it_the_letter(
    harness,
):
    sam = await join(harness, 4931, "en", "Coop Riverside")
    await open_home(sam)
    await sam.press("📎 Documents")
    await sam.press("📎 Commitment letter")
    await sam.send("/recap")
    await sam.send_document("scan.pdf", LETTER_PDF, "application/pdf")
    assert await kinds(harness) == [AttachmentKind.SUPPORTING]  # as ever: not taken as the letter
    notice = sam.reply_text()
    assert "✅ Document saved: scan.pdf" in notice, notice
    assert (
        "⚠️ It was added as a supporting document, not as the commitment letter, because /recap closed the "
        "letter’s question." in notice
    ), notice
    assert "press “📎 Commitment letter” below and send the same file again" in notice, notice
    # the documents' list, the letter still missing, its button there; no label question as for the letter
    assert "Documents of the dossier" in sam.last_text and "Not provided yet" in sam.last_text
    assert "📎 Commitment letter" in sam.buttons()
    assert "label" not in sam.last_text.lower()


async def test_the_same_file_sent_again_at_the_letter_becomes_the_letter_with_no_copy_left(harness):
    camille = await join(harness, 4932, "fr", "Coop Lettre revue")
    await open_home(camille)
    await camille.press("📎 Documents")
    await camille.press("📎 Lettre d’engagement")
    await camille.send("/recap")
    await camille.send_document("scan.pdf", LETTER_PDF, "application/pdf")
    notice = camille.reply_text()
    assert (
        "Il a été ajouté comme pièce justificative, pas comme lettre d’engagement, car /recap a fermé la "
        "question de la lettre." in notice
    ), notice
    assert (
        f"appuyez sur «{NBSP}📎 Lettre d’engagement{NBSP}» ci-dessous et renvoyez le même fichier" in notice
    )
    await camille.press("📎 Lettre d’engagement")
    await camille.send_document("scan.pdf", LETTER_PDF, "application/pdf")
    assert await kinds(harness) == [AttachmentKind.COMMITMENT_LETTER]


async def test_an_album_after_recap_is_said_not_the_letter_once(harness):
    sam = await join(harness, 4933, "en", "Coop Album")
    await open_home(sam)
    await sam.press("📎 Documents")
    await sam.press("📎 Commitment letter")
    await sam.send("/recap")
    fake = harness.fake
    replies = await album(
        sam, [fake.user_photo(sam.tg, photo("red")), fake.user_photo(sam.tg, photo("blue"))]
    )
    assert await kinds(harness) == [AttachmentKind.SUPPORTING] * 2
    first, second = said(replies[0]), said(replies[1])
    assert (
        "These files are added as supporting documents, not as the commitment letter, because /recap closed "
        "the letter’s question." in first
    ), first
    assert "press “📎 Commitment letter” and send them again" in first, first
    assert "Document saved" in second and "commitment letter" not in second, second  # said once


@pytest.mark.parametrize("role", ["direction", "member"])
async def test_a_file_after_a_supporting_documents_question_closed_is_said_as_before(harness, role):
    alex = await join(harness, 4934 if role == "direction" else 4935, "en", f"Coop {role}", role=role)
    await open_home(alex)
    await alex.press("📎 Documents")
    await alex.press("📎 Add a document")
    await alex.send("/recap")
    await alex.send_document("minutes.pdf", LETTER_PDF, "application/pdf")
    assert await kinds(harness) == [AttachmentKind.SUPPORTING]
    notice = alex.reply_text()
    assert "✅ Document saved: minutes.pdf" in notice and "commitment letter" not in notice, notice
    assert "label" in alex.last_text.lower()  # its label asked, as ever
