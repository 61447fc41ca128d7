"""Kinds and units of indicator values, and parsing of the values users type.

Units are stable codes, not display text: the UI translates each code into the user's
language (for example ``Unit.PERCENT`` shows as "%" and ``Unit.HOMES`` as "logements").

Parsers raise ``InputError`` with a machine ``code`` and ``params``; the UI turns the
code into a friendly message, so the exception text itself is English, for logs only.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any


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


class InputError(ValueError):
    """Something a user typed that cannot be accepted, as a code the UI translates."""

    def __init__(self, code: str, params: dict[str, Any] | None = None) -> None:
        self.code = code
        self.params: dict[str, Any] = dict(params or {})
        super().__init__(f"{code}: {self.params}" if self.params else code)


def fold(text: str) -> str:
    """Lower-case, accent-free, single-spaced form of typed text, for lenient matching."""
    # NFKD also turns NBSP, narrow NBSP and thin spaces into plain spaces.
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.lower().split())


def is_french(language: str) -> bool:
    """Whether a language code ("fr", "fr-FR", "en"...) means French conventions."""
    return language.lower().startswith("fr")


# --- Numbers ---------------------------------------------------------------------------

MAX_NUMBER = Decimal(10) ** 12
MAX_PERCENT = Decimal(100)
MAX_DECIMALS = 4

# Folded spellings of the units people type next to a number.
_UNIT_WORDS: dict[str, Unit] = {
    **dict.fromkeys(("%", "pourcent", "pourcents", "pour cent", "percent", "per cent"), Unit.PERCENT),
    **dict.fromkeys(("€", "eur", "euro", "euros"), Unit.EURO),
    **dict.fromkeys(
        ("logement", "logements", "lgt", "lgts", "home", "homes", "dwelling", "dwellings"),
        Unit.HOMES,
    ),
    **dict.fromkeys(
        (
            "personne",
            "personnes",
            "pers",
            "people",
            "person",
            "persons",
            "menage",
            "menages",
            "household",
            "households",
        ),
        Unit.PEOPLE,
    ),
    **dict.fromkeys(("jour", "jours", "j", "day", "days"), Unit.DAYS),
}

_MINUS_SIGNS = "-\u2212\u2013"  # phones sometimes turn "-" into a real minus or an en dash
_NUMBER_SHAPE = re.compile(r"(?P<lead>[^0-9]*?)(?P<body>[0-9](?:[0-9 .,]*[0-9])?)(?P<trail>[^0-9]*)")
_DIGITS = re.compile(r"[0-9]+")


def parse_number(text: str, language: str, unit: Unit | None = None) -> Decimal:
    """Read a number typed in French or English conventions, checked against its unit."""
    folded = fold(text or "").rstrip(" .!")
    if not folded:
        raise InputError("empty")
    shape = _NUMBER_SHAPE.fullmatch(folded)
    if shape is None:
        raise InputError("not_a_number", {"text": text})
    negative, typed_unit = _read_affixes(shape["lead"], shape["trail"], text)
    parts = _split_number(shape["body"], is_french(language))
    if parts is None:
        raise InputError("not_a_number", {"text": text})
    integer, fraction = parts
    value = canonical_number(Decimal(f"{integer}.{fraction}" if fraction else integer))

    if unit is not None and typed_unit is not None and typed_unit != unit:
        raise InputError("unit_mismatch", {"typed": typed_unit, "expected": unit})
    if negative and value != 0:
        raise InputError("negative", {"value": -value})
    decimals = -value.as_tuple().exponent
    if decimals > MAX_DECIMALS:
        raise InputError("too_precise", {"decimals": decimals, "limit": MAX_DECIMALS})
    if value > MAX_NUMBER:
        raise InputError("too_large", {"value": value, "limit": MAX_NUMBER})
    # A typed "%" counts even without an expected unit: a share above 100 % is a typo.
    if (unit or typed_unit) == Unit.PERCENT and value > MAX_PERCENT:
        raise InputError("percent_over_100", {"value": value, "limit": MAX_PERCENT})
    return value


def _read_affixes(lead: str, trail: str, text: str) -> tuple[bool, Unit | None]:
    """The sign and the unit typed around a number ("-€", " %", " logements"...)."""
    signs = [char for char in lead if char in _MINUS_SIGNS + "+"]
    lead_word = "".join(char for char in lead if char not in _MINUS_SIGNS + "+").strip()
    trail_word = trail.strip()
    if len(signs) > 1 or (lead_word and trail_word):
        raise InputError("not_a_number", {"text": text})
    word = lead_word or trail_word
    if word and word not in _UNIT_WORDS:
        raise InputError("not_a_number", {"text": text})
    negative = bool(signs) and signs[0] in _MINUS_SIGNS
    return negative, _UNIT_WORDS.get(word)


def _split_number(body: str, french: bool) -> tuple[str, str] | None:
    """Integer and fraction digits of a number's body, or None if it is malformed."""
    mark, other = (",", ".") if french else (".", ",")
    if body.count(mark) > 1:
        return None
    if mark in body:
        integer, fraction = body.split(mark)
        separators = " " + other
    elif body.count(other) == 1 and _other_mark_is_decimal(*body.split(other)):
        # On phones people type "12.5" in French and "12,5" in English.
        integer, fraction = body.split(other)
        separators = " "
    else:
        integer, fraction = body, ""
        separators = " " + other
    if fraction and not _DIGITS.fullmatch(fraction):
        return None
    digits = _join_thousands(integer, separators)
    return None if digits is None else (digits, fraction)


def _other_mark_is_decimal(before: str, after: str) -> bool:
    """Whether the single "other" mark reads as a decimal rather than thousands mark."""
    # Exactly three digits after it means thousands ("1.200"), except after a lone zero.
    return len(after) != 3 or before == "0"


def _join_thousands(integer: str, separators: str) -> str | None:
    """The digits of an integer part grouped by one kind of thousands separator."""
    used = {char for char in integer if char in separators}
    if not used:
        return integer if _DIGITS.fullmatch(integer) else None
    if len(used) > 1:
        return None
    groups = integer.split(used.pop())
    if not 1 <= len(groups[0]) <= 3 or any(len(group) != 3 for group in groups[1:]):
        return None
    if not all(_DIGITS.fullmatch(group) for group in groups):
        return None
    return "".join(groups)


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


# --- Yes / no --------------------------------------------------------------------------

_YES = frozenset({"oui", "o", "yes", "y", "vrai", "true", "1"})
_NO = frozenset({"non", "n", "no", "faux", "false", "0"})


def parse_yes_no(text: str, language: str) -> bool:
    """Read a yes/no answer; French and English words are accepted in both languages."""
    word = fold(text or "").rstrip(" .!?…")
    if word in _YES:
        return True
    if word in _NO:
        return False
    if not word:
        raise InputError("empty")
    raise InputError("not_yes_no", {"text": text})


# --- Free text -------------------------------------------------------------------------


def check_text(text: str | None, *, max_length: int = 3000, min_length: int = 1) -> str:
    """The stripped text, if it is neither empty nor too long (inner newlines kept)."""
    stripped = (text or "").strip()
    if not stripped:
        raise InputError("empty")
    if len(stripped) < min_length:
        raise InputError("too_short", {"length": len(stripped), "limit": min_length})
    if len(stripped) > max_length:
        raise InputError("too_long", {"length": len(stripped), "limit": max_length})
    return stripped
