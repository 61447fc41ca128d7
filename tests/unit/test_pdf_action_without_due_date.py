"""An action without a due date reads cleanly in the committee's PDF (« échéance : à renseigner »), not
with the chat's words after the PDF's own label (« échéance : échéance à renseigner »), nor its emoji;
the chat's review keeps its words and its ⚠️."""

from __future__ import annotations

import io

from pypdf import PdfReader

from conversations.render.pdf import render_pdf
from conversations.render.report import build_report
from conversations.render.review import review_sections
from locales import translator
from models.referential.parsing import default_referential
from tests.pdf_samples import NOW, sample_record

NBSP = "\u00a0"


def undated_dossier(language: str) -> tuple[bytes, str]:
    """The PDF's text and the chat's review of a dossier whose one action has no due date yet."""
    record = sample_record(engagements=1, indicators=1, actions=2, revision=False)
    indicator = record.snapshot.indicators[0]
    action = record.snapshot.actions[indicator.id][0]
    action.due_date, action.due_precision = None, "day"
    report = build_report(translator(language), default_referential(), record, NOW, None)
    pages = PdfReader(io.BytesIO(render_pdf(report))).pages
    text = " ".join(" ".join(page.extract_text().replace(NBSP, " ").split()) for page in pages)
    return text, "\n".join(review_sections(report))


def test_an_action_without_due_date_reads_cleanly_in_the_french_pdf():
    text, review = undated_dossier("fr")
    assert "échéance : à renseigner" in text
    assert "échéance : échéance" not in text and "⚠" not in text
    assert text.count("échéance : ") == 2  # the dated action keeps its day
    assert "échéance à renseigner ⚠️" in review  # the chat's words, where the user completes it


def test_an_action_without_due_date_reads_cleanly_in_the_english_pdf():
    text, review = undated_dossier("en")
    assert "due: not set yet" in text
    assert "due: missing due date" not in text and "⚠" not in text
    assert "missing due date ⚠️" in review
