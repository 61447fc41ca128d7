"""A file attached to a request to the federation kept the name it was sent with, whatever it really is: a
JPEG named « tableau.pdf » reached the federation as « tableau.pdf » (its computer then opens an image with
a PDF reader, which fails). A file sent to the dossier gets the extension of its content (``clean_file_name``:
« tableau.pdf.jpg », the name kept whole): a request's file is now named the same way."""

from __future__ import annotations

from tests.conftest import ADMIN_ID
from tests.dossier_steps import join

JPEG = b"\xff\xd8\xff\xe0" + bytes([7]) * 300 + b"\xff\xd9"


async def test_a_request_file_gets_the_extension_of_its_content(harness):
    sam = await join(harness, 9401, "fr", "Coop Nom", role="member")
    admin = harness.user(ADMIN_ID, "Fédé", "fr")
    await admin.send("/start")
    await sam.send("/federation")
    await sam.press("✍️ Nouvelle demande")
    await sam.press("📁 Le dossier")
    await sam.send("Voici notre tableau.")
    await sam.press("📎 Joindre un fichier")
    await sam.send_document("tableau.pdf", JPEG, "application/pdf")
    assert not harness.errors
    await sam.press("📤 Envoyer à la fédération")
    await harness.run_background()
    sent = [m for m in admin.messages if m.get("document")]
    assert sent, admin.texts()[-3:]
    assert sent[-1]["document"]["file_name"] == "tableau.pdf.jpg", sent[-1]["document"]["file_name"]
