"""A file added to a dossier marked ready puts it back to draft (``touch_dossier``), as any change does: the
answer saying the file was saved says so too, once (« Le dossier n’est plus prêt à soumettre : il est
repassé en brouillon. »): a supporting document, the commitment letter sent on its question (replacing
the one there), and the letter held then confirmed with « 🔁 Oui, remplacer ». A file added to a draft
says nothing of it."""

from __future__ import annotations

from tests.conversations.test_ready_dossier_draft_again import DRAFT_AGAIN, ready_dossier
from tests.dossier_steps import LETTER_PDF, open_home

SAVED = "Document enregistré\u00a0: "


def said(replies: list[dict]) -> str:
    """The texts of the messages a file was answered with."""
    return "\n".join(m.get("text", "") for m in replies)


async def test_a_document_sent_to_a_ready_dossier_says_it_is_a_draft_again_once(harness):
    c = await ready_dossier(harness, 9740101, "Coop Statuts")
    await open_home(c)
    await c.press("📎 Documents")
    answer = said(await c.send_document("statuts.pdf", LETTER_PDF + b"statuts", "application/pdf"))
    assert SAVED + "statuts.pdf" in answer and answer.count(DRAFT_AGAIN) == 1, answer
    assert answer.index(SAVED) < answer.index(DRAFT_AGAIN), answer  # under the echo of the file
    await c.press("✅ Garder")
    answer = said(await c.send_document("bilan.pdf", LETTER_PDF + b"bilan", "application/pdf"))
    assert SAVED + "bilan.pdf" in answer and "prêt à soumettre" not in answer, answer  # a draft already
    await open_home(c)
    assert "Brouillon" in c.last_text and "Prêt à soumettre" not in c.last_text


async def test_the_letter_replaced_on_its_question_says_it_once(harness):
    c = await ready_dossier(harness, 9740111, "Coop Lettre")
    await open_home(c)
    await c.press("📎 Documents")
    await c.press("📎 Lettre d’engagement")
    answer = said(await c.send_document("lettre-2.pdf", LETTER_PDF + b"%2", "application/pdf"))
    assert "Il remplace la lettre" in answer and answer.count(DRAFT_AGAIN) == 1, answer
    await c.press("✅ Garder")  # back to the documents
    await c.press("📎 Lettre d’engagement")
    answer = said(await c.send_document("lettre-3.pdf", LETTER_PDF + b"%3", "application/pdf"))
    assert "Il remplace la lettre" in answer and "prêt à soumettre" not in answer, answer


async def test_a_held_letter_confirmed_in_a_ready_dossier_says_it_once(harness):
    sam = await ready_dossier(harness, 9740121, "Coop Deux Lettres")
    dana = harness.user(9740122, first_name="Dana", language_code="fr")
    await dana.send(f"/start {sam.invitations.direction_token}")
    await open_home(dana)
    await dana.press("📎 Documents")
    await dana.press("📎 Lettre d’engagement")  # shows Sam's letter
    await open_home(sam)
    await sam.press("📎 Documents")
    await sam.press("📎 Lettre d’engagement")
    await sam.send_document("lettre-sam.pdf", LETTER_PDF + b"%sam", "application/pdf")  # meanwhile
    await open_home(sam)
    await sam.press("✅ Marquer")  # ready again
    assert "Prêt à soumettre" in sam.last_text
    await dana.send_document("lettre-dana.pdf", LETTER_PDF + b"%dana", "application/pdf")  # held
    await dana.press("🔁 Oui, remplacer")
    assert SAVED + "lettre-dana.pdf" in dana.last_text and dana.last_text.count(DRAFT_AGAIN) == 1
    await open_home(sam)
    assert "Brouillon" in sam.last_text
