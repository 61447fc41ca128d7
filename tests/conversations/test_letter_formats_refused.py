"""The commitment letter's question takes what it says it takes (« PDF, image, Word, Excel ou OpenDocument »):
a PowerPoint sent there is refused, saying what the letter may be and how to add the presentation as a
supporting document instead, and a file of no accepted kind is refused naming the letter's formats. Before, a
.pptx sent there was saved as the letter (« ✅ Document enregistré »), and a refused file was answered with the
dossier's words, « …Word, Excel, PowerPoint ou OpenDocument », contradicting the question."""

from __future__ import annotations

import io
import zipfile

from sqlmodel import select

from models.tables import Attachment
from tests.dossier_steps import join, open_home

PPTX_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def pptx() -> bytes:
    """A minimal PowerPoint presentation (Office Open XML, its parts under ``ppt/``)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("ppt/presentation.xml", "<p/>")
    return out.getvalue()


async def attachments(harness) -> list[Attachment]:
    async with harness.database.transaction() as session:
        return list((await session.exec(select(Attachment))).all())


async def at_letter_question(user) -> None:
    await open_home(user)
    await user.press("📎 Documents")
    await user.press("📎 Lettre d’engagement")


async def test_a_powerpoint_sent_as_the_letter_is_refused_with_the_way_to_add_it_otherwise(harness):
    dana = await join(harness, 9451301, "fr", "Coop Lettre Diapos")
    await at_letter_question(dana)
    await dana.send_document("Lettre.pptx", pptx(), PPTX_TYPE)
    said = "\n".join(m["text"] for m in dana.replies)
    assert "Document enregistré" not in said, said
    assert (
        "Une présentation PowerPoint ne peut pas être la lettre d’engagement\u00a0: envoyez la lettre en PDF, "
        "en image, en fichier Word, Excel ou OpenDocument." in said
    ), said
    assert "«\u00a0⬅️ Retour\u00a0», puis «\u00a0📎 Ajouter une pièce\u00a0»" in said, said
    assert "Formats acceptés\u00a0: PDF, image, Word, Excel ou OpenDocument" in dana.last_text  # asked again
    assert await attachments(harness) == []
    # the way it names: the same file, a supporting document
    await dana.press("⬅️ Retour")
    await dana.press("📎 Ajouter une pièce")
    await dana.send_document("Lettre.pptx", pptx(), PPTX_TYPE)
    assert "Document enregistré" in dana.replies[0]["text"]
    assert [a.kind for a in await attachments(harness)] == ["supporting"]


async def test_a_file_of_no_accepted_kind_on_the_letter_s_question_names_the_letter_s_formats(harness):
    dana = await join(harness, 9451302, "en", "Coop Lettre Format")
    await open_home(dana)
    await dana.press("📎 Documents")
    await dana.press("📎 Commitment letter")
    await dana.send_document("Letter.docx", b"PK\x03\x04" + b"x" * 50, PPTX_TYPE)
    said = dana.replies[0]["text"]
    assert (
        "This kind of file is not accepted for the commitment letter. Send a PDF, an image, a Word, Excel or "
        "OpenDocument file." in said
    ), said
    assert "PowerPoint" not in said, said
