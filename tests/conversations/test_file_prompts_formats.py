"""The screens waiting for a file name PowerPoint, accepted since 1b3b01f, in one set of words: the request
to the federation's file, the dossier's documents and a supporting document's upload say the same line
(« A PDF, an image, a Word, Excel or OpenDocument file » left PowerPoint out). The commitment letter's
question does not offer PowerPoint: a letter is a PDF, a photo or a Word file."""

from __future__ import annotations

from tests.conversations.test_request_files_and_threads import draft
from tests.dossier_steps import join, open_home

FORMATS = (
    "Formats acceptés\u00a0: PDF, image (JPEG, PNG), Word, Excel, PowerPoint ou OpenDocument\u00a0; "
    "20 Mo au maximum."
)


def formats_line(text: str) -> str:
    """The screen's line of accepted formats."""
    return next(line for line in text.splitlines() if line.startswith("Formats acceptés"))


async def test_the_request_s_file_and_the_dossier_s_documents_name_powerpoint_in_the_same_words(harness):
    lou = await join(harness, 9740801, "fr", "Coop Formats Fichiers", role="member")
    await draft(lou, "Voici notre présentation.")
    await lou.press("📎 Joindre un fichier")
    assert "Envoyez le fichier ici." in lou.last_text
    assert formats_line(lou.last_text) == FORMATS, lou.last_text
    await open_home(lou)
    await lou.press("📎 Documents")
    assert formats_line(lou.last_text) == FORMATS, lou.last_text
    await lou.press("📎 Ajouter une pièce")
    assert "Envoyez maintenant le fichier en pièce jointe." in lou.last_text
    assert formats_line(lou.last_text) == FORMATS, lou.last_text


async def test_the_letter_s_question_offers_no_powerpoint(harness):
    dana = await join(harness, 9740802, "fr", "Coop Formats Lettre")
    await open_home(dana)
    await dana.press("📎 Documents")
    await dana.press("📎 Lettre d’engagement")
    assert "Envoyez maintenant le fichier en pièce jointe." in dana.last_text
    line = formats_line(dana.last_text)
    assert "PDF" in line and "Word" in line and "PowerPoint" not in line, line
