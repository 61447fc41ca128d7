"""Under an axis's band, its summary ends with how many of its engagements were chosen: « … générations
présentes et futures. · 2 engagements sur 4 ». The count holds on one line, never « sur » at a line's end
and « 4 » alone on the next (nor « engagements » alone in English)."""

from __future__ import annotations

import pytest

from conversations.render.pdf import render_pdf
from conversations.render.report import build_report
from locales import translator
from models.referential.parsing import default_referential
from tests.pdf_samples import NOW, sample_record
from tests.unit.test_pdf_long_dossier import lines_of, words

COUNTS = {
    "fr": ("4 engagements sur 4", "2 engagements sur 4"),
    "en": ("4 of 4 engagements", "2 of 4 engagements"),
}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_an_axis_s_count_of_engagements_holds_on_one_line(tmp_path, language):
    record = sample_record(engagements=10, indicators=1, actions=1, revision=False)  # axis 3: 9 and 10
    report = build_report(translator(language), default_referential(), record, NOW, None)
    assert [axis.chosen_text for axis in report.axes] == [*COUNTS[language][:1] * 2, COUNTS[language][1]]
    lines = [
        " ".join(line.split()) for page in words(render_pdf(report), tmp_path)[1:] for line in lines_of(page)
    ]
    assert len([line for line in lines if line.endswith(COUNTS[language])]) == 3  # one under each band
    assert [line for line in lines if line in ("4", "engagements") or line.endswith((" sur", " of"))] == []
