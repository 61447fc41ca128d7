"""Numbers as people type them, the French or the English way ("1 234,5 %", "1,200 €").

By hand rather than with babel: babel's parse_decimal reads the French « 1.200 » as 1.2, where a
coop means one thousand two hundred; the rules below decide such cases explicitly.
"""

from __future__ import annotations

import re
from decimal import Decimal

from models.parsing.dressed import bare_value
from models.parsing.text import InputError, fold, is_french
from models.values import Unit, canonical_number

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
    **dict.fromkeys(("personne", "personnes", "pers", "people", "person", "persons"), Unit.PEOPLE),
    **dict.fromkeys(("jour", "jours", "j", "day", "days"), Unit.DAYS),
}
# Households are not people (« ménages suivis par un conseiller social »): no listed unit names them,
# so « ménages » typed as a unit stays the coop's own words; typed after a number they count things.
HOUSEHOLD_WORDS = frozenset(("menage", "menages", "foyer", "foyers", "household", "households"))
# what is counted one by one: a fraction of a home, a person or a household is a typo
WHOLE_UNITS = (Unit.HOMES, Unit.PEOPLE)
# what is counted never goes below zero; money, a percentage, a plain number and a coop's own unit may
# (a net result, a balance, « -15 % » of energy use: domain.md lets indicators be economic)
NEVER_NEGATIVE_UNITS = (*WHOLE_UNITS, Unit.DAYS)


def unit_of_word(word: str) -> Unit | None:
    """The listed unit a typed word names (« logements », « % »), or None."""
    return _UNIT_WORDS.get(fold(word))


def unit_of_abbreviation(stem: str) -> Unit | None:
    """The listed unit (households: Unit.COUNT) every word of the table that a word abbreviated with its dot
    begins with names (« log » of « log. »: homes; « men »: households); None for another, for two (« p »:
    percent or people), or for fewer than three letters not a word of the table (« l. »: litres too)."""
    folded = fold(stem)
    if unit_of_word(folded) is not None or folded in HOUSEHOLD_WORDS:
        return Unit.COUNT if folded in HOUSEHOLD_WORDS else unit_of_word(folded)
    if len(folded) < 3 or not folded.isalpha():
        return None
    named = {Unit.COUNT for word in HOUSEHOLD_WORDS if word.startswith(folded)}
    named |= {unit for word, unit in _UNIT_WORDS.items() if word.startswith(folded)}
    return named.pop() if len(named) == 1 else None


_MINUS_SIGNS = "-\u2212\u2013"  # phones sometimes turn "-" into a real minus or an en dash
_NUMBER_SHAPE = re.compile(r"(?P<lead>[^0-9]*?)(?P<body>[0-9](?:[0-9 .,]*[0-9])?)(?P<trail>[^0-9]*)")
_DIGITS = re.compile(r"[0-9]+")


def parse_number(text: str, language: str, unit: Unit | None = None) -> Decimal:
    """Read a number typed in French or English conventions, checked against its unit; emoji around it
    and a word saying it is rounded (« environ 12,5 % 🎯 ») dress it: it is read without them."""
    folded, dotted = _trimmed(text)
    if not folded:
        raise InputError("empty")
    shape = _NUMBER_SHAPE.fullmatch(folded)
    if shape is None:
        raise InputError("not_a_number", {"text": text})
    negative, typed_unit, word = _read_affixes(shape["lead"], shape["trail"], text, dotted)
    parts = _split_number(shape["body"], is_french(language))
    if parts is None:
        raise InputError("not_a_number", {"text": text})
    integer, fraction = parts
    if len(integer.lstrip("0")) > len(str(MAX_NUMBER)):  # too long for decimal's 28 digits to normalise
        raise InputError("too_large", {"value": Decimal(integer), "limit": MAX_NUMBER})
    value = canonical_number(Decimal(f"{integer}.{fraction}" if fraction else integer))

    if unit is not None and typed_unit is not None and typed_unit != unit:
        raise InputError("unit_mismatch", {"typed": typed_unit, "expected": unit})
    if negative and value != 0:
        check_not_negative(-value, unit or typed_unit, word)
        value = -value
    decimals = -value.as_tuple().exponent
    if decimals > MAX_DECIMALS:
        raise InputError("too_precise", {"decimals": decimals, "limit": MAX_DECIMALS})
    if abs(value) > MAX_NUMBER:
        raise InputError("too_large", {"value": value, "limit": MAX_NUMBER})
    # A typed "%" counts even without an expected unit: a share above 100 % is a typo.
    if (unit or typed_unit) == Unit.PERCENT and value > MAX_PERCENT:
        raise InputError("percent_over_100", {"value": value, "limit": MAX_PERCENT})
    if (unit or typed_unit) in WHOLE_UNITS or word in HOUSEHOLD_WORDS:
        check_whole(value)
    return value


def unit_typed(text: str) -> tuple[Unit | None, str]:
    """The listed unit (households: Unit.COUNT) and its word typed around a number, or (None, "") for
    none or for a text that is no number (``parse_number`` says why)."""
    affixes = _affixes_of(text)
    return (affixes[1], affixes[2]) if affixes else (None, "")


# a number first, signed or not: « 12,5 % », « 30 », « 1000 habitants », « -3 »
_LEADING_NUMBER = re.compile(rf"[{_MINUS_SIGNS}+]?\s*[0-9]")


def reads_as_number(text: str) -> bool:
    """Whether a text reads as a value, not as words: it starts with a number (« 12 jours », « 1000
    habitants ») or is one with a listed unit's word before it (« €12 »); « pour 1000 habitants », « m3 »
    and « € / 100 m² » are words."""
    return bool(_LEADING_NUMBER.match(fold(text or ""))) or _affixes_of(text) is not None


def _trimmed(text: str) -> tuple[str, bool]:
    """A typed value folded, without the dots and marks that end it (« 12 log. » → « 12 log »), and whether
    a dot ended it (an abbreviation's, after a word)."""
    folded = fold(bare_value(text or "")).rstrip(" !")
    return folded.rstrip(" .!"), folded.endswith(".")


def _affixes_of(text: str) -> tuple[bool, Unit | None, str] | None:
    """The sign, unit and word around the number a text is (``_read_affixes``), or None if it is none."""
    folded, dotted = _trimmed(text)
    shape = _NUMBER_SHAPE.fullmatch(folded)
    if shape is None:
        return None
    try:
        return _read_affixes(shape["lead"], shape["trail"], text, dotted)
    except InputError:
        return None


def check_not_negative(value: Decimal, unit: Unit | None, word: str = "") -> None:
    """A count of homes, people, households or days is never negative (« -5 logements »): refused with
    the listed unit named (households typed as a word are a plain count, named by none)."""
    if value < 0 and unit in NEVER_NEGATIVE_UNITS:
        raise InputError("negative", {"value": value, "unit": unit})
    if value < 0 and word in HOUSEHOLD_WORDS:
        raise InputError("negative", {"value": value})


def check_whole(value: Decimal, unit: str | None = None) -> None:
    """A count of homes, people or households has no decimals (« 12,5 logements » is a typo); ``unit``: a
    coop's own, for its refusal to name."""
    if value != value.to_integral_value():
        lower = int(value)
        raise InputError("not_whole", {"value": value, "lower": lower, "upper": lower + 1, "unit": unit})


def _read_affixes(lead: str, trail: str, text: str, dotted: bool) -> tuple[bool, Unit | None, str]:
    """The sign, the unit and the word typed around a number ("-€", " %", " logements"...); households
    are counted as things (Unit.COUNT), never as people. A word after it ``dotted`` may abbreviate a
    listed unit's (« 12 log. »: homes, as a coop's own unit « log. » is read), never households'."""
    signs = [char for char in lead if char in _MINUS_SIGNS + "+"]
    lead_word = "".join(char for char in lead if char not in _MINUS_SIGNS + "+").strip()
    trail_word = trail.strip()
    if len(signs) > 1 or (lead_word and trail_word):
        raise InputError("not_a_number", {"text": text})
    word = lead_word or trail_word
    short = unit_of_abbreviation(word) if dotted and trail_word and word not in _UNIT_WORDS else None
    if word in HOUSEHOLD_WORDS:
        typed_unit = Unit.COUNT
    elif short not in (None, Unit.COUNT):
        typed_unit = short
    elif word and word not in _UNIT_WORDS:
        raise InputError("not_a_number", {"text": text})
    else:
        typed_unit = _UNIT_WORDS.get(word)
    negative = bool(signs) and signs[0] in _MINUS_SIGNS
    return negative, typed_unit, word


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
