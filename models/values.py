"""Kinds and units of indicator values.

Units are stable codes, not display text: the UI translates each code into the user's
language (for example ``Unit.PERCENT`` shows as "%" and ``Unit.HOMES`` as "logements").
"""

from __future__ import annotations

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
