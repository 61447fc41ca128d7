"""A file refused for what it is (its type, its size) on the question asking for one gets what a refused
typed answer gets: why, its caption given back whole, then the same question again with its way out."""

from __future__ import annotations

from sqlmodel import select

from models.tables import Attachment
from tests.conversations.test_submission import PNG
from tests.dossier_steps import join, open_home

EXE = b"MZ\x90\x00" + b"\x00" * 100


async def stored_files(harness) -> list[str]:
    async with harness.database.transaction() as session:
        return [a.file_name for a in (await session.exec(select(Attachment))).all()]


async def test_a_refused_file_asks_for_a_file_again_with_back_and_home(harness):
    director = await join(harness, 9204, "fr")
    await open_home(director)
    await director.press("📎 Documents")
    await director.press("📎 Ajouter une pièce")
    question = director.last_text
    update = harness.fake.user_document(director.tg, "outil.exe", EXE, "application/octet-stream",
                                        caption="Outil de suivi")  # fmt: skip
    director.replies = await harness.deliver(director.id, update)
    texts = [m.get("text", "") for m in director.replies]
    assert "Ce type de fichier n’est pas accepté" in texts[0], texts
    assert "Outil de suivi" in texts, texts  # the caption given back whole
    assert director.last_text == question, director.replies  # the question again, last
    assert {"⬅️ Retour", "🏠 Mon dossier"} <= set(director.buttons()), director.buttons()
    assert await stored_files(harness) == []
    await director.send_photo(PNG, caption="Photo de la résidence")  # still the question: taken
    assert "Document enregistré" in director.replies[0]["text"]


async def test_a_refused_file_at_the_label_question_asks_the_label_again(harness):
    director = await join(harness, 9205, "fr")
    await open_home(director)
    await director.press("📎 Documents")
    await director.press("📎 Ajouter une pièce")
    await director.send_document("compte-rendu.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    label_question = director.last_text
    assert "Quel intitulé" in label_question, label_question
    await director.send_document("outil.exe", EXE, "application/octet-stream")
    texts = [m.get("text", "") for m in director.replies]
    assert any("Ce type de fichier n’est pas accepté" in text for text in texts), texts
    assert director.last_text in label_question and "Quel intitulé" in director.last_text, director.replies
    assert "🏠 Mon dossier" in director.buttons()
    await director.send("Compte rendu du conseil")  # the label question still open: answered
    assert await stored_files(harness) == ["compte-rendu.pdf"]
