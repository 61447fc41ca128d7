"""A coop's own unit is read whole on the progress chart, inside the image.

Before: /progres's chart and the bilan's PDF cut each value to one line of about twenty characters,
« 1 234 heures de… → 1 500 heures de… », so the unit that says what the figure counts was lost; and
« 45 ménages accompagnés » reached the image's right edge. Now each value keeps its words, on two lines
when it needs them, « 1 234 » never split from its unit's first word, within the same margin as the left.
"""

from __future__ import annotations

import pytest

from conversations.render import charts
from conversations.render.commitments.bilans import progress_row
from locales import translator

LEGEND = {"target": "cible", "start": "départ", "empty": "vide", "progress": "progression"}
TITLE = "Avancement — Coop Horizon · 7 décembre 2026"


def drawn(monkeypatch, *items: dict) -> tuple[list[str], list[float], float]:
    """The texts drawn on the chart of these indicators, the right end of each in pixels, and the
    image's width."""
    figures = []
    png = charts.png

    def keeping(figure):
        figures.append(figure)
        return png(figure)

    monkeypatch.setattr(charts, "png", keeping)
    charts.progress_chart([progress_row(translator("fr"), item) for item in items], TITLE, LEGEND)
    (figure,) = figures
    renderer = figure.canvas.get_renderer()
    texts = [text for ax in figure.axes for text in ax.texts]
    ends = [text.get_window_extent(renderer).x1 for text in texts]
    return [text.get_text() for text in texts], ends, figure.bbox.width


def number(title: str, unit: str, baseline: str, current: str, target: str) -> dict:
    """A number indicator in the bilan's content."""
    values = {"baseline": baseline, "current": current, "target": target}
    return {"title": title, "kind": "number", "unit": unit} | values


def words(text: str) -> str:
    """The text's lines as one, every space alike (a French number's narrow no-break space too)."""
    return " ".join(text.split())


@pytest.mark.parametrize(
    ("item", "current", "target"),
    [
        (number("Heures de formation", "heures de formation", "120", "1234", "1500"), "1 234", "1 500"),
        (number("Ménages accompagnés", "ménages accompagnés", "12", "45", "60"), "45", "60"),
        (number("Rénovés BBC", "logements rénovés", "0", "1250000", "12500000"), "1 250 000", "12 500 000"),
    ],
)
def test_a_value_in_a_coops_own_unit_is_whole_and_inside_the_image(monkeypatch, item, current, target):
    texts, ends, width = drawn(monkeypatch, item)
    value = next(text for text in texts if "→" in text)
    assert "…" not in value, value
    assert f"{current} {item['unit']} → {target} {item['unit']}" == words(value), value
    unit_first = item["unit"].split()[0]  # never alone at a line's start: « 1 234 heures » holds together
    assert all(line.split()[0] != unit_first for line in value.splitlines()), value
    assert max(ends) <= width * 0.96, (value, max(ends), width)  # the left margin's room on the right too


def test_short_values_stay_one_line_in_the_larger_size(monkeypatch):
    texts, _ends, _width = drawn(monkeypatch, number("Taux d'impayés", "percent", "1.5", "1.3", "1.2"))
    assert "1,3\u00a0% → 1,2\u00a0%" in texts


def test_a_word_wider_than_the_room_is_never_cut_inside(monkeypatch):
    """A unit of one long word (« kilowattheures/logement/an ») is kept whole on its line, even when it
    overflows the room: textwrap's default cut « kilowattheur / es » made it unreadable."""
    unit = "kilowattheures/logement/an"
    texts, _ends, _width = drawn(monkeypatch, number("Consommation", unit, "3000000", "1234567", "2345678"))
    value = next(text for text in texts if "→" in text)
    assert unit in value.splitlines()[1] or any(line.endswith(unit) for line in value.splitlines()), value
    assert words(value) == f"1 234 567 {unit} → 2 345 678 {unit}", value
