"""A consultation's results as the reader counts: « 1 137 » votes in French, « 1,137 » in English, in the
chat, the PDF's table and the chart; and the chart prints what the PDF prints, no missing-glyph box for an
emoji nor nothing for another script's letters.
"""

from __future__ import annotations

import io
import json
import warnings
from datetime import UTC, date, datetime

import pytest
from pypdf import PdfReader

from conversations.render.commitments import votes_chart as chart_module
from conversations.render.commitments.consultation_pdf import evidence_pdf
from conversations.render.commitments.consultations import consultation_view, results_lines
from conversations.render.commitments.votes_chart import votes_chart
from locales import Translator
from models.consultations.answers import Results
from models.referential.parsing import default_referential
from models.tables import Consultation

NOW = datetime(2027, 4, 20, 9, 0, tzinfo=UTC)
SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})


def view_of(language: str, question: str | None = None, choices: tuple[str, ...] = ()):
    """A closed consultation that 2,000 people answered, 1,137 of them for the first choice."""
    consultation = Consultation(
        coop_id=1,
        dossier_id=1,
        created_by=1,
        status="closed",
        closes_on=date(2027, 4, 15),
        question=question,
        choices=json.dumps(list(choices)) if choices else None,
    )
    votes = (1137, 863) if choices else (1137, 863) + (0,) * 10
    results = Results(reached=3412, answered=2000, votes=votes, comments=())
    return consultation_view(Translator(language), default_referential(), consultation, results, NOW)


def chart_texts(view, monkeypatch) -> list[str]:
    """Every text the chart draws (its figure kept instead of made a PNG)."""
    drawn = []
    monkeypatch.setattr(chart_module, "png", lambda figure: drawn.append(figure) or b"")
    votes_chart(view)
    (figure,) = drawn
    return [text.get_text() for text in figure.texts + figure.axes[0].texts]


@pytest.mark.parametrize(("language", "count"), [("fr", "1 137"), ("en", "1,137")])
def test_votes_are_written_in_the_reader_s_number_format(language, count, monkeypatch):
    view = view_of(language)
    assert any(f"<b>{count}</b>" in line.translate(SPACES) for line in results_lines(view))
    pages = PdfReader(io.BytesIO(evidence_pdf([view], "Consultations", language))).pages
    table = " ".join(page.extract_text() for page in pages).translate(SPACES)
    assert count in table and "1137" not in table
    assert any(text.translate(SPACES).startswith(f"{count} (") for text in chart_texts(view, monkeypatch))


def test_the_chart_drops_emoji_and_marks_another_script_as_the_pdf_does(monkeypatch):
    view = view_of("fr", "Quel jour vous convient ? 🏠", ("Mardi 👍", "الثلاثاء"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        texts = chart_texts(view, monkeypatch)
    assert [str(w.message) for w in caught if "missing from font" in str(w.message)] == []
    assert texts[0].translate(SPACES) == "Quel jour vous convient ?"
    assert "Mardi" in texts and "[texte non imprimable]" in texts


def test_the_chart_png_has_no_missing_glyph():
    view = view_of("en", "Which day? 😀 🏠", ("Tuesday ✅", "星期二"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert votes_chart(view).startswith(b"\x89PNG")
    assert [str(w.message) for w in caught if "missing from font" in str(w.message)] == []
