"""The committee's PDF as a reader sees it: its pages drawn to PNG by poppler's pdftoppm, kept in
artifacts/pdf/ (ignored by git) to be looked at, and checked for what text extraction cannot see.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import numpy
import pytest
from PIL import Image

from conversations.render.pdf import render_pdf
from models.tables import DossierStatus
from tests.artifacts import artifacts
from tests.pdf_samples import letter_pdf, sample_report

ARTIFACTS = artifacts("pdf")
SAMPLES = {
    "submitted-pdf-letter": {},
    "draft-photo-letter": {"letter": "image", "status": DossierStatus.DRAFT, "revision": False},
    "english": {"language": "en"},
}


def draw(name: str, data: bytes) -> list[Path]:
    """The PDF's pages as PNG files in artifacts/pdf/, replacing those of a previous run."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob(f"{name}-*.png"):
        old.unlink()
    (ARTIFACTS / f"{name}.pdf").write_bytes(data)
    subprocess.run(
        ["pdftoppm", "-r", "70", "-png", str(ARTIFACTS / f"{name}.pdf"), str(ARTIFACTS / name)], check=True
    )
    return sorted(ARTIFACTS.glob(f"{name}-*.png"))


def pinkish(path: Path) -> int:
    """How many pixels of a page carry the watermark's red (nothing else in the document is red)."""
    r, g, b = (numpy.asarray(Image.open(path).convert("RGB")).astype(int)[..., i] for i in range(3))
    return int(((r - g > 10) & (r - b > 10)).sum())


def ink(path: Path) -> int:
    """How many pixels of a page are ink (darker than mid-grey)."""
    return sum(Image.open(path).convert("L").histogram()[:128])


@pytest.fixture(scope="module")
def pictures() -> dict[str, list[Path]]:
    """Every sample drawn once."""
    if shutil.which("pdftoppm") is None:
        if os.environ.get("CI"):
            pytest.fail("pdftoppm is missing: install the Debian package poppler-utils")
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    drawn = {}
    for name, options in SAMPLES.items():
        options = dict(options)
        report = sample_report(options.pop("language", "fr"), options.pop("letter", "pdf"), **options)
        drawn[name] = draw(name, render_pdf(report))
    return drawn


def test_every_page_is_drawn(pictures):
    assert all(len(pages) >= 15 for pages in pictures.values())


def test_the_watermark_is_seen_on_every_page_of_a_draft_only(pictures):
    assert all(pinkish(page) > 500 for page in pictures["draft-photo-letter"])
    assert not any(pinkish(page) for page in pictures["submitted-pdf-letter"])


def test_the_letters_are_drawn_on_their_pages(pictures):
    alone = draw("letter-alone", letter_pdf())  # the letter as its author printed it
    submitted = pictures["submitted-pdf-letter"]
    for original, included in zip(alone, submitted[-2:], strict=True):
        assert ink(included) > 0.6 * ink(original)  # scaled to fit its frame, but all there
    assert ink(pictures["draft-photo-letter"][-1]) > 2 * ink(submitted[0])  # the photo fills its page
