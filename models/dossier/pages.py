"""A commitment letter sent in several files at once (an album: photos of its pages, PDFs) made one PDF.

The letter grows a file at a time: the letter made so far (one PDF) and the next file are joined, so
only the new file is read anew (a photo made a page: the costly part), never every earlier one again."""

from __future__ import annotations

import io
from dataclasses import dataclass

from models.dossier.files import MAX_FILE_SIZE


@dataclass(frozen=True)
class Joined:
    """The letter's pages as one PDF, and how many pages it has."""

    pdf: bytes
    count: int


class TooBig(Exception):
    """The files joined would pass the size limit."""


def join_pages(files: list[bytes], limit: int = MAX_FILE_SIZE) -> Joined | None:
    """Files as one PDF, in the order given: a photo a page, upright; a PDF its own pages (the letter
    so far, then the next file). None when one cannot be read (an image Pillow does not read, a damaged
    or locked PDF, a Word file). TooBig when their PDFs together pass ``limit``: said once each is read,
    before the next photo is made a page and before any is joined (pypdf's copy may be a little
    smaller); the PDF made is checked again."""
    from pypdf import PdfWriter  # only a letter sent in several files needs it

    readers, size = [], 0
    for file in files:
        if size > limit:
            raise TooBig
        read = readable(file)
        if read is None:
            return None
        readers.append(read[0])
        size += read[1]
    if size > limit:
        raise TooBig
    writer, pdf = PdfWriter(), io.BytesIO()
    try:
        for reader in readers:
            writer.append(reader)
        writer.write(pdf)
    except Exception:  # pypdf reads as it goes: a damaged file may be found only now
        return None
    if pdf.tell() > limit:
        raise TooBig
    return Joined(pdf.getvalue(), len(writer.pages))


def readable(file: bytes) -> tuple | None:
    """A file as a PDF ready to join (a photo made a page) and that PDF's size; None when it cannot be
    read."""
    from pypdf import PdfReader

    try:
        pdf = file if file.startswith(b"%PDF-") else image_pdf(file)
        reader = PdfReader(io.BytesIO(pdf))
        if reader.is_encrypted:
            reader.decrypt("")  # locked for changes only: readable; a password to open it: refused
        return (reader, len(pdf)) if reader.pages else None
    except Exception:  # pypdf and Pillow raise many kinds of errors on a damaged file: it cannot join
        return None


def image_pdf(content: bytes) -> bytes:
    """A photo as a one-page PDF, upright (phones store the turn as a tag)."""
    from PIL import Image, ImageOps  # Pillow comes with reportlab

    with Image.open(io.BytesIO(content)) as image:
        upright = ImageOps.exif_transpose(image).convert("RGB")
    pdf = io.BytesIO()
    upright.save(pdf, "PDF", resolution=150)
    return pdf.getvalue()
