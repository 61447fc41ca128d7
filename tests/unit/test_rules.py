"""The selection rules as pure functions."""

from models.dossier.rules import selection_progress
from models.referential.parsing import default_referential


def test_empty_selection_misses_two_per_axis_and_eight_in_all():
    progress = selection_progress(default_referential(), [])
    assert [(a.axis, a.chosen, a.available, a.missing) for a in progress.axes] == [
        (1, 0, 4, 2),
        (2, 0, 4, 2),
        (3, 0, 4, 2),
    ]
    assert progress.missing_total == 8 and not progress.is_valid


def test_seven_engagements_are_not_enough_even_with_two_per_axis():
    progress = selection_progress(default_referential(), [1, 2, 3, 5, 6, 9, 10])
    assert all(axis.missing == 0 for axis in progress.axes)
    assert progress.missing_total == 1 and not progress.is_valid


def test_eight_with_an_axis_of_one_is_refused():
    progress = selection_progress(default_referential(), [1, 2, 3, 4, 5, 6, 7, 9])
    assert progress.chosen == 8 and progress.axes[2].missing == 1 and not progress.is_valid


def test_eight_with_two_per_axis_is_valid_and_unknown_codes_are_ignored():
    progress = selection_progress(default_referential(), [1, 2, 3, 5, 6, 7, 9, 10, 42])
    assert progress.chosen == 8 and progress.is_valid
