"""``join_pages``: the letter made so far (one PDF) and the next file joined, only the new file read
anew; the size limit checked on the files' PDFs before any is joined, an unreadable file said first."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader, PdfWriter

import models.dossier.pages as pages
from models.dossier.pages import TooBig, join_pages
from tests.conversations.test_letter_album_pages import photo, scan


def texts(pdf: bytes) -> list[str]:
    return [page.extract_text().strip() for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture
def counted(monkeypatch) -> dict:
    """How many photos were made PDF pages and how many PDFs were joined."""
    seen = {"photos": 0, "joined": 0}
    convert, append = pages.image_pdf, PdfWriter.append

    def image_pdf(content: bytes) -> bytes:
        seen["photos"] += 1
        return convert(content)

    def joined(writer, *args, **kwargs):
        seen["joined"] += 1
        return append(writer, *args, **kwargs)

    monkeypatch.setattr(pages, "image_pdf", image_pdf)
    monkeypatch.setattr(PdfWriter, "append", joined)
    return seen


def test_a_photo_is_added_after_the_letter_so_far_which_is_not_made_again(counted):
    letter = join_pages([scan("one"), photo("red"), scan("three")], 10**6)
    counted.update(photos=0, joined=0)
    joined = join_pages([letter.pdf, photo("green")], 10**6)
    assert (joined.count, texts(joined.pdf)) == (4, ["one", "", "three", ""])
    assert counted == {"photos": 1, "joined": 2}  # the new photo only, added to the letter as it is


def test_past_the_limit_nothing_is_joined(counted):
    letter = join_pages([scan("one")], 10**6).pdf
    big = scan(*["big"] * 200)
    counted.update(joined=0)
    with pytest.raises(TooBig):
        join_pages([letter, big], len(letter) + len(big) - 1)
    assert counted["joined"] == 0


def test_a_letter_at_the_limit_takes_no_photo_and_none_is_made_a_page(counted):
    letter = join_pages([scan("one")], 10**6).pdf
    with pytest.raises(TooBig):
        join_pages([letter, photo("red")], len(letter) - 1)
    assert counted["photos"] == 0


def test_an_unreadable_file_is_said_unreadable_even_past_the_limit():
    letter = join_pages([scan("one")], 10**6).pdf
    assert join_pages([letter, b"%PDF-1.4 damaged" * 10_000], len(letter) + 100) is None
    assert join_pages([letter, b"not a photo"], 10**6) is None


def test_within_the_limit_the_letter_is_made_whole():
    letter = join_pages([scan("one")], 10**6).pdf
    page = scan("two")
    joined = join_pages([letter, page], len(letter) + len(page))
    assert texts(joined.pdf) == ["one", "two"]
