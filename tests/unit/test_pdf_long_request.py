"""The committee's request, printed in a teal box in the PDF's appendix of changes, may be as long as
the committee may write it (2,000 characters, line breaks kept): a list of points one per line, the
most lines it allows, or one paragraph without a break, printed whole over as many pages as it takes,
the box drawn on each of them."""

from __future__ import annotations

import dataclasses
import io
import re

import pytest
from pypdf import PdfReader
from reportlab.lib.rl_accel import fp_str

from conversations.committee.choices import COMMENT_MAX
from conversations.render.pdf import render_pdf
from conversations.render.pdf.style import TEAL_LIGHT
from conversations.render.report import build_report
from locales import translator
from models.referential.parsing import default_referential
from tests.pdf_samples import NOW, letter_pdf, prose, sample_record

BOX_FILL = fp_str(*TEAL_LIGHT.rgb()).encode() + b" rg"  # its background, as reportlab writes it


def printed(request: str) -> tuple[list[str], list[bytes]]:
    """Each page's text (no-break spaces made plain) and drawing operators, the sample dossier's
    revision carrying ``request``."""
    record = sample_record()
    record = dataclasses.replace(record, revision=dataclasses.replace(record.revision, request=request))
    data = render_pdf(build_report(translator("fr"), default_referential(), record, NOW, letter_pdf()))
    pages = PdfReader(io.BytesIO(data)).pages
    return [page.extract_text().replace("\u00a0", " ") for page in pages], [
        page.get_contents().get_data() for page in pages
    ]


def boxed_on(texts: list[str], operators: list[bytes], marks: list[str]) -> list[int]:
    """The pages on which some of ``marks`` are printed; each of them must show the box's background."""
    pages = [number for number, text in enumerate(texts) if any(mark in text for mark in marks)]
    assert all(BOX_FILL in operators[number] for number in pages), pages
    return pages


def test_a_list_of_60_short_lines_prints_whole_in_its_box():
    request = "\n".join(f"- Point {number} : précisez la cible" for number in range(1, 61))
    assert len(request) <= COMMENT_MAX  # what the committee may send
    texts, operators = printed(request)
    found = re.findall(r"- Point (\d+) : précisez la cible", " ".join(texts))
    assert found == [str(number) for number in range(1, 61)]
    assert len(boxed_on(texts, operators, ["précisez la cible"])) == 2  # over two pages


def test_the_most_lines_the_committee_may_write_print_whole():
    """1,000 lines of one character each and 400 numbered ones: every one, in order."""
    marks = [f"L{number:03d}" for number in range(1, 401)]
    request = "\n".join(marks)
    assert len(request) <= COMMENT_MAX
    texts, operators = printed(request)
    assert re.findall(r"L\d{3}", " ".join(texts)) == marks
    assert len(boxed_on(texts, operators, marks)) >= 5
    texts, _ = printed("\n".join("x" * (COMMENT_MAX // 2)))
    appendix = " ".join(texts)[" ".join(texts).index("« x") :]
    assert appendix.count("x") >= COMMENT_MAX // 2


@pytest.mark.parametrize("paragraph", [prose(COMMENT_MAX).replace("\n\n", " "), "Ab" * (COMMENT_MAX // 2)])
def test_one_paragraph_of_2000_characters_prints_whole(paragraph):
    """A paragraph without a break, words or one long run of letters, still fits its box."""
    texts, _ = printed(paragraph)
    text = re.sub(r"\s+", "", " ".join(texts))
    assert re.sub(r"\s+", "", paragraph.replace("'", "’")) in text
