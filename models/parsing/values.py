"""An indicator's value as typed: a number in its unit, yes or no, or a short milestone text."""

from __future__ import annotations

from models.parsing.numbers import parse_number
from models.parsing.text import check_text, parse_yes_no
from models.values import Unit, ValueKind, number_to_storage

MILESTONE_MAX = 200


def parse_value(text: str, language: str, kind: str | None, unit: str | None) -> str:
    """The stored form of a typed value of an indicator of this kind and unit; InputError if wrong."""
    if kind == ValueKind.NUMBER:
        return number_to_storage(parse_number(text, language, Unit(unit) if unit else None))
    if kind == ValueKind.YES_NO:
        return "yes" if parse_yes_no(text, language) else "no"
    return check_text(text, max_length=MILESTONE_MAX)
