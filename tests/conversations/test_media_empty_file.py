"""An empty file (0 bytes: an iCloud file not downloaded, an export that failed) is told it is empty and to
export or download it again, not « this kind of file is not accepted: send a PDF… » about the PDF it names."""

from __future__ import annotations

from tests.conversations.test_request_files_and_threads import draft
from tests.dossier_steps import join, open_home


async def at_upload(harness, user_id: int, button: str):
    director = await join(harness, user_id, "fr", f"Coop {user_id}")
    await open_home(director)
    await director.press("📎 Documents")
    await director.press(button)
    assert "Envoyez maintenant le fichier" in director.last_text
    return director


async def test_an_empty_file_is_said_empty_not_of_an_unaccepted_type(harness):
    director = await at_upload(harness, 9760104, "📎 Ajouter une pièce")
    replies = await director.send_document("rapport.pdf", b"", "application/pdf")
    said = "\n".join(m.get("text", "") for m in replies)
    assert "vide" in said and "type de fichier" not in said, said
    assert "Envoyez maintenant le fichier" in director.last_text  # another file may be sent at once


async def test_an_empty_file_for_the_federation_is_said_empty_too(harness):
    lou = await join(harness, 9760105, "fr", "Coop Fichier Vide", role="member")
    await draft(lou, "Voici notre rapport.")
    await lou.press("📎 Joindre un fichier")
    replies = await lou.send_document("rapport.pdf", b"", "application/pdf")
    said = "\n".join(m.get("text", "") for m in replies)
    assert "vide" in said and "type de fichier" not in said, said
