"""A consultation's shares, whole per cent rounded half up, never say all or none when it is not so
(as the dashboard never rounds up to its aim): close to either end, one decimal toward the middle."""

from __future__ import annotations

from conversations.render.commitments.consultations import percent
from locales import translator

FR, EN = translator("fr"), translator("en")


def test_short_of_all_is_not_one_hundred_per_cent():
    assert percent(FR, 199, 200) == "99,5\u00a0%"
    assert percent(FR, 1999, 2000) == "99,9\u00a0%"
    assert percent(FR, 199_999, 200_000) == "99,9\u00a0%"
    assert percent(FR, 200, 200) == "100\u00a0%"
    assert percent(EN, 199, 200) == "99.5%"


def test_above_none_is_not_zero_per_cent():
    assert percent(FR, 1, 201) == "0,5\u00a0%"
    assert percent(FR, 1, 200_000) == "0,1\u00a0%"
    assert percent(FR, 0, 201) == "0\u00a0%" and percent(FR, 0, 0) == "0\u00a0%"


def test_the_rest_is_whole_per_cent_half_up():
    assert percent(FR, 1, 8) == "13\u00a0%" and percent(FR, 2, 5) == "40\u00a0%"
    assert percent(FR, 197, 200) == "99\u00a0%" and percent(FR, 1, 100) == "1\u00a0%"
