"""An indicator's value as typed: a number in its unit, yes or no, or a short milestone text.

A unit is one of the listed ones (stored as its code) or words a coop typed (« jours ouvrés »,
stored as typed): a number of such a unit may be typed with those words after it.
"""

from __future__ import annotations

import re

from models.parsing.numbers import (
    HOUSEHOLD_WORDS,
    NEVER_NEGATIVE_UNITS,
    WHOLE_UNITS,
    check_whole,
    parse_number,
    reads_as_number,
    unit_of_word,
    unit_typed,
)
from models.parsing.text import InputError, check_text, fold, one_line, parse_yes_no
from models.values import Unit, ValueKind, number_to_storage

MILESTONE_MAX = 200
UNIT_MAX = 20  # the indicator's unit column


def listed_unit(unit: str | None) -> Unit | None:
    """A stored unit as one of the listed units; None for none, or for words a coop typed."""
    try:
        return Unit(unit) if unit else None
    except ValueError:
        return None


# a number of its own in a unit, not glued to a letter (« CO2 », « m3 », and « m² » has no decimal digit):
# the unit counts per that many things (« pour 1000 habitants », « € / 100 m² »)
_NUMBER_IN_UNIT = re.compile(r"(?<![^\W\d_])\d")


def parse_unit(text: str) -> str:
    """A unit typed by a coop: the listed unit its word names (« jours »), else the words as typed, on
    one line; one that reads as a value (« 12,5 % », « 30 », « 1000 habitants ») is refused, the value
    typed at the unit's question, while words may hold a number (« pour 1000 habitants »)."""
    typed = one_line(check_text(text, max_length=UNIT_MAX))
    if reads_as_number(typed):
        raise InputError("number_as_unit")
    known = unit_of_word(typed)
    return known.value if known is not None else typed


_TRAILING_WORD = re.compile(r"(?P<number>.*\d)\s*(?P<word>[^\d\s]+)")


def without_unit(text: str, unit: str) -> str:
    """A typed number without the coop's own unit after it (« 12 jours ouvrés », « 12 pour 1 000
    habitants » → « 12 »), or its first word shortened (« 12 h », « 12 heures » for « heures de
    formation »)."""
    folded, word = fold(text).rstrip(" .!"), fold(unit)
    typed_with_unit = re.fullmatch(rf"(?P<number>.*?\S)\s*{_spelled_loosely(word)}", folded) if word else None
    if typed_with_unit:
        return typed_with_unit["number"]
    found = _TRAILING_WORD.fullmatch(folded)
    first = word.split()[0] if word else ""
    if found and first.isalpha() and first.startswith(found["word"]):
        return found["number"]
    return text


def _spelled_loosely(unit: str) -> str:
    """A pattern for a folded unit however spaced, its own number grouped or not (« pour 1 000 hab »,
    « pour 1000 hab », « €/100 m2 »): the typed value before it is what is left."""
    chars = [char for char in re.sub(r"(?<=\d)[\s.,](?=\d)", "", unit) if not char.isspace()]
    pattern = ""
    for before, char in zip(["", *chars], chars, strict=False):
        pattern += (r"[\s.,]?" if before.isdigit() and char.isdigit() else r"\s*") + re.escape(char)
    return pattern


def check_own_unit(text: str, unit: str) -> None:
    """A number typed with another unit than the coop's own (« 12,5 % » for « jours ouvrés ») is
    refused, not stored in the wrong unit; a word of their own unit (« 12 jours ») is theirs."""
    typed, word = unit_typed(text)
    if typed is None:
        return
    own = fold(unit).split()
    if (
        word in own
        or typed in {unit_of_word(w) for w in own}
        or (typed == Unit.COUNT and HOUSEHOLD_WORDS & set(own))
    ):
        return
    raise InputError("own_unit_mismatch", {"typed": typed, "unit": unit})


def counted_whole(unit: str) -> bool:
    """Whether a coop's own unit counts homes, people or households, by its first word (« ménages
    suivis », « foyers accompagnés », « logements BRS », « personnes formées »): one by one."""
    return _counts(unit, WHOLE_UNITS)


def never_negative(unit: str) -> bool:
    """Whether a coop's own unit counts what cannot go below zero: homes, people, households or days
    (« jours ouvrés »); « tonnes de CO2 », « k€ » or « points » may (a change, a balance)."""
    return _counts(unit, NEVER_NEGATIVE_UNITS)


def _counts(unit: str, units: tuple[Unit, ...]) -> bool:
    """Whether a coop's own unit's first word is households or names one of these listed units."""
    if _NUMBER_IN_UNIT.search(unit):  # « logements pour 1000 habitants » is a rate: 2,5 is one
        return False
    words = fold(unit).split()
    first = words[0] if words else ""
    return first in HOUSEHOLD_WORDS or unit_of_word(first) in units


def parse_value(text: str, language: str, kind: str | None, unit: str | None) -> str:
    """The stored form of a typed value of an indicator of this kind and unit; InputError if wrong."""
    if kind == ValueKind.NUMBER:
        listed = listed_unit(unit)
        if unit and listed is None:
            text = without_unit(text, unit)
            check_own_unit(text, unit)
        value = parse_number(text, language, listed)
        if unit and listed is None and value < 0 and never_negative(unit):  # « -3 ménages suivis »
            raise InputError("negative", {"value": value, "unit": unit})
        if unit and listed is None and counted_whole(unit):  # « ménages suivis », « logements BRS »
            check_whole(value)
        return number_to_storage(value)
    if kind == ValueKind.YES_NO:
        return "yes" if parse_yes_no(text, language) else "no"
    return check_text(text, max_length=MILESTONE_MAX)


def reread_value(typed: str, kind: str, unit: str | None) -> str | None:
    """A value typed before its indicator had a kind, read again in the kind now chosen; None if it
    does not fit (« beaucoup » for a number) or reads two ways (« 1,200 »: 1.2 in French, 1200 in
    English), since a guess is never stored."""
    readings = set()
    for language in ("fr", "en"):
        try:
            readings.add(parse_value(typed, language, kind, unit))
        except InputError:
            continue
    return readings.pop() if len(readings) == 1 else None
