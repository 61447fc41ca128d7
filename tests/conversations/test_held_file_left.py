"""A file held with a question (``states.FILE_KEY``: sent at a new request's step 2/2, with « ✍️ Write »
on a sent request, with an admin's reply, a letter waiting for « Replace ») is never dropped silently
by a button: leaving the screens that hold it (🏠, Cancel) says in one line that it was not sent and
how to send it again, once; moves that keep it say nothing (before, 🏠 dropped it without a word).
A text typed on a list of requests (the federation's inbox, the coop's list) goes to nobody: it is
given back whole with the way to send it, and the list drawn again (before: « I did not
understand », the text lost)."""

from __future__ import annotations

from conversations.ui import callbacks as cb
from tests.conftest import ADMIN_ID
from tests.conversations.test_letter_replaced import (
    DANA_PDF,
    SAM_PDF,
    letters,
    open_letter_question,
    two_directors,
)
from tests.conversations.test_request_held_files import stored
from tests.conversations.test_request_sent_once import draft
from tests.dossier_steps import LETTER_PDF, join, upload_letter


def said(user) -> str:
    """Everything the bot said or drew in answer to the user's last action."""
    return user.reply_text()


async def test_home_from_step_2_says_the_file_was_not_sent_and_back_says_nothing(harness):
    sam = await join(harness, 9831, "en", "Coop Home", role="member")
    await sam.send("/federation")
    await sam.press("✍️ New request")
    await sam.press("📊 Indicators")
    await sam.send_document("table.pdf", LETTER_PDF, "application/pdf")
    await sam.press("⬅️ Back")  # the file goes on with the request: nothing to say
    assert "was not sent" not in said(sam) and "📎 table.pdf" in sam.last_text, said(sam)
    await sam.press("📍 A checkpoint")
    assert "was not sent" not in said(sam) and "📎 table.pdf" in sam.last_text, said(sam)
    await sam.press("🏠 My dossier")
    assert said(sam).count("table.pdf was not sent.") == 1, said(sam)
    assert "To send it, open its request again (or start a new one) and send the file again." in said(sam)
    await sam.send("/federation")
    await sam.press("✍️ New request")
    await sam.press("📍 A checkpoint")
    assert "table.pdf" not in sam.last_text  # it was indeed dropped, as said
    assert await stored(harness) == []


async def test_home_from_a_sent_request_says_the_file_was_not_sent_and_the_list_says_it_once(harness):
    sam = await join(harness, 9832, "en", "Coop Thread", role="member")
    await draft(sam, "Our question?")
    await sam.press("📤 Send to the federation")
    await sam.press("✍️ Write")
    await sam.send_document("plan.pdf", LETTER_PDF, "application/pdf")
    await sam.press("⬅️ Back")  # kept with the request
    assert "was not sent" not in said(sam) and "📎 plan.pdf" in sam.last_text, said(sam)
    await sam.press("🏠 My dossier")
    assert said(sam).count("plan.pdf was not sent.") == 1, said(sam)
    await sam.send("/federation")
    await sam.press("1 · ")
    await sam.press("✍️ Write")
    await sam.send_document("plan.pdf", LETTER_PDF, "application/pdf")
    await sam.press("⬅️ Back")
    await sam.press("⬅️ Back")  # to the list, which says it itself: said once, not twice
    assert said(sam).count("plan.pdf was not sent.") == 1, said(sam)
    assert "open its request again" in said(sam)


async def test_cancelling_a_reply_with_its_file_says_the_file_was_not_sent(harness):
    sam = await join(harness, 9833, "en", "Coop Reply", role="member")
    await draft(sam, "Our question?")
    await sam.press("📤 Send to the federation")
    admin = harness.user(ADMIN_ID, "Fédé", "fr")
    await admin.send("/start")
    await admin.send("/demandes")
    await admin.press("Coop Reply")
    await admin.press("✍️ Répondre")
    await admin.send_document("modele.pdf", LETTER_PDF, "application/pdf")
    await admin.press("Annuler")
    assert said(admin).count("modele.pdf n’a pas été envoyé.") == 1, said(admin)
    assert "appuyez sur «\u00a0✍️ Répondre\u00a0»" in said(admin), said(admin)


async def test_a_letter_waiting_for_replace_is_said_not_added_when_home_is_pressed(harness):
    sam, dana = await two_directors(harness, 9720060)
    await open_letter_question(dana)
    question = dana.last
    await upload_letter(sam, SAM_PDF, "lettre-sam.pdf")
    await dana.send_document("lettre-dana.pdf", DANA_PDF, "application/pdf")
    assert "🔁 Oui, remplacer" in dana.buttons()
    # the question's own 🏠, on the message before, as a client not yet refreshed still shows it
    await dana.press_data(question, cb.HOME.pack())
    assert "Dossier Quali’Coop" in dana.last_text
    assert said(dana).count("lettre-dana.pdf n’a pas été ajouté au dossier.") == 1, said(dana)
    assert await letters(harness) == ["lettre-sam.pdf"]


async def test_a_letter_replaced_or_kept_is_never_said_not_sent(harness):
    sam, dana = await two_directors(harness, 9720070)
    await open_letter_question(dana)
    await upload_letter(sam, SAM_PDF, "lettre-sam.pdf")
    await dana.send_document("lettre-dana.pdf", DANA_PDF, "application/pdf")
    await dana.press("🔁 Oui, remplacer")  # the file is the letter now: nothing was left behind
    assert "Document enregistré\u00a0: lettre-dana.pdf" in said(dana)
    assert "pas été envoyé" not in said(dana), said(dana)
    sam, dana = await two_directors(harness, 9720080)
    await open_letter_question(dana)
    await upload_letter(sam, SAM_PDF, "lettre-sam.pdf")
    await dana.send_document("lettre-dana.pdf", DANA_PDF, "application/pdf")
    await dana.press("✋ Non, la garder")  # the journey's own words, once
    assert "pas été envoyé" not in said(dana) and "n’a pas été ajouté" in said(dana), said(dana)


async def test_a_text_typed_on_the_inbox_is_given_back_whole_with_the_way_to_reply(harness):
    admin = harness.user(ADMIN_ID, "Fédé", "fr")
    await admin.send("/start")
    await admin.send("/demandes")
    inbox = admin.last_text
    text = "Bonjour,\nle calcul se fait sur les associés au 31 décembre. <b>Merci</b> & bonne journée"
    replies = await admin.send(text)
    texts = [m.get("text", "") for m in replies]
    assert any(
        "Votre texte n’a été envoyé à aucune coopérative. Pour répondre à une coopérative, ouvrez sa "
        "demande, appuyez sur «\u00a0✍️ Répondre\u00a0» et renvoyez-le.\nVoici ce que vous aviez écrit" in t
        for t in texts
    ), texts
    assert text in texts, texts  # whole, as typed, to copy
    assert "pas compris" not in " ".join(texts)
    assert admin.last_text == inbox  # the list again, below


async def test_a_paste_on_the_inbox_comes_back_in_all_its_parts(harness):
    admin = harness.user(ADMIN_ID, "Fed", "en")
    await admin.send("/start")
    await admin.send("/requests")
    first, second = "a" * 4096, "the end of the paste"
    replies = [m for part in (first, second) for m in await admin.send(part)]
    texts = [m.get("text", "") for m in replies]
    assert first in texts and second in texts, [t[:60] for t in texts]
    assert sum("Your text was sent to no coop" in t for t in texts) == 1


async def test_a_text_typed_on_the_coops_list_of_requests_is_given_back(harness):
    sam = await join(harness, 9834, "fr", "Coop Liste", role="member")
    await sam.send("/federation")
    replies = await sam.send("Pouvez-vous nous rappeler ?")
    texts = [m.get("text", "") for m in replies]
    assert "Pouvez-vous nous rappeler ?" in texts, texts
    assert any("Votre texte n’a pas été envoyé à la fédération" in t for t in texts), texts
    assert "✍️ Nouvelle demande" in sam.buttons()
