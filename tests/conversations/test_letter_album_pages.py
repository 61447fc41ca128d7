"""A commitment letter sent as several files at once (an album): photos and PDFs joined into one PDF in
the order sent; a file that cannot join is named and kept apart, never taking the next pages with it;
the captions of its pages kept as its label or given back whole."""

from __future__ import annotations

import io

from pypdf import PdfReader
from sqlmodel import select

from models.tables import Attachment
from tests.dossier_steps import LETTER_PDF, join, open_home

NBSP = "\u00a0"


def photo(color: str) -> bytes:
    """A real JPEG, as Telegram sends a photo."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (60, 80), color).save(out, "JPEG")
    return out.getvalue()


def scan(*words: str) -> bytes:
    """A real PDF, a page for each word written on it."""
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    for word in words:
        pdf.drawString(100, 700, word)
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def word_file() -> bytes:
    """A Word file (.docx): a letter may be one, but no page can be joined to it."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return out.getvalue()


def said(replies: list[dict]) -> str:
    return "\n".join(m.get("text") or m.get("caption") or "" for m in replies)


async def attachments(harness) -> list[Attachment]:
    async with harness.database.transaction() as session:
        return list((await session.exec(select(Attachment).order_by(Attachment.id))).all())


async def at_the_letter(director) -> None:
    await open_home(director)
    await director.press("📎 Documents")
    await director.press("📎 Lettre d’engagement")


async def album(user, updates: list[dict]) -> list[list[dict]]:
    """Files sent at once: one update each, of one media group, as Telegram delivers them."""
    replies = []
    for update in updates:
        update["message"]["media_group_id"] = "letter-album"
        replies.append(await user.harness.deliver(user.id, update))
    return replies


async def letter_pages(harness, letter: Attachment) -> list[str]:
    content = await harness.application.bot_data.file_store.read(letter.sha256)
    return [page.extract_text().strip() for page in PdfReader(io.BytesIO(content)).pages]


async def test_photos_and_a_pdf_sent_at_once_are_one_letter_in_the_order_sent(harness):
    director = await join(harness, 8301, "fr")
    await at_the_letter(director)
    fake = harness.fake
    replies = await album(director, [
        fake.user_photo(director.tg, photo("red")),
        fake.user_document(director.tg, "pages-2-3.pdf", scan("two", "three"), "application/pdf"),
        fake.user_photo(director.tg, photo("green")),
    ])  # fmt: skip
    files = await attachments(harness)
    assert [(f.kind, f.label, f.mime_type) for f in files] == [
        ("commitment_letter", "Lettre d’engagement (4 pages)", "application/pdf")
    ]
    assert await letter_pages(harness, files[0]) == ["", "two", "three", ""]  # photo, the PDF's two, photo
    for reply in replies:
        assert "Document enregistré" in said(reply) and "⚠️" not in said(reply), said(reply)


async def test_a_file_that_cannot_join_is_named_and_the_next_pages_still_join(harness):
    director = await join(harness, 8302, "fr")
    await at_the_letter(director)
    fake = harness.fake
    replies = await album(director, [
        fake.user_photo(director.tg, photo("red")),
        fake.user_document(director.tg, "annexe.pdf", LETTER_PDF + b"damaged", "application/pdf"),
        fake.user_document(director.tg, "page-3.pdf", scan("three"), "application/pdf"),
        fake.user_photo(director.tg, photo("green")),
    ])  # fmt: skip
    files = sorted(await attachments(harness), key=lambda f: f.kind)
    assert [(f.kind, f.label) for f in files] == [
        ("commitment_letter", "Lettre d’engagement (3 pages)"),
        ("supporting", "Lettre d’engagement — page 2"),  # kept apart, as said
    ]
    assert await letter_pages(harness, files[0]) == ["", "three", ""]
    apart = said(replies[1])
    assert "annexe.pdf" in apart and "n’a pas été jointe à la lettre d’engagement" in apart, apart
    assert f"«{NBSP}Lettre d’engagement — page 2{NBSP}»" in apart
    assert all("⚠️" not in said(reply) for reply in (replies[2], replies[3]))


async def test_the_first_pages_caption_labels_the_letter_and_a_next_ones_is_given_back_whole(harness):
    director = await join(harness, 8303, "fr")
    await at_the_letter(director)
    fake = harness.fake
    note = "Attention : la page 2 porte le tampon du conseil"
    replies = await album(director, [
        fake.user_photo(director.tg, photo("red"), caption="Lettre signée"),
        fake.user_photo(director.tg, photo("blue"), caption=note),
        fake.user_photo(director.tg, photo("green")),
    ])  # fmt: skip
    assert [(f.kind, f.label) for f in await attachments(harness)] == [("commitment_letter", "Lettre signée")]
    assert note in [m.get("text") for m in replies[1]], said(replies[1])  # whole, in a message of its own
    assert "page 2" in said(replies[1]) and "Lettre signée" in said(replies[1])
    assert "Lettre d’engagement (3 pages).pdf" in said(replies[2])  # the file says how many pages


async def test_an_album_held_for_replace_joins_its_pages_and_one_that_cannot_join_is_said_not_added(harness):
    """A colleague's letter came while the question was open: the album's first file waits for « Replace »,
    its next pages join it as they come, a file that cannot join is said not added (never the letter held
    in its place), and « Replace » makes the letter of every page joined."""
    from tests.conversations.test_letter_replaced import open_letter_question, two_directors
    from tests.dossier_steps import upload_letter

    sam, dana = await two_directors(harness, 8304)
    await open_letter_question(dana)
    await upload_letter(sam, LETTER_PDF + b"%sam", "lettre-sam.pdf")
    fake = harness.fake
    note = "La page 3 est signée par la présidente"
    replies = await album(dana, [
        fake.user_photo(dana.tg, photo("red"), caption="Lettre de Dana"),
        fake.user_document(dana.tg, "annexe.docx", word_file(), "application/msword"),
        fake.user_photo(dana.tg, photo("green"), caption=note),
    ])  # fmt: skip
    assert "Remplacer" in said(replies[0])
    refused = said(replies[1])
    assert "La page 2 (annexe.docx) n’a pas été ajoutée" in refused and "Remplacer" in refused, refused
    assert note in [m.get("text") for m in replies[2]] and "page 3" in said(replies[2])  # given back whole
    await dana.press("🔁 Oui")
    [letter] = [f for f in await attachments(harness) if f.kind == "commitment_letter"]
    assert (letter.label, letter.file_name) == ("Lettre de Dana", "Lettre d’engagement (2 pages).pdf")
    assert await letter_pages(harness, letter) == ["", ""]
    assert [f.kind for f in await attachments(harness)] == ["commitment_letter"]
