"""The commitment letter is one file: a new one replaces it, never unseen nor untold.

The letter's question says which letter is there (who sent it, when) and that a new file replaces it;
a letter sent by someone else while the question was open is replaced only once confirmed (the file
waits meanwhile); whoever's letter someone else replaced is told, in their language."""

from sqlmodel import select

from models.tables import Attachment, AttachmentKind
from tests.conversations.test_inbox import committed_transactions, kept, with_mark
from tests.dossier_steps import LETTER_PDF, open_home, upload_letter

SAM_PDF, DANA_PDF = LETTER_PDF + b"%sam", LETTER_PDF + b"%dana"


async def letters(harness) -> list[str]:
    """The file names of the dossier's commitment letters."""
    async with harness.database.transaction() as session:
        rows = (await session.exec(select(Attachment))).all()
    return [a.file_name for a in rows if a.kind == AttachmentKind.COMMITMENT_LETTER]


async def two_directors(harness, base: int, sam_language: str = "fr"):
    """Sam and Dana, both of the direction of one coop."""
    invitations = await harness.add_coop(f"Coop {base}")
    sam = harness.user(base + 1, first_name="Sam", language_code=sam_language)
    await sam.send(f"/start {invitations.direction_token}")
    sam.invitations = invitations
    dana = harness.user(base + 2, first_name="Dana", language_code="fr")
    await dana.send(f"/start {sam.invitations.direction_token}")
    return sam, dana


async def open_letter_question(user) -> None:
    """📎 Documents, then 📎 Lettre d’engagement."""
    await open_home(user)
    await user.press("📎 Documents")
    await user.press("📎 Lettre d’engagement")


async def test_the_question_names_the_letter_a_new_file_replaces_and_its_sender_is_told(harness):
    sam, dana = await two_directors(harness, 9720010)
    await upload_letter(sam, SAM_PDF, "lettre-signee-sam.pdf")
    await open_letter_question(dana)
    question = dana.last_text
    assert (
        "Lettre actuelle\u00a0: «\u00a0lettre-signee-sam\u00a0» (lettre-signee-sam.pdf), envoyée par "
        in question
    )
    assert "Un nouveau fichier la remplacera." in question
    said = await dana.send_document("lettre-dana.pdf", DANA_PDF, "application/pdf")
    text = " ".join(m.get("text", "") for m in said)
    assert "Document enregistré\u00a0: lettre-dana.pdf" in text
    assert "Il remplace la lettre «\u00a0lettre-signee-sam\u00a0»" in text
    assert await letters(harness) == ["lettre-dana.pdf"]
    before = len(sam.messages)
    await harness.run_background()
    told = " ".join(m.get("text", "") for m in sam.messages[before:])
    assert (
        "Dana a remplacé la lettre d’engagement que vous aviez envoyée, «\u00a0lettre-signee-sam\u00a0», "
        in told
    )
    assert "par «\u00a0lettre-dana\u00a0»" in told


async def test_a_letter_sent_meanwhile_is_replaced_only_once_confirmed(harness):
    sam, dana = await two_directors(harness, 9720020, sam_language="en")
    await open_letter_question(dana)  # no letter yet
    assert "Lettre actuelle" not in dana.last_text
    await upload_letter(sam, SAM_PDF, "lettre-sam.pdf")
    said = await dana.send_document("lettre-dana.pdf", DANA_PDF, "application/pdf")
    text = " ".join(m.get("text", "") for m in said)
    assert "Une autre lettre d’engagement a été ajoutée pendant que cette question était ouverte." in text
    # « par votre fichier » first: after « envoyée par Sam le … » it read as if Sam sent it by the file
    assert (
        "Remplacer par votre fichier «\u00a0lettre-dana.pdf\u00a0» (1\u00a0ko) la lettre «\u00a0lettre-sam\u00a0» "
        in text
    )
    assert "(lettre-sam.pdf), envoyée par Sam le " in text
    assert "Document enregistré" not in text
    assert await letters(harness) == ["lettre-sam.pdf"]  # nothing replaced while the question waits
    before = len(sam.messages)
    await harness.run_background()
    assert "replaced" not in " ".join(sam.texts()[before:])
    await dana.press("🔁 Oui, remplacer")
    assert "Document enregistré\u00a0: lettre-dana.pdf" in dana.reply_text()
    assert "Il remplace la lettre «\u00a0lettre-sam\u00a0»" in dana.reply_text()
    assert await letters(harness) == ["lettre-dana.pdf"]
    await harness.run_background()
    told = " ".join(sam.texts()[before:])  # in Sam's language
    assert "Dana replaced the commitment letter you had sent, “lettre-sam”, with “lettre-dana”" in told


async def test_keeping_the_letter_sent_meanwhile_adds_nothing_and_tells_nobody(harness):
    sam, dana = await two_directors(harness, 9720030)
    await open_letter_question(dana)
    await upload_letter(sam, SAM_PDF, "lettre-sam.pdf")
    await dana.send_document("lettre-dana.pdf", DANA_PDF, "application/pdf")
    await dana.press("✋ Non, la garder")
    assert "Votre fichier «\u00a0lettre-dana.pdf\u00a0» n’a pas été ajouté" in dana.reply_text()
    assert await letters(harness) == ["lettre-sam.pdf"]
    before = len(sam.messages)
    await harness.run_background()
    assert "remplacé" not in " ".join(sam.texts()[before:])


async def test_a_file_waiting_for_the_answer_is_said_not_sent_when_a_command_leaves(harness):
    sam, dana = await two_directors(harness, 9720040)
    await open_letter_question(dana)
    await upload_letter(sam, SAM_PDF, "lettre-sam.pdf")
    await dana.send_document("lettre-dana.pdf", DANA_PDF, "application/pdf")
    said = await dana.send("/dossier")
    assert "lettre-dana.pdf" in " ".join(m.get("text", "") for m in said)  # « … n’a pas été envoyé »
    assert await letters(harness) == ["lettre-sam.pdf"]


async def test_replacing_ones_own_letter_asks_nothing_and_tells_nobody(harness):
    sam, _dana = await two_directors(harness, 9720050)
    await upload_letter(sam, SAM_PDF, "lettre-sam.pdf")
    await open_letter_question(sam)
    assert "envoyée par vous le " in sam.last_text
    said = await sam.send_document("lettre-sam-2.pdf", DANA_PDF, "application/pdf")
    assert "Il remplace la lettre «\u00a0lettre-sam\u00a0»" in " ".join(m.get("text", "") for m in said)
    assert await letters(harness) == ["lettre-sam-2.pdf"]
    before = len(sam.messages)
    await harness.run_background()
    assert "remplacé" not in " ".join(sam.texts()[before:])


async def test_an_old_replace_button_pressed_again_says_it_was_answered_and_moves_nothing(harness):
    sam, dana = await two_directors(harness, 9720060)
    await open_letter_question(dana)
    await upload_letter(sam, SAM_PDF, "lettre-sam.pdf")
    await dana.send_document("lettre-dana.pdf", DANA_PDF, "application/pdf")
    _question, replace = dana.find_button("🔁 Oui, remplacer")
    await dana.press("✋ Non, la garder")
    where = dana.last_text
    await dana.press_data(dana.last, replace)  # the old question's button, on another device
    assert "Ceci a déjà reçu une réponse\u00a0: aucun fichier ne l’attend." in dana.reply_text()
    assert await letters(harness) == ["lettre-sam.pdf"]
    assert where.splitlines()[-1] in dana.last_text  # still where she was (before: moved to the documents)


async def test_a_colleague_s_new_letter_is_never_taken_for_the_one_shown_though_it_took_its_id(harness):
    sam, dana = await two_directors(harness, 9720070)
    await upload_letter(sam, SAM_PDF, "lettre-sam.pdf")
    await open_letter_question(dana)  # shows « lettre-sam »
    await open_letter_question(sam)
    await sam.send_document("lettre-sam-2.pdf", LETTER_PDF + b"%sam2", "application/pdf")  # SQLite: same id
    said = await dana.send_document("lettre-dana.pdf", DANA_PDF, "application/pdf")
    text = " ".join(m.get("text", "") for m in said)
    assert "Une autre lettre d’engagement a été ajoutée pendant que cette question était ouverte." in text
    assert await letters(harness) == ["lettre-sam-2.pdf"]  # nothing replaced until Dana says so


async def test_a_letter_held_for_the_question_is_saved_with_its_update_s_handled_mark(harness):
    """Through the webhook: the held file's question commits with the update's « handled » mark (before,
    the file's bytes carried the mark and the question came after: a kill between lost the file)."""
    sam, dana = await two_directors(harness, 9720080)
    await open_letter_question(dana)
    await upload_letter(sam, SAM_PDF, "lettre-sam.pdf")
    update = await kept(
        harness, dana.fake.user_document(dana.tg, "lettre-dana.pdf", DANA_PDF, "application/pdf")
    )
    with committed_transactions(harness.database.engine) as done:
        dana.replies = await harness.deliver(dana.id, update)
    assert "Remplacer" in dana.reply_text()
    (marked,) = with_mark(done)
    assert any(s.startswith(("INSERT INTO chatstate", "UPDATE chatstate")) for s in marked), done


async def test_a_text_typed_while_the_file_waits_points_at_replace_or_keep(harness):
    sam, dana = await two_directors(harness, 9720090)
    await open_letter_question(dana)
    await upload_letter(sam, SAM_PDF, "lettre-sam.pdf")
    await dana.send_document("lettre-dana.pdf", DANA_PDF, "application/pdf")
    said = await dana.send("Lettre signée par la présidente")
    assert "Choisissez avec les boutons de cet écran." in said[0]["text"]  # not « send it as a file »
    assert "🔁 Oui, remplacer" in dana.buttons()
    assert await letters(harness) == ["lettre-sam.pdf"]


async def test_the_english_replace_question_reads_well_and_has_a_way_home(harness):
    invitations = await harness.add_coop("Coop 9720100")
    sam = harness.user(9720101, first_name="Sam", language_code="en")
    await sam.send(f"/start {invitations.direction_token}")
    dana = harness.user(9720102, first_name="Dana", language_code="en")
    await dana.send(f"/start {invitations.direction_token}")
    await open_home(dana)
    await dana.press("📎 Documents")
    await dana.press("📎 Commitment letter")
    await upload_letter(sam, SAM_PDF, "letter-sam.pdf")
    said = await dana.send_document("letter-dana.pdf", DANA_PDF, "application/pdf")
    text = " ".join(m.get("text", "") for m in said)
    assert "Replace “letter-sam” (letter-sam.pdf), sent by Sam on " in text
    assert ", with your file “letter-dana.pdf” (1 kB)?" in text, text
    await dana.press("🏠")
    assert "letter-dana.pdf was not added to the dossier." in dana.reply_text(), dana.reply_text()
    assert await letters(harness) == ["letter-sam.pdf"]
