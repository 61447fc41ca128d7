"""A letter sent as an album keeps the bot answering: each file's join (Pillow, pypdf) runs in a worker
thread, never in the event loop every user's update waits on, and adds only the new file to the letter
made so far, instead of making every earlier page again (work growing with the square of the album's
size); a file that would make the letter pass 20 MB is said so before the letter is made again."""

from __future__ import annotations

import asyncio

from pypdf import PdfWriter

import conversations.dossier.letter.albums as albums
import models.dossier.pages as pages
from tests.conversations.test_letter_album_pages import (
    album,
    at_the_letter,
    attachments,
    letter_pages,
    photo,
    said,
    scan,
)
from tests.dossier_steps import join


def watch_photos(monkeypatch) -> list[bool]:
    """Each photo made a PDF page, recorded as whether it was done in the event loop."""
    made, convert = [], pages.image_pdf

    def image_pdf(content: bytes) -> bytes:
        try:
            asyncio.get_running_loop()
            made.append(True)  # in the loop: every update waits meanwhile
        except RuntimeError:
            made.append(False)  # in a worker thread
        return convert(content)

    monkeypatch.setattr(pages, "image_pdf", image_pdf)
    return made


async def test_an_album_of_photos_is_joined_outside_the_loop_each_photo_once(harness, monkeypatch):
    director = await join(harness, 8311, "fr")
    await at_the_letter(director)
    made = watch_photos(monkeypatch)
    colors = ["red", "green", "blue", "yellow", "white", "black"]
    await album(director, [harness.fake.user_photo(director.tg, photo(color)) for color in colors])
    assert made == [False] * len(colors)  # once each (1 + 2 + … + 6 = 21 when the letter is made again)
    [letter] = await attachments(harness)
    assert (letter.kind, letter.label) == ("commitment_letter", "Lettre d’engagement (6 pages)")
    assert len(await letter_pages(harness, letter)) == 6


async def test_pdf_pages_follow_the_letter_made_so_far_in_the_order_sent(harness, monkeypatch):
    director = await join(harness, 8312, "fr")
    await at_the_letter(director)
    made = watch_photos(monkeypatch)
    fake = harness.fake
    await album(director, [
        fake.user_document(director.tg, "p1-2.pdf", scan("one", "two"), "application/pdf"),
        fake.user_photo(director.tg, photo("red")),
        fake.user_document(director.tg, "p4.pdf", scan("four"), "application/pdf"),
        fake.user_photo(director.tg, photo("green")),
        fake.user_document(director.tg, "p6.pdf", scan("six"), "application/pdf"),
    ])  # fmt: skip
    assert made == [False, False]
    [letter] = await attachments(harness)
    assert await letter_pages(harness, letter) == ["one", "two", "", "four", "", "six"]


async def test_a_file_past_the_size_limit_is_said_so_before_the_letter_is_made_again(harness, monkeypatch):
    """The letter so far and the new file's PDF summed first: past the limit, nothing is joined."""
    director = await join(harness, 8313, "fr")
    await at_the_letter(director)
    first, big = scan("one"), scan(*["big"] * 400)
    monkeypatch.setattr(albums, "MAX_FILE_SIZE", len(big) // 2)  # 20 MB, as far as this letter goes
    joined, append = [], PdfWriter.append
    monkeypatch.setattr(
        PdfWriter, "append", lambda writer, *a, **k: joined.append(1) or append(writer, *a, **k)
    )
    fake = harness.fake
    replies = await album(director, [
        fake.user_document(director.tg, "p1.pdf", first, "application/pdf"),
        fake.user_document(director.tg, "annexe.pdf", big, "application/pdf"),
    ])  # fmt: skip
    assert "qui dépasserait alors 20\u00a0Mo" in said(replies[1]), said(replies[1])
    assert "La page 2 (annexe.pdf) n’a pas été jointe" in said(replies[1])
    assert len(joined) == 1  # the first file made a PDF alone; the second never joined
