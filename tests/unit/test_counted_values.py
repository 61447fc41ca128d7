"""Which indicators count one by one: a plain number the referential suggests, not a coop's own
« nombre » (an average, a balance) nor a suggested share; the same at the follow-up, whose unit is frozen."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from models.parsing.text import InputError
from models.parsing.values import counted_one_by_one, parse_indicator_value
from models.values import Unit, ValueKind

SUGGESTED_COUNT = SimpleNamespace(value_kind=ValueKind.NUMBER, unit=Unit.COUNT, suggested_code="3a")
OWN_COUNT = SimpleNamespace(value_kind=ValueKind.NUMBER, unit=Unit.COUNT, suggested_code=None)
SUGGESTED_SHARE = SimpleNamespace(value_kind=ValueKind.NUMBER, unit=Unit.PERCENT, suggested_code="1a")


def test_only_the_referential_s_plain_numbers_count_one_by_one():
    assert counted_one_by_one(SUGGESTED_COUNT)
    assert not counted_one_by_one(OWN_COUNT) and not counted_one_by_one(SUGGESTED_SHARE)


@pytest.mark.parametrize("unit_open", [True, False])
@pytest.mark.parametrize(("typed", "code"), [("12,5", "not_whole"), ("-3", "negative"), ("0,5", "not_whole")])
def test_a_count_of_the_referential_refuses_a_fraction_and_a_negative(typed, code, unit_open):
    with pytest.raises(InputError) as caught:
        parse_indicator_value(typed, "fr", SUGGESTED_COUNT, unit_open=unit_open)
    assert caught.value.code == code


@pytest.mark.parametrize(
    ("indicator", "typed", "stored"),
    [(SUGGESTED_COUNT, "12", "12"), (SUGGESTED_COUNT, "1 200", "1200"), (SUGGESTED_COUNT, "0", "0"),
     (OWN_COUNT, "12,5", "12.5"), (OWN_COUNT, "-3", "-3"), (SUGGESTED_SHARE, "12,5 %", "12.5")],
)  # fmt: skip
def test_whole_counts_own_numbers_and_shares_are_taken(indicator, typed, stored):
    assert parse_indicator_value(typed, "fr", indicator) == stored
