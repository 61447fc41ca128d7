"""Kinds and units of indicator values, and their canonical stored form.

Units are stable codes, not display text: the UI translates each code into the user's
language (for example ``Unit.PERCENT`` shows as "%" and ``Unit.HOMES`` as "logements").
Reading what users type lives in ``models.parsing``.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from enum import StrEnum


class ValueKind(StrEnum):
    """What sort of value an indicator takes."""

    NUMBER = "number"
    YES_NO = "yes_no"
    TEXT = "text"


class Unit(StrEnum):
    """Unit code of a numeric indicator value, translated by the UI."""

    PERCENT = "percent"
    EURO = "euro"
    HOMES = "homes"
    PEOPLE = "people"
    COUNT = "count"  # a plain count of things that are neither homes nor people
    DAYS = "days"


def canonical_number(value: Decimal) -> Decimal:
    """The same number without trailing zeros, exponent or negative zero."""
    if value == 0:
        return Decimal(0)
    normalized = value.normalize()
    # normalize() writes 1200 as 1.2E+3; quantizing to units brings the zeros back.
    return normalized.quantize(Decimal(1)) if normalized.as_tuple().exponent > 0 else normalized


def number_to_storage(value: Decimal) -> str:
    """Canonical text of a number for the database ("12.5", "1200")."""
    if not value.is_finite():
        raise ValueError(f"cannot store {value!r}")
    return format(canonical_number(value), "f")


def number_from_storage(text: str) -> Decimal:
    """The number stored by ``number_to_storage``."""
    try:
        value = Decimal(text)
    except InvalidOperation as error:
        raise ValueError(f"not a stored number: {text!r}") from error
    if not value.is_finite():
        raise ValueError(f"not a stored number: {text!r}")
    return canonical_number(value)
