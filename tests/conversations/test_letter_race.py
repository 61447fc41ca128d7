"""Two letters sent at once, each read before either is written (two instances behind the webhook).

Both directors opened the letter's question with no letter in the dossier; the colleague's whole upload
lands between this one's read and its write. The write compares, under the dossier's write lock, the
letter now there with the one the sender was shown: a colleague's is never replaced unseen (the file
waits with « Replace » or « Keep »), and the news say what was written (the colleague added the first
letter; nobody replaced anything). The same for « Replace » pressed while a colleague's letter lands.
"""

from __future__ import annotations

from sqlmodel import select

from conversations.dossier import uploads
from conversations.dossier.letter import replacement
from models.tables import AuditEntry
from tests.conversations.test_letter_replaced import (
    DANA_PDF,
    SAM_PDF,
    letters,
    open_letter_question,
    two_directors,
)


def around_download(monkeypatch, user, meanwhile) -> list:
    """``user``'s next file, once downloaded (the letter read, nothing written), waits for ``meanwhile``;
    the list returned says whether it ran."""
    original, ran = uploads.download, []

    async def download(update, context, *args, **kwargs):
        received = await original(update, context, *args, **kwargs)
        if update.effective_user.id == user.id and not ran:
            ran.append(True)
            await meanwhile()
        return received

    for module in (uploads, replacement):
        monkeypatch.setattr(module, "download", download)
    return ran


async def deletions(harness) -> list[AuditEntry]:
    """The attachments taken out of the dossier, as the audit trail tells."""
    async with harness.database.transaction() as session:
        found = await session.exec(
            select(AuditEntry).where(AuditEntry.entity == "attachment", AuditEntry.action == "delete")
        )
        return list(found.all())


async def test_a_letter_sent_at_once_by_a_colleague_is_never_replaced_unseen_and_the_news_say_who(
    harness, monkeypatch
):
    sam, dana = await two_directors(harness, 9730010)
    await open_letter_question(sam)
    await open_letter_question(dana)  # both shown no letter

    async def sam_sends() -> None:
        await sam.send_document("lettre-sam.pdf", SAM_PDF, "application/pdf")

    ran = around_download(monkeypatch, dana, sam_sends)
    said = await dana.send_document("lettre-dana.pdf", DANA_PDF, "application/pdf")
    assert ran
    assert "Document enregistré\u00a0: lettre-sam.pdf" in sam.reply_text()
    text = " ".join(m.get("text", "") for m in said)
    assert "Document enregistré" not in text
    assert "Une autre lettre d’engagement a été ajoutée pendant que cette question était ouverte." in text
    assert "la lettre «\u00a0lettre-sam\u00a0» (lettre-sam.pdf), envoyée par Sam le " in text
    assert "🔁 Oui, remplacer" in dana.buttons()
    assert await letters(harness) == ["lettre-sam.pdf"]
    assert await deletions(harness) == []
    sam_before, dana_before = len(sam.messages), len(dana.messages)
    await harness.run_background()
    to_sam, to_dana = " ".join(sam.texts()[sam_before:]), " ".join(dana.texts()[dana_before:])
    assert "remplacé" not in to_sam + to_dana
    assert "a ajouté la lettre d’engagement" not in to_sam  # Dana added nothing
    assert "Sam a ajouté la lettre d’engagement" in to_dana
    await dana.press("🔁 Oui, remplacer")  # seen now: replaced once confirmed, Sam told
    assert "Il remplace la lettre «\u00a0lettre-sam\u00a0»" in dana.reply_text()
    assert await letters(harness) == ["lettre-dana.pdf"]
    await harness.run_background()
    assert "Dana a remplacé la lettre d’engagement" in " ".join(sam.texts()[sam_before:])


async def test_replace_pressed_while_a_colleague_s_new_letter_lands_replaces_nothing(harness, monkeypatch):
    sam, dana = await two_directors(harness, 9730020)
    await open_letter_question(dana)
    await open_letter_question(sam)
    await sam.send_document("lettre-sam.pdf", SAM_PDF, "application/pdf")
    await dana.send_document("lettre-dana.pdf", DANA_PDF, "application/pdf")  # held: Sam's is there
    await open_letter_question(sam)
    original, ran = replacement.letter_of, []

    async def letter_of(session, dossier_id):
        letter = await original(session, dossier_id)
        if not ran:  # Dana's « Replace » read Sam's first letter: his second lands now
            ran.append(True)
            await sam.send_document("lettre-sam-2.pdf", SAM_PDF + b"%2", "application/pdf")
        return letter

    monkeypatch.setattr(replacement, "letter_of", letter_of)
    await dana.press("🔁 Oui, remplacer")
    monkeypatch.undo()
    assert ran
    assert "Document enregistré" not in dana.reply_text()
    assert "La lettre d’engagement a encore changé entre-temps." in dana.reply_text()
    assert await letters(harness) == ["lettre-sam-2.pdf"]
    assert "la lettre «\u00a0lettre-sam-2\u00a0»" in dana.last_text  # the question shows his new one
