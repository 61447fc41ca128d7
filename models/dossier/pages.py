"""A commitment letter sent in several files at once (an album: photos of its pages, PDFs) made one PDF."""

from __future__ import annotations

import io
from dataclasses import dataclass


@dataclass(frozen=True)
class Joined:
    """The letter's pages as one PDF, and how many pages it has."""

    pdf: bytes
    count: int


def join_pages(pages: list[bytes]) -> Joined | None:
    """A letter's files as one PDF, in the order given: a photo a page, upright; a PDF its own pages.
    None when one cannot be read (an image Pillow does not read, a damaged or locked PDF, a Word file)."""
    from pypdf import PdfReader, PdfWriter  # only a letter sent in several files needs them

    writer = PdfWriter()
    try:
        for page in pages:
            reader = PdfReader(io.BytesIO(page if page.startswith(b"%PDF-") else image_pdf(page)))
            if reader.is_encrypted:
                reader.decrypt("")  # locked for changes only: readable; a password to open it: refused
            if not reader.pages:
                return None
            writer.append(reader)
        pdf = io.BytesIO()
        writer.write(pdf)
    except Exception:  # pypdf and Pillow raise many kinds of errors on a damaged file: it cannot join
        return None
    return Joined(pdf.getvalue(), len(writer.pages))


def image_pdf(content: bytes) -> bytes:
    """A photo as a one-page PDF, upright (phones store the turn as a tag)."""
    from PIL import Image, ImageOps  # Pillow comes with reportlab

    with Image.open(io.BytesIO(content)) as image:
        upright = ImageOps.exif_transpose(image).convert("RGB")
    pdf = io.BytesIO()
    upright.save(pdf, "PDF", resolution=150)
    return pdf.getvalue()
