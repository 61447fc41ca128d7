"""The progress chart's title is dated (« Progression — Coop · 6 décembre 2026 »): a chart forwarded or
printed later still says when it was true. A long coop name (up to 200 characters) is shortened, never
the date."""

from __future__ import annotations

import pytest

from conversations.render import charts
from conversations.render.charts import ProgressRow, progress_chart

LEGEND = {"start": "départ", "target": "cible", "progress": "avancement", "empty": "—"}
ROWS = [ProgressRow("Logements rénovés", 0, 10, 30, "10", "30")]
DATE = "6 décembre 2026"


def drawn_title(monkeypatch, title: str, part: str = "") -> str:
    """The title as drawn on the chart (the first text drawn)."""
    texts: list[str] = []
    draw = charts._text
    monkeypatch.setattr(
        charts, "_text", lambda ax, x, y, text, **style: texts.append(text) or draw(ax, x, y, text, **style)
    )
    progress_chart(ROWS, title, LEGEND, part)
    return texts[0]


@pytest.mark.parametrize("part", ["", "2/7"])
@pytest.mark.parametrize(
    "coop",
    [
        "Société coopérative d’intérêt collectif Habitat Solidaire du Grand Ouest et de la Loire-Atlantique",
        "Coop" + "erative" * 28,  # one long word
    ],
)
def test_a_long_coop_name_is_shortened_and_the_date_stays(monkeypatch, coop: str, part: str) -> None:
    title = drawn_title(monkeypatch, f"Progression — {coop} · {DATE}", part)
    lines = title.split("\n")
    assert len(lines) == 2, lines
    assert title.endswith(f"· {DATE}"), title
    assert "…" in title and title.startswith("Progression — "), title


def test_a_short_title_is_drawn_as_it_is(monkeypatch) -> None:
    assert (
        drawn_title(monkeypatch, f"Progression — Coop Horizon · {DATE}")
        == f"Progression — Coop Horizon · {DATE}"
    )
