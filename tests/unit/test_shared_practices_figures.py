"""Shared practices' figures stand for 3 coops or more, however many indicators each coop follows."""

from __future__ import annotations

from conversations.render.commitments.practices import typical_target
from locales import translator
from models.dossier.practices import group_choices
from models.tables import Dossier, Indicator, PracticeSharing


def _row(coop_id: int, n: int, target: str | None, unit: str = "percent"):
    """Coop ``coop_id``'s n-th indicator « Taux d'impayés », shared."""
    dossier = Dossier(id=coop_id, coop_id=coop_id, cycle=1)
    indicator = Indicator(
        id=coop_id * 10 + n,
        dossier_id=coop_id,
        engagement_code=9,
        title="Taux d'impayés",
        value_kind="number",
        unit=unit,
        target_value=target,
    )
    return indicator, PracticeSharing(coop_id=coop_id, indicators=True), dossier


def test_a_typical_target_needs_the_targets_of_three_coops():
    """Coop 1 follows it for its tenants and its buyers, coop 2 once, coop 3 set no target: three
    coops chose it, three targets, but two coops' — no typical target."""
    rows = [_row(1, 1, "1.5"), _row(1, 2, "2"), _row(2, 1, "1.8"), _row(3, 1, None)]
    (choice,) = group_choices(rows, exclude_coop=99)
    assert len(choice.coops) == 3
    assert typical_target(translator("fr"), choice) is None
    (choice,) = group_choices([*rows, _row(3, 2, "3")], exclude_coop=99)
    # coop 1 counts once, at 1,75 %: the median of 1,75, 1,8 and 3 (not of 1,5, 1,8, 2 and 3)
    assert typical_target(translator("fr"), choice) == "1,8\u00a0%"


def test_a_coop_following_an_indicator_twice_does_not_set_its_kind():
    """Coop 1's two indicators in euros do not outweigh the two other coops' percents."""
    rows = [_row(1, 1, "100", "euro"), _row(1, 2, "200", "euro"), _row(2, 1, "2"), _row(3, 1, "4")]
    (choice,) = group_choices(rows, exclude_coop=None)
    assert choice.shape == ("number", "percent")
    assert typical_target(translator("fr"), choice) is None  # the percents of two coops only
