"""A file sent to a request to the federation is refused in the same words as one sent to the dossier
(``common.FILE_REFUSALS``, one rule): an iPhone's HEIC is told its format and to send it as a photo, a file
with macros to be saved without them, an Outlook message to be saved as PDF. Before, the requests had their
own copy of the refusals and said « Envoyez un PDF, une image, un fichier Word… » to all three."""

from __future__ import annotations

from tests.conversations.test_documents_file_types import HEIC, XLSM, stream
from tests.conversations.test_request_files_and_threads import draft, request_messages
from tests.dossier_steps import join


async def test_a_file_refused_by_a_request_is_told_why_as_by_the_dossier(harness):
    lou = await join(harness, 9740721, "fr", "Coop Formats Demande", role="member")
    await draft(lou, "Voici le tableau demandé.")
    await lou.send_document("IMG_2041.HEIC", HEIC, "image/heic")
    said = lou.reply_text()
    assert "Cette image est au format HEIC" in said and "Envoyez-la comme photo" in said, said
    await lou.send_document("Tableau de bord.xlsm", XLSM, "application/vnd.ms-excel.sheet.macroEnabled.12")
    said = lou.reply_text()
    assert "Ce fichier contient des macros" in said and "Enregistrez-le en .xlsx" in said, said
    await lou.send_document("relance.msg", stream("__substg1.0_0037001F"), "application/vnd.ms-outlook")
    assert "(un message Outlook, par exemple)" in lou.reply_text(), lou.reply_text()
    await lou.send_document("outil.exe", b"MZ\x90\x00" + b"\x00" * 100, "application/octet-stream")
    assert "Envoyez un PDF, une image (JPEG, PNG), un fichier Word, Excel, PowerPoint" in lou.reply_text()
    assert await request_messages(harness) == [("Voici le tableau demandé.", None)]  # none attached
