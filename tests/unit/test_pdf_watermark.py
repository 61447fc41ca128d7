"""A draft's « BROUILLON » is drawn across each page as the outlines of its letters, not as text: text
extraction (pdftotext, a copy and paste, a screen reader) read its letters scattered among the dossier's
words (« BR », « O », « UI »…). The page reads as the same page submitted; the watermark is still drawn
(and seen: tests/unit/test_pdf_pictures.py)."""

from __future__ import annotations

from conversations.render.pdf import render_pdf
from models.tables import DossierStatus
from tests.pdf_samples import sample_report
from tests.unit.test_pdf import pages_of, watermarked


def test_a_draft_page_reads_as_the_same_page_submitted():
    draft = render_pdf(sample_report(status=DossierStatus.DRAFT, revision=False))
    submitted = render_pdf(sample_report(revision=False))
    drafts, submitteds = pages_of(draft), pages_of(submitted)
    assert len(drafts) == len(submitteds)
    assert drafts[1:] == submitteds[1:]  # the cover aside: its status differs
    assert "BROUILLON" not in drafts[0] and "Statut Brouillon" in drafts[0]
    assert all(watermarked(draft)) and not any(watermarked(submitted))  # drawn on every page, as a path
