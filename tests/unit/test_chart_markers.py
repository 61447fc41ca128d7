"""The charts print typed text by one rule (``charts.printed`` against ``charts.glyphs``): the bilan PDF's
chart marks a script its font lacks in the reader's words, as /progres's chart does, the consultation's
votes chart asks the same glyphs, and a chart's percentage has the no-break space of every other one."""

from __future__ import annotations

from conversations.render import charts
from conversations.render.commitments import bilan_pdf as bilan_pdf_module
from conversations.render.commitments.bilan_pdf import bilan_pdf
from conversations.render.commitments.bilans import bilan_view
from locales import Translator
from tests.unit.test_consultation_counts_and_chart import chart_texts, view_of


def progress_chart_texts(monkeypatch) -> list[str]:
    """Every text the bilan PDF's progress chart draws (its figure kept as it is made a PNG)."""
    drawn = []
    real_png = charts.png
    monkeypatch.setattr(charts, "png", lambda figure: drawn.append(figure) or real_png(figure))
    content = {
        "checkpoint": "six_months",
        "due_on": "2027-06-03",
        "indicators": [
            {
                "title": "指标 logements",
                "kind": "number",
                "unit": "percent",
                "baseline": "10",
                "current": "20",
                "current_on": "2027-04-23",
                "target": "30",
                "target_date": "2028-05-31",
                "actions": [],
            },
        ],
        "difficulties": "",
        "help_wanted": "",
    }
    bilan_pdf(bilan_view(Translator("fr"), content, "Coop Horizon", "Envoyé le …", None))
    (figure,) = drawn
    return [text.get_text() for axes in [figure, *figure.axes] for text in axes.texts]


def test_the_bilan_pdf_chart_marks_a_script_its_font_lacks_in_the_reader_s_words(monkeypatch):
    texts = progress_chart_texts(monkeypatch)
    assert any("[texte non imprimable]" in text for text in texts), texts
    assert not any("[…]" in text for text in texts), texts
    assert bilan_pdf_module.progress_chart is charts.progress_chart


def test_the_votes_chart_prints_by_the_charts_one_rule(monkeypatch):
    """A character the charts' glyphs lack (here Greek, made missing) is marked on the votes chart too."""
    greek = frozenset(range(0x370, 0x400))
    real = charts.glyphs()
    monkeypatch.setattr(charts, "glyphs", lambda: real - greek)
    texts = chart_texts(view_of("fr", "Quel jour ?", ("Mardi", "Ωμέγα")), monkeypatch)
    assert "[texte non imprimable]" in texts and "Ωμέγα" not in texts, texts


def test_a_chart_percentage_has_the_no_break_space_of_every_other_percentage():
    assert charts._percent(0.42, {}) == "42\u00a0%"
