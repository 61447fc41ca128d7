"""Every page's footer says whose dossier it is: a coop's long name loses its legal form there (the rule of
the PDF's file name), not the words that tell it from the other coops of the same form.
"""

from __future__ import annotations

import io
from dataclasses import replace

from pypdf import PdfReader

from conversations.render.pdf import pdf_file_name, render_pdf
from tests.pdf_samples import sample_report

CASTORS = "Société anonyme coopérative de production d’habitations à loyer modéré Les Castors Angevins"


def test_each_page_s_footer_names_the_coop_by_its_distinctive_name():
    report = replace(sample_report(engagements=2, indicators=1, actions=1, revision=False), coop_name=CASTORS)
    pages = PdfReader(io.BytesIO(render_pdf(report))).pages
    texts = [page.extract_text().replace("\u00a0", " ") for page in pages]
    assert len(texts) > 1
    for text in texts:  # « Société anonyme coopérative de pro… · Dossier… » told no coop from another
        assert "\nLes Castors Angevins · Dossier de candidature Quali’Coop · cycle 1\n" in text, text[-160:]


def test_the_file_name_drops_the_legal_form_spelled_out_too():
    report = replace(sample_report(engagements=1, revision=False), coop_name=CASTORS)
    assert pdf_file_name(report) == "Dossier de candidature Quali’Coop - Les Castors Angevins - cycle 1.pdf"


def test_a_name_that_fits_is_printed_whole():
    report = replace(
        sample_report(engagements=1, indicators=1, actions=1, revision=False),
        coop_name="SCIC d’HLM Habitat Solidaire",
    )
    last = PdfReader(io.BytesIO(render_pdf(report))).pages[-1].extract_text().replace("\u00a0", " ")
    assert "SCIC d’HLM Habitat Solidaire · Dossier de candidature" in last
