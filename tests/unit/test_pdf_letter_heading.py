"""The heading above each page of a PDF commitment letter in the appendix (« Annexe — Lettre d’engagement de
la direction · <file> · 1/2 ») holds within the page's margins: a long file name is shortened with « … »,
never the page count; the 10th page of a longer letter says whole that the other pages are in the file
(the heading was drawn as it came, off the page's right edge)."""

from __future__ import annotations

import io

import pytest

from conversations.render.pdf import render_pdf
from conversations.render.report import build_report
from locales import translator
from models.referential.parsing import default_referential
from tests.pdf_samples import NOW, sample_record
from tests.unit.test_pdf_long_dossier import A4_WIDTH, MARGIN, lines_of, words

LONG_NAME = "Lettre_engagement_direction_Quali-Coop_2026_signee_par_la_presidente_du_conseil.pdf"
MORE = {
    "fr": "La lettre a d’autres pages : elles sont dans le fichier joint.",
    "en": "The letter has more pages: they are in the attached file.",
}


def letter(pages: int) -> bytes:
    """A letter of ``pages`` pages, as a director's PDF would be."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    for number in range(pages):
        canvas.drawString(72, 770, f"Lettre page {number + 1}")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def appendix(tmp_path, pages: int, language: str = "fr", file_name: str | None = None) -> list[list[str]]:
    """The lines of the appendix's pages (those of the letter), every word checked within the margins."""
    record = sample_record(revision=False)
    if file_name:
        record.letter.file_name = file_name
    report = build_report(translator(language), default_referential(), record, NOW, letter(pages))
    drawn = words(render_pdf(report), tmp_path)
    beyond = [w.text for page in drawn for w in page if w.right > A4_WIDTH - MARGIN + 1]
    assert beyond == []
    return [lines_of(page) for page in drawn[-min(pages, 10) :]]


def test_a_long_file_name_is_shortened_never_the_page_count(tmp_path):
    first, second = appendix(tmp_path, 2, file_name=LONG_NAME)
    assert first[0].startswith("Annexe — Lettre d’engagement de la direction · Lettre_engagement_direction")
    assert first[0].endswith("… · 1/2") and second[0].endswith("… · 2/2")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_tenth_page_of_a_longer_letter_says_whole_where_the_others_are(tmp_path, language):
    pages = appendix(tmp_path, 12, language)
    assert len(pages) == 10
    assert " · lettre_engagement_direction_" in pages[0][0] and pages[0][0].endswith(" · 1/12")
    assert pages[9][0].endswith(" · 10/12") and MORE[language] in [
        " ".join(line.split()) for line in pages[9]
    ]
    assert not any(MORE[language] in line for page in pages[:9] for line in page)
