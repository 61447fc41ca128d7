"""A commitment letter sent in several files at once (an album: photos of its pages, PDFs) made one PDF."""

from __future__ import annotations

import io


def pages_to_pdf(pages: list[bytes]) -> bytes | None:
    """Photos of a letter's pages as one PDF, a page each, upright; None when one is no readable image."""
    from PIL import Image, ImageOps  # Pillow comes with reportlab; only a letter's photos need it here

    try:
        images = [ImageOps.exif_transpose(Image.open(io.BytesIO(page))).convert("RGB") for page in pages]
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
    pdf = io.BytesIO()
    images[0].save(pdf, "PDF", save_all=True, append_images=images[1:], resolution=150)
    return pdf.getvalue()
