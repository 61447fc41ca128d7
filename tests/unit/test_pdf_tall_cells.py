"""A table's row cannot be split by reportlab unless told: a cell fed with a user's text of many short
lines (the committee's refusal comment in the cover's « Parcours », up to 2,000 characters; a milestone
value of 200 characters, line breaks kept, in an indicator's figures) taller than a page stopped the whole
PDF (reportlab's LayoutError), and with it the PDF sent at submission and /export. Such a row flows over
pages, every line printed once, in order."""

from __future__ import annotations

import re
from dataclasses import replace

from conversations.committee.choices import COMMENT_MAX
from conversations.render.formatting import quoted
from conversations.render.pdf import render_pdf
from conversations.render.report import build_report
from locales import translator
from models.parsing.values import MILESTONE_MAX, parse_value
from models.referential.parsing import default_referential
from tests.pdf_samples import NOW, sample_record
from tests.unit.test_pdf import pages_of
from tests.unit.test_pdf_long_dossier import MARGIN, words

REMARKS = "\n".join(f"{n}. Cible à préciser." for n in range(1, 81))  # 80 remarks, one a line


def test_a_refusal_comment_of_80_lines_flows_over_pages_on_the_cover(tmp_path):
    assert len(REMARKS) <= COMMENT_MAX  # what the committee may write
    report = build_report(translator("fr"), default_referential(), sample_record(revision=False), NOW, None)
    said = "23 novembre 2026 : " + quoted("fr", REMARKS)
    report = replace(report, course=(("Candidature non retenue le", said),))
    data = render_pdf(report)  # LayoutError before
    pages = pages_of(data)
    text = " ".join(pages)
    assert re.findall(r"(\d+)\. Cible à préciser", text) == [str(n) for n in range(1, 81)]
    assert "Candidature non retenue le" in pages[0]
    assert len([page for page in pages if "Cible à préciser" in page]) >= 2  # over two pages at least
    assert "Sommaire" in text and "Démarche et implication" in text  # the rest of the cover follows
    continued = words(data, tmp_path)[1][0]  # the next remark, at the top of the next page
    assert re.fullmatch(r"\d+\.", continued.text) and continued.top < MARGIN + 15  # no blank line above


def test_a_milestone_of_66_lines_in_an_indicator_s_figures_flows_over_pages():
    marks = [f"{chr(65 + n // 10)}{n % 10}" for n in range(66)]  # A0 … G5
    value = parse_value("\n".join(marks), "fr", "text", None)  # what the chat and the Mini App store
    assert len(value) <= MILESTONE_MAX and value.split("\n") == marks
    record = sample_record(revision=False)
    milestone = next(i for i in record.snapshot.indicators if i.value_kind == "text")
    milestone.current_value = value
    report = build_report(translator("fr"), default_referential(), record, NOW, None)
    text = " ".join(pages_of(render_pdf(report)))  # LayoutError before
    assert re.findall(r"\b[A-G]\d\b", text) == marks
