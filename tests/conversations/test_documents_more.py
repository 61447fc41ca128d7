"""Documents sent in the chat: the limit, albums, long captions and names, a file twice, a file back."""

from __future__ import annotations

from sqlmodel import select

from models.dossier.attachments import MAX_ATTACHMENTS
from models.tables import Attachment, StoredFile
from tests.dossier_steps import LETTER_PDF, join, open_home, upload_letter

NBSP = "\u00a0"


def jpeg(n: int) -> bytes:
    """A small JPEG-looking content, distinct for each n."""
    return b"\xff\xd8\xff\xe0" + bytes([n]) * 200 + b"\xff\xd9"


async def attachments(harness) -> list[Attachment]:
    async with harness.database.transaction() as session:
        return list((await session.exec(select(Attachment).order_by(Attachment.id))).all())


async def stored_count(harness) -> int:
    async with harness.database.transaction() as session:
        return len((await session.exec(select(StoredFile.sha256))).all())


async def at_documents(user) -> None:
    await open_home(user)
    await user.press("📎 Documents")


async def send(user, update: dict, album: str | None = None) -> list[dict]:
    """Deliver a prepared update, as one photo of an album when ``album`` is given."""
    if album is not None:
        update["message"]["media_group_id"] = album
    user.replies = await user.harness.deliver(user.id, update)
    return user.replies


async def test_past_the_limit_the_refusal_says_so_and_the_letter_is_still_accepted(harness):
    director = await join(harness, 7101, "fr")
    await at_documents(director)
    for n in range(MAX_ATTACHMENTS):
        document = harness.fake.user_document(
            director.tg,
            f"piece-{n}.pdf",
            LETTER_PDF + str(n).encode(),
            "application/pdf",
            caption=f"Pièce {n}",
        )
        await send(director, document)
    stored = await stored_count(harness)
    extra = harness.fake.user_document(director.tg, "de-trop.pdf", LETTER_PDF + b"31", "application/pdf")
    await send(director, extra)
    text = director.replies[0]["text"]
    assert f"30 pièces justificatives au plus{NBSP}: retirez-en une pour en ajouter une autre." in text
    assert "lettre d’engagement" not in text
    assert len(await attachments(harness)) == MAX_ATTACHMENTS
    assert await stored_count(harness) == stored  # nothing of the refused file is left behind
    # the documents' screen says it where its button was, before a file is sent for nothing
    await at_documents(director)
    assert "📎 Ajouter une pièce" not in director.buttons(), director.buttons()
    limit = f"⚠️ 30 pièces justificatives au plus{NBSP}: retirez-en une pour en ajouter une autre."
    assert limit in director.last_text, director.last_text
    # the letter, required, is not counted: the direction can still provide it
    await at_documents(director)
    await director.press("📎 Lettre d’engagement")
    await director.send_document("lettre.pdf", LETTER_PDF + b"lettre", "application/pdf")
    assert "Document enregistré" in director.replies[0]["text"]
    files = await attachments(harness)
    assert [f.kind for f in files].count("commitment_letter") == 1 and len(files) == MAX_ATTACHMENTS + 1


async def test_an_album_keeps_every_photo_and_the_letter_is_its_first_page(harness):
    director = await join(harness, 7102, "fr")
    await at_documents(director)
    await director.press("📎 Lettre d’engagement")
    for n in (1, 2):  # a two-page signed letter, photographed and sent at once
        await send(director, harness.fake.user_photo(director.tg, jpeg(n)), album="letter")
        assert "réponse écrite" not in director.reply_text()
        assert "Document enregistré" in director.replies[0]["text"]
    await at_documents(director)
    await director.press("📎 Ajouter une pièce")
    await send(director, harness.fake.user_photo(director.tg, jpeg(3), caption="Réunion"), album="meeting")
    await send(director, harness.fake.user_photo(director.tg, jpeg(4)), album="meeting")
    await send(director, harness.fake.user_photo(director.tg, jpeg(5), caption="Salle"), album="meeting")
    files = await attachments(harness)
    assert [(f.kind, f.label) for f in files] == [
        ("commitment_letter", "Lettre d’engagement — page 1"),
        ("supporting", "Lettre d’engagement — page 2"),
        ("supporting", "Réunion"),
        ("supporting", "Réunion — 2"),
        ("supporting", "Salle"),  # a photo's own caption is its label
    ]


async def test_a_file_sent_at_the_label_question_is_stored_and_at_another_question_said_not_added(harness):
    director = await join(harness, 7103, "fr")
    await at_documents(director)
    await director.send_document("statuts.pdf", LETTER_PDF + b"statuts", "application/pdf")
    assert "Quel intitulé court donner à ce document" in director.last_text
    await director.send_document("budget.pdf", LETTER_PDF + b"budget", "application/pdf")
    notice = director.replies[0]["text"]
    assert "Document enregistré" in notice and "réponse écrite" not in notice
    assert f"Le document précédent garde son intitulé «{NBSP}statuts{NBSP}»." in notice
    assert "Actuellement" in director.last_text and "budget" in director.last_text
    assert [f.label for f in await attachments(harness)] == ["statuts", "budget"]
    # at any other written question, the file is not added, and the person is told so
    await open_home(director)
    await director.press("👥 Démarche")
    await director.press("✍️ Répondre")
    await director.send_document("cr.pdf", LETTER_PDF + b"cr", "application/pdf")
    assert "Ce fichier n’a pas été ajouté au dossier" in director.replies[0]["text"]
    assert len(await attachments(harness)) == 2


async def test_a_long_caption_or_name_is_shortened_between_words_and_said(harness):
    director = await join(harness, 7104, "fr")
    await at_documents(director)
    caption = " ".join(["Compte rendu de la réunion publique avec les locataires des Tilleuls,"] * 7)
    document = harness.fake.user_document(
        director.tg, "cr.pdf", LETTER_PDF + b"cr", "application/pdf", caption=caption
    )
    await send(director, document)
    assert caption in [m["text"] for m in director.replies]  # the caption given back whole
    assert "L’intitulé a été raccourci à 200 caractères." in director.reply_text()
    assert "Quel intitulé court donner à ce document" in director.last_text  # to type a shorter one
    label = (await attachments(harness))[0].label
    assert len(label) <= 200 and label.endswith("…") and caption.startswith(label[:-1])
    assert caption[len(label) - 1] == " "  # cut between two words
    await director.press("✅ Garder")
    name = "Procès-verbal du Conseil d’administration de la société coopérative réunie le 12 décembre 2025"
    await director.send_document(name + ".pdf", LETTER_PDF + b"pv", "application/pdf")
    stored = (await attachments(harness))[1]
    assert stored.file_name.endswith("….pdf") and len(stored.file_name) <= 85
    assert name[len(stored.file_name) - 5] == " "  # the name too is cut between two words
    assert stored.label == name  # the label keeps the whole name


async def test_the_same_file_twice_is_said_and_photos_of_the_same_second_get_distinct_names(harness):
    director = await join(harness, 7105, "fr")
    await at_documents(director)
    await director.press("📎 Ajouter une pièce")
    await director.send_document("statuts.pdf", LETTER_PDF + b"statuts", "application/pdf")
    await director.send("Statuts signés")
    await director.send_document("statuts (1).pdf", LETTER_PDF + b"statuts", "application/pdf")
    assert (
        f"Ce fichier est déjà dans le dossier, sous l’intitulé «{NBSP}Statuts signés{NBSP}»{NBSP}: "
        "il n’a pas été ajouté une seconde fois." in director.replies[0]["text"]
    )
    assert len(await attachments(harness)) == 1
    for n in (1, 2, 3):  # the test's clock stands still: the same second
        await director.send_photo(jpeg(n))
        await director.press("✅ Garder")
    names = [(f.file_name, f.label) for f in await attachments(harness)][1:]
    stem = names[0][1]
    assert names == [(f"{stem}.jpg", stem), (f"{stem}-2.jpg", f"{stem}-2"), (f"{stem}-3.jpg", f"{stem}-3")]


async def test_a_document_can_be_received_back_by_any_member_of_the_coop_only(harness):
    director = await join(harness, 7106, "fr")
    member = harness.user(7107, language_code="fr")
    await member.send(f"/start {director.invitations.member_token}")
    await at_documents(director)
    await director.send_document("statuts.pdf", LETTER_PDF + b"statuts", "application/pdf")
    await director.send("Statuts signés")
    await at_documents(member)
    await member.press("📄 1 · ")
    pressed = member.last
    await member.press("📥 Recevoir le fichier")
    document = member.last["document"]
    assert document["file_name"] == "statuts.pdf" and "Statuts signés" in member.last["caption"]
    content = harness.fake.file_content(
        harness.fake.handle("getFile", {"file_id": document["file_id"]})["file_path"]
    )
    assert content == LETTER_PDF + b"statuts"
    other = await join(harness, 7108, "fr", "Coop Autre")
    await other.send("/dossier")
    data = member.find_button("📥 Recevoir le fichier", pressed)[1]
    await other.press_data(other.last, data)
    assert other.alerts and "ne concerne pas le dossier de votre coopérative" in other.alerts[0]
    assert "document" not in other.last


def photo(n: int) -> bytes:
    """A real small JPEG, a different shade for each n (a page photographed)."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (60, 80), (10 * n, 200 - 10 * n, 120)).save(out, "JPEG")
    return out.getvalue()


async def test_a_letter_sent_as_photos_is_one_pdf_replaced_whole(harness):
    import io

    from pypdf import PdfReader

    director = await join(harness, 7110, "fr")
    await at_documents(director)
    for n in range(MAX_ATTACHMENTS - 1):  # near the limit: the letter's pages do not count against it
        piece = harness.fake.user_document(
            director.tg, f"p{n}.pdf", LETTER_PDF + str(n).encode(), "application/pdf", caption=f"Pièce {n}"
        )
        await send(director, piece)
    await at_documents(director)
    await director.press("📎 Lettre d’engagement")
    for n in (1, 2, 3):  # a three-page signed letter, photographed and sent at once
        await send(director, harness.fake.user_photo(director.tg, photo(n)), album="letter")
        assert "Document enregistré" in director.replies[0]["text"], director.reply_text()
        assert "Lettre d’engagement" in director.last_text  # still the letter's upload screen
    letters = [f for f in await attachments(harness) if f.kind == "commitment_letter"]
    assert [(f.label, f.mime_type) for f in letters] == [("Lettre d’engagement (3 pages)", "application/pdf")]
    content = await harness.application.bot_data.file_store.read(letters[0].sha256)
    assert len(PdfReader(io.BytesIO(content)).pages) == 3
    assert len(await attachments(harness)) == MAX_ATTACHMENTS  # 29 pieces and the letter, nothing else
    # a new letter replaces it whole: no page of the old one is left behind
    await at_documents(director)
    await director.press("📎 Lettre d’engagement")
    await director.send_document("lettre-v2.pdf", LETTER_PDF + b"v2", "application/pdf")
    files = await attachments(harness)
    assert [f.file_name for f in files if f.kind == "commitment_letter"] == ["lettre-v2.pdf"]
    assert len(files) == MAX_ATTACHMENTS


async def test_a_caption_is_kept_as_typed_text_and_one_showing_nothing_labels_nothing(harness):
    """A caption's NUL is dropped (PostgreSQL refuses one); a caption of zero-width spaces is no label:
    the document is named after its file, and its label is asked."""
    director = await join(harness, 7102, "fr")
    await at_documents(director)
    typed = harness.fake.user_document(
        director.tg, "a.pdf", LETTER_PDF + b"a", "application/pdf", caption="Compte\x00 rendu"
    )
    await send(director, typed)
    invisible = harness.fake.user_document(
        director.tg, "budget-2027.pdf", LETTER_PDF + b"b", "application/pdf", caption="\u200b\u200b"
    )
    await send(director, invisible)
    assert [a.label for a in await attachments(harness)] == ["Compte rendu", "budget-2027"]


async def test_the_letter_offers_rename_and_remove_to_the_direction_only(harness):
    """A member who is not of the direction reads the direction's letter without « ✏️ Renommer » and
    « 🗑 Retirer », which would end in « Votre rôle ne le permet pas »; a supporting document keeps them."""
    director = await join(harness, 7109, "fr", "Coop Lettre")
    await upload_letter(director)
    await at_documents(director)
    await director.send_document("statuts.pdf", LETTER_PDF + b"statuts", "application/pdf")
    await director.send("Statuts signés")
    member = harness.user(7110, language_code="fr")
    await member.send(f"/start {director.invitations.member_token}")
    await at_documents(member)
    await member.press("📄 1 · ", member.last)
    assert "Lettre d’engagement" in member.last_text
    assert member.buttons() == ["📥 Recevoir le fichier", "⬅️ Retour", "🏠 Mon dossier"]
    await member.press("⬅️ Retour", member.last)
    await member.press("📄 2 · ", member.last)
    assert "Statuts signés" in member.last_text
    assert {"✏️ Renommer", "🗑 Retirer"} <= set(member.buttons())
    await at_documents(director)
    await director.press("📄 1 · ", director.last)
    assert {"✏️ Renommer", "🗑 Retirer"} <= set(director.buttons())
