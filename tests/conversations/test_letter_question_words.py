"""The commitment letter's questions once its sender erased their data (« sent by a former member »), and
/mesdonnees' text of a letter held for « Replace? »: the file by its name, none of its machinery."""

from __future__ import annotations

import json

from tests.conversations.test_letter_replaced import DANA_PDF, SAM_PDF, open_letter_question, two_directors
from tests.conversations.test_personal_data import document_content
from tests.dossier_steps import upload_letter

SENT_BY_FORMER = (
    "«\u00a0lettre-sam\u00a0» (lettre-sam.pdf), envoyée par un ancien membre le lundi 23 novembre 2026"
)


async def erase(user) -> None:
    """/supprimer, confirmed."""
    await user.send("/supprimer")
    await user.press("🗑 Oui, effacer mes données")


async def test_the_letter_question_says_a_former_member_sent_it(harness):
    sam, dana = await two_directors(harness, 9740010)
    await upload_letter(sam, SAM_PDF, "lettre-sam.pdf")
    await erase(sam)
    await open_letter_question(dana)
    assert "Lettre actuelle\u00a0: " + SENT_BY_FORMER in dana.last_text, dana.last_text
    assert "par —" not in dana.last_text


async def test_the_replace_question_says_a_former_member_sent_it(harness):
    sam, dana = await two_directors(harness, 9740020)
    await open_letter_question(dana)
    await upload_letter(sam, SAM_PDF, "lettre-sam.pdf")
    await erase(sam)
    said = await dana.send_document("lettre-dana.pdf", DANA_PDF, "application/pdf")
    text = " ".join(m.get("text", "") for m in said)
    assert "Remplacer" in text and SENT_BY_FORMER in text, text
    assert "par —" not in text


async def test_my_data_says_a_held_letter_in_words(harness):
    """Dana's file waits for « Replace? »; /mesdonnees leaves that question (said), its trace keeps it."""
    sam, dana = await two_directors(harness, 9740030)
    await open_letter_question(dana)
    await upload_letter(sam, SAM_PDF, "lettre-sam.pdf")
    await dana.send_document("lettre-dana.pdf", DANA_PDF, "application/pdf")
    await dana.send("/mesdonnees")
    assert "📎 Le fichier lettre-dana.pdf n’a pas été ajouté au dossier." in dana.reply_text()
    documents = [m for m in dana.replies if "document" in m]
    stored = json.loads(document_content(harness, documents[-2]))["tables"]["chatstate"][0]["data"]
    held = (json.loads(stored) if isinstance(stored, str) else stored)["left"]
    readable = document_content(harness, documents[-1]).decode()
    line = next(line for line in readable.splitlines() if line.startswith("• Réponses en cours de saisie"))
    assert line == "• Réponses en cours de saisie\u00a0: un fichier en attente\u00a0: lettre-dana.pdf", line
    # the JSON file keeps it all as stored: the file's digest and Telegram id, the command that left it
    assert held["by"] == "/mesdonnees" and held["data"]["file"]["file_id"] and held["data"]["file"]["sha256"]
