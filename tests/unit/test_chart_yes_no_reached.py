"""A yes/no indicator is reached when its value is its target, whichever way it started.

Before: a coop whose goal is to stay at « non » (« Aucune expulsion sans accompagnement social » started
« non », target « non ») and that now answers « oui » saw a full green bar, « reached », on /progres's chart
and in the bilan's PDF the committee reads: with nothing to cover, the chart took « at or past the target »
as reached, and « oui » (1) is past « non » (0). Now that bar is empty and not green; a yes/no at its target,
and a number kept level at or past its target, still read reached.
"""

from __future__ import annotations

import pytest
from matplotlib.axes import Axes

from conversations.render import charts
from conversations.render.charts import ProgressRow, progress_chart, progress_fraction
from conversations.render.commitments.bilans import progress_row
from locales import translator

LEGEND = {"target": "cible", "start": "départ", "empty": "vide", "progress": "progression"}


def yes_no(baseline: str, current: str, target: str) -> ProgressRow:
    """The chart's row of a yes/no indicator, as /progres and the bilan build it."""
    item = {"title": "Aucune expulsion sans accompagnement social", "kind": "yes_no", "unit": None}
    return progress_row(translator("fr"), item | {"baseline": baseline, "current": current, "target": target})


@pytest.mark.parametrize(
    ("baseline", "current", "target", "reached"),
    [
        ("no", "yes", "no", False),  # to stay « non », now « oui »: missed
        ("no", "no", "no", True),
        ("yes", "yes", "yes", True),
        ("yes", "no", "yes", False),
        ("no", "yes", "yes", True),
        ("no", "no", "yes", False),
        ("yes", "no", "no", True),
    ],
)
def test_a_yes_no_is_reached_at_its_target_only(baseline, current, target, reached):
    assert (progress_fraction(yes_no(baseline, current, target)) == 1.0) is reached


def test_a_number_kept_level_is_still_reached_at_or_past_its_target():
    item = {"title": "Logements livrés", "kind": "number", "unit": "homes"}
    level = progress_row(translator("fr"), item | {"baseline": "30", "current": "32", "target": "30"})
    assert progress_fraction(level) == 1.0


def test_the_chart_draws_no_green_bar_for_a_yes_no_that_left_its_target(monkeypatch):
    colours: list[str] = []
    barh = Axes.barh

    def recording(ax, y, width, **style):
        colours.append(style.get("color"))
        return barh(ax, y, width, **style)

    monkeypatch.setattr(Axes, "barh", recording)
    progress_chart([yes_no("no", "yes", "no")], "Avancement — Coop Horizon · 7 décembre 2026", LEGEND)
    assert charts.GREEN not in colours, colours  # the light track only: not reached
    colours.clear()
    progress_chart([yes_no("no", "no", "no")], "Avancement — Coop Horizon · 7 décembre 2026", LEGEND)
    assert charts.GREEN in colours, colours
