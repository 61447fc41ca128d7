"""A listed unit's word abbreviated with its dot after a number (« 12 log. » for an indicator in
« logements ») is read as that unit, as the coop's own unit « log. » and « 12 logements » already were; the
chat and the Mini App share this parser. The abbreviation keeps its unit's rules (whole homes, never
negative, another unit refused as such), and one that names no single listed unit (« p. »: percent or
people; « hab. »; « mén. », households, no listed unit) or has no dot (« 12 log ») is still no number.

Before, « 12 log. » was refused with « Je ne reconnais pas de nombre dans « 12 log. » ».
"""

from __future__ import annotations

import pytest

from models.parsing.numbers import parse_number, unit_typed
from models.parsing.text import InputError
from models.parsing.values import parse_value
from models.values import Unit, ValueKind

NUMBER = ValueKind.NUMBER


def refused(typed: str, unit: str | None) -> str:
    with pytest.raises(InputError) as caught:
        parse_value(typed, "fr", NUMBER, unit)
    return caught.value.code


@pytest.mark.parametrize(
    ("typed", "unit", "stored"),
    [
        ("12 log.", "homes", "12"),
        ("1 200 log.", "homes", "1200"),
        ("12 Log.", "homes", "12"),
        ("12 log.!", "homes", "12"),
        ("3 jou.", "days", "3"),
        ("12,5 pourc.", "percent", "12.5"),
    ],
)
def test_a_listed_units_word_abbreviated_with_its_dot_is_read(typed, unit, stored):
    assert parse_value(typed, "fr", NUMBER, unit) == stored


def test_the_abbreviation_names_its_unit():
    assert unit_typed("12 log.") == (Unit.HOMES, "log")
    assert parse_number("12 log.", "fr", Unit.HOMES) == 12


@pytest.mark.parametrize(
    ("typed", "unit", "code"),
    [
        ("12,5 log.", "homes", "not_whole"),
        ("-3 log.", "homes", "negative"),
        ("12 log.", "percent", "unit_mismatch"),
        ("12 log.", None, "unit_not_chosen"),
        ("12 log", "homes", "not_a_number"),  # no dot: no abbreviation
        ("12 p.", "people", "not_a_number"),  # percent or people
        ("12 hab.", "people", "not_a_number"),  # no listed unit counts inhabitants
        ("12 mén.", "count", "not_a_number"),  # households: no listed unit
    ],
)
def test_an_abbreviation_keeps_its_units_rules_or_is_no_number(typed, unit, code):
    assert refused(typed, unit) == code
