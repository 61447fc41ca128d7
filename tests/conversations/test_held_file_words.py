"""A file held with a question and left by « 🏠 » or a command is said not sent in the words of the
screen it was held at: a new request's subject and message, a sent request and its « ✍️ Write » say to
open the request again (or start a new one), as the list of requests does; the letter held for
« Replace » is said not added to the dossier, with the way to add it (before, all of them said « go
back to that question and send the file again », and a command on the subject's screen dropped the
file without a word). A text typed on an indicator's kind question, or on its screen, once a colleague
removed it, is told so and led to the indicators' overview (before: « choose with the buttons », then
the dossier's home unsaid)."""

from __future__ import annotations

from conversations.ui import callbacks as cb
from tests.conversations.test_indicator_removed_buttons import KIND, asked_the_kind, bob_deletes_it
from tests.conversations.test_letter_replaced import (
    DANA_PDF,
    SAM_PDF,
    letters,
    open_letter_question,
    two_directors,
)
from tests.conversations.test_request_held_files import stored
from tests.dossier_steps import LETTER_PDF, join, upload_letter

# a text typed is told what a typed answer is told (a button, the indicator named: test_indicator_removed_buttons)
REMOVED = "Ce à quoi vous répondiez a été supprimé entre-temps, peut-être par un collègue."

NOT_SENT_FR = (
    "📎 Le fichier {name} n’a pas été envoyé. Pour l’envoyer, rouvrez sa demande (ou commencez-en une "
    "nouvelle) et renvoyez le fichier."
)
VAGUE_FR = "revenez à cette question"
OVERVIEW_FR = "📊 Indicateurs et plans d’action"


def said(user) -> str:
    """Everything the bot said or drew in answer to the user's last action."""
    return user.reply_text()


def told_once(user, line: str) -> None:
    """The line said once, never the vague words."""
    assert said(user).count(line) == 1 and VAGUE_FR not in said(user), said(user)


async def at_step_2(user, name: str) -> None:
    """A new request's message (« Étape 2/2 »), a file sent there, waiting for the message."""
    await user.send("/federation")
    await user.press("✍️ Nouvelle demande")
    await user.press("📊 Indicateurs")
    await user.send_document(name, LETTER_PDF, "application/pdf")
    assert f"📎 {name}" in user.last_text


async def at_a_sent_request(user, name: str) -> None:
    """A request sent to the federation, « ✍️ Écrire » pressed and a file sent for the next message."""
    await user.send("/federation")
    await user.press("✍️ Nouvelle demande")
    await user.press("📊 Indicateurs")
    await user.send("Notre question ?")
    await user.press("📤 Envoyer à la fédération")
    await user.press("✍️ Écrire")
    await user.send_document(name, LETTER_PDF, "application/pdf")
    assert f"📎 {name}" in user.last_text


async def test_a_new_requests_file_left_by_home_or_a_command_says_to_open_the_request_again(harness):
    sam = await join(harness, 9741001, "fr", "Coop Étape", role="member")
    await at_step_2(sam, "tableau.pdf")
    await sam.press("🏠 Mon dossier")
    told_once(sam, NOT_SENT_FR.format(name="tableau.pdf"))
    await at_step_2(sam, "tableau.pdf")
    await sam.send("/dossier")
    told_once(sam, NOT_SENT_FR.format(name="tableau.pdf"))
    assert await stored(harness) == []


async def test_the_file_kept_at_the_subject_step_is_said_not_sent_by_home_and_by_a_command(harness):
    sam = await join(harness, 9741011, "fr", "Coop Sujet", role="member")
    await at_step_2(sam, "plan.pdf")
    await sam.press("⬅️ Retour")  # the subject again, the file kept with the request
    assert "📎 plan.pdf" in sam.last_text
    await sam.press("🏠 Mon dossier")
    told_once(sam, NOT_SENT_FR.format(name="plan.pdf"))
    await at_step_2(sam, "plan.pdf")
    await sam.press("⬅️ Retour")
    await sam.send("/dossier")  # before: dropped without a word
    told_once(sam, NOT_SENT_FR.format(name="plan.pdf"))


async def test_a_sent_requests_file_left_by_home_or_a_command_says_to_open_the_request_again(harness):
    sam = await join(harness, 9741021, "fr", "Coop Écrire", role="member")
    await at_a_sent_request(sam, "suite.pdf")
    await sam.press("🏠 Mon dossier")  # from « ✍️ Écrire »
    told_once(sam, NOT_SENT_FR.format(name="suite.pdf"))
    await sam.send("/federation")
    await sam.press("1 · ")
    await sam.press("✍️ Écrire")
    await sam.send_document("suite.pdf", LETTER_PDF, "application/pdf")
    await sam.send("/dossier")
    told_once(sam, NOT_SENT_FR.format(name="suite.pdf"))
    for leave in ("🏠", "/dossier"):  # from the request itself, back from « ✍️ Écrire » with the file
        await sam.send("/federation")
        await sam.press("1 · ")
        await sam.press("✍️ Écrire")
        await sam.send_document("suite.pdf", LETTER_PDF, "application/pdf")
        await sam.press("⬅️ Retour")
        assert "📎 suite.pdf" in sam.last_text and "pas été envoyé" not in said(sam), said(sam)
        await (sam.press("🏠 Mon dossier") if leave == "🏠" else sam.send(leave))
        told_once(sam, NOT_SENT_FR.format(name="suite.pdf"))


async def test_a_request_file_left_says_so_in_english(harness):
    sam = await join(harness, 9741031, "en", "Coop English", role="member")
    await sam.send("/federation")
    await sam.press("✍️ New request")
    await sam.press("📊 Indicators")
    await sam.send_document("table.pdf", LETTER_PDF, "application/pdf")
    await sam.press("⬅️ Back")
    await sam.press("🏠 My dossier")
    line = (
        "📎 table.pdf was not sent. To send it, open its request again (or start a new one) and send the "
        "file again."
    )
    assert said(sam).count(line) == 1 and "go back to that question" not in said(sam), said(sam)


NOT_ADDED_FR = (
    "📎 Le fichier lettre-dana.pdf n’a pas été ajouté au dossier. Pour l’ajouter, ouvrez «\u00a0📎 "
    "Documents\u00a0», appuyez sur «\u00a0📎 Lettre d’engagement\u00a0» et renvoyez le fichier."
)


async def test_a_letter_held_for_replace_is_said_not_added_with_the_way_to_add_it(harness):
    sam, dana = await two_directors(harness, 9741040)
    await open_letter_question(dana)
    question = dana.last
    await upload_letter(sam, SAM_PDF, "lettre-sam.pdf")
    await dana.send_document("lettre-dana.pdf", DANA_PDF, "application/pdf")
    await dana.press_data(question, cb.HOME.pack())
    told_once(dana, NOT_ADDED_FR)
    assert "pas été envoyé" not in said(dana)
    await open_letter_question(dana)
    await upload_letter(sam, SAM_PDF + b"2", "lettre-sam-2.pdf")
    await dana.send_document("lettre-dana.pdf", DANA_PDF, "application/pdf")
    assert "🔁 Oui, remplacer" in dana.buttons()
    await dana.send("/dossier")
    told_once(dana, NOT_ADDED_FR)
    assert await letters(harness) == ["lettre-sam-2.pdf"]


async def test_a_word_typed_on_the_kind_of_a_removed_indicator_is_told_so_on_the_overview(harness):
    sam, bob = await asked_the_kind(harness, 9741051, "Coop Mot")
    await bob_deletes_it(bob)
    replies = await sam.send("nombre")
    texts = [m.get("text", "") for m in replies]
    assert "Choisissez avec les boutons" not in said(sam), texts
    assert len(texts) == 1 and texts[0].startswith(f"⚠️ {REMOVED}"), texts  # the word is just above
    assert OVERVIEW_FR in sam.last_text and KIND not in sam.last_text


async def test_a_sentence_typed_on_the_kind_of_a_removed_indicator_comes_back_whole(harness):
    sam, bob = await asked_the_kind(harness, 9741061, "Coop Phrase")
    await bob_deletes_it(bob)
    text = "Le nombre de logements rénovés\ndans l’année"
    replies = await sam.send(text)
    texts = [m.get("text", "") for m in replies]
    assert any(t.startswith(f"⚠️ {REMOVED}") for t in texts) and text in texts, texts
    assert OVERVIEW_FR in sam.last_text


async def test_a_text_typed_on_a_removed_indicators_screen_is_told_so_and_its_kind_still_there_is_not(
    harness,
):
    sam, bob = await asked_the_kind(harness, 9741071, "Coop Écran")
    await sam.send("nombre")  # the indicator is there: the buttons, as ever
    assert "Choisissez avec les boutons" in said(sam) and KIND in sam.last_text
    await sam.send("/dossier")
    await sam.press("📊 Indicateurs")
    await sam.press(" 1 · ")
    await sam.press("⚠️ 1 · ")  # the indicator's own screen
    await bob_deletes_it(bob)
    await sam.send("ok")
    assert REMOVED in said(sam) and OVERVIEW_FR in sam.last_text, said(sam)
