"""An indicator's value as typed: a number in its unit, yes or no, or a short milestone text.

A unit is one of the listed ones (stored as its code) or words a coop typed (« jours ouvrés »,
stored as typed): a number of such a unit may be typed with those words after it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from models.parsing.dressed import bare_value
from models.parsing.numbers import (
    HOUSEHOLD_WORDS,
    NEVER_NEGATIVE_UNITS,
    WHOLE_UNITS,
    check_whole,
    parse_number,
    reads_as_number,
    unit_of_abbreviation,
    unit_of_word,
    unit_typed,
)
from models.parsing.text import InputError, check_text, fold, one_line, parse_yes_no
from models.values import Unit, ValueKind, number_from_storage, number_to_storage

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


# what a listed unit is called at its question, never typed after a number (« 12 nombre » is no value): the
# plain number's own button « nombre » typed instead of pressed, a percentage named in words
_UNIT_NAMES = {
    **dict.fromkeys(("nombre", "nombres", "un nombre", "number", "numbers", "a number"), Unit.COUNT),
    **dict.fromkeys(
        ("pourcentage", "pourcentages", "un pourcentage", "percentage", "a percentage"), Unit.PERCENT
    ),
}


def parse_unit(text: str, stored: str | None = None) -> str:
    """A unit typed by a coop: the listed unit its word or its name names (« jours », « nombre »), else the
    words as typed, on one line; one that reads as a value (« 12,5 % », « 30 », « 1000 habitants ») is
    refused, the value typed at the unit's question, while words may hold a number (« pour 1000 hab. »).
    The unit ``stored`` already, typed again however spelt (« Working days. »), is that one as stored."""
    typed = one_line(check_text(text, max_length=UNIT_MAX))
    if reads_as_number(typed):
        raise InputError("number_as_unit")
    known = unit_of_word(typed) or _UNIT_NAMES.get(fold(typed).rstrip(" .!"))
    unit = known.value if known is not None else typed
    # a phone's capital is no new unit: the values typed in it stay, the spelling first chosen too
    return stored if stored and same_unit(stored, unit) else unit


def same_unit(one: str, other: str) -> bool:
    """Whether two units are the same words, whatever their capitals, accents, spaces or final dot."""
    return fold(one).rstrip(" .!") == fold(other).rstrip(" .!")


_TRAILING_WORD = re.compile(r"(?P<number>.*\d)\s*(?P<word>[^\d\s]+)")


def without_unit(text: str, unit: str) -> str:
    """A typed number without the coop's own unit after it (« 12 jours ouvrés », « 12 pour 1 000
    habitants » → « 12 »), or its first word shortened (« 12 h », « 12 heures » for « heures de
    formation ») or, abbreviated with a dot, in full (« 12 logements » for « log. »). The unit's dots
    are optional, its last one too: « 12 log. », the question's own example, is read as « 12 log »."""
    folded, word = fold(text).rstrip(" .!"), fold(unit).rstrip(" .!")
    typed_with_unit = re.fullmatch(rf"(?P<number>.*?\S)\s*{_spelled_loosely(word)}", folded) if word else None
    if typed_with_unit:
        return typed_with_unit["number"]
    found = _TRAILING_WORD.fullmatch(folded)
    first = fold(unit).split()[0] if word else ""
    short = first.rstrip(".")  # « log. »: an abbreviation, of « logements »
    if found and short.isalpha() and (short.startswith(found["word"]) or _abbreviates(first, found["word"])):
        return found["number"]
    return text


def _abbreviates(own: str, typed: str) -> bool:
    """Whether a word of the coop's own unit is an abbreviation with its dot (« hab. ») of a word typed
    in full (« habitants »)."""
    return own.endswith(".") and typed.startswith(own.rstrip("."))


def _spelled_loosely(unit: str) -> str:
    """A pattern for a folded unit however spaced, its own number grouped or not (« pour 1 000 hab »,
    « pour 1000 hab », « €/100 m2 »), its abbreviations' dots typed or not (« hab. », « hab »): the
    typed value before it is what is left."""
    chars = [char for char in re.sub(r"(?<=\d)[\s.,](?=\d)", "", unit) if not char.isspace()]
    pattern = ""
    for before, char in zip(["", *chars], chars, strict=False):
        pattern += (r"[\s.,]?" if before.isdigit() and char.isdigit() else r"\s*") + re.escape(char)
        pattern += "?" if char == "." else ""
    return pattern


def check_own_unit(text: str, unit: str) -> None:
    """A number typed with another unit than the coop's own (« 12,5 % » for « jours ouvrés ») is
    refused, not stored in the wrong unit; a word of their own unit (« 12 jours », « 12 pers » or « 12
    personnes » for « pers. ») is theirs."""
    typed, word = unit_typed(text)
    if typed is None:
        return
    own = fold(unit).split()
    bare = [w.rstrip(".") for w in own]
    if (
        word in bare
        or any(_abbreviates(w, word) for w in own)
        or typed in {unit_of_word(w) for w in bare}
        or (typed == Unit.COUNT and HOUSEHOLD_WORDS & set(bare))
    ):
        return
    raise InputError("own_unit_mismatch", {"typed": typed, "unit": unit})


def counted_whole(unit: str) -> bool:
    """Whether a coop's own unit counts homes, people or households, by its first word (« ménages
    suivis », « foyers accompagnés », « logements BRS », « personnes formées », « log. »): one by one."""
    return counted_by(unit) in (*WHOLE_UNITS, Unit.COUNT)


def never_negative(unit: str) -> bool:
    """Whether a coop's own unit counts what cannot go below zero: homes, people, households or days
    (« jours ouvrés »); « tonnes de CO2 », « k€ » or « points » may (a change, a balance)."""
    return counted_by(unit) in (*NEVER_NEGATIVE_UNITS, Unit.COUNT)


def counted_by(unit: str) -> Unit | None:
    """What a coop's own unit counts by its first word: the listed unit it names, households as Unit.COUNT,
    in full (« logements BRS ») or abbreviated with its dot (« log. », « pers. », « mén. »: the word it
    stands for, as a number typed with it reads it); None for a rate (« logements pour 1000 habitants »:
    2,5 is one) or another word (« tonnes », « hab. »: no listed unit counts inhabitants)."""
    if _NUMBER_IN_UNIT.search(unit):
        return None
    words = fold(unit).split()
    first = words[0] if words else ""
    if first.endswith("."):
        return unit_of_abbreviation(first.rstrip("."))
    return Unit.COUNT if first in HOUSEHOLD_WORDS else unit_of_word(first)


def abbreviated_count(unit: str) -> Unit | None:
    """What a coop's own unit abbreviated with its dot counts (« log. »: homes), for its refusals to say;
    None for a unit written in full, or one that counts nothing."""
    words = fold(unit).split()
    return counted_by(unit) if words and words[0].endswith(".") else None


def counted_one_by_one(indicator) -> bool:
    """Whether an indicator counts things one by one: a plain number the referential suggests (passages
    to ownership, meetings, households followed, vehicles…). A coop's own « nombre » may be an average or
    a balance, so it is not. ``indicator`` has ``unit`` and ``suggested_code`` (a row or a view)."""
    return indicator.unit == Unit.COUNT and bool(indicator.suggested_code)


def parse_indicator_value(text: str, language: str, indicator, *, unit_open: bool = True) -> str:
    """The stored form of a value typed for this indicator (``parse_value`` in its kind and unit)."""
    kind, unit, counted = indicator.value_kind, indicator.unit, counted_one_by_one(indicator)
    return parse_value(text, language, kind, unit, unit_open=unit_open, counted=counted)


def parse_value(
    text: str,
    language: str,
    kind: str | None,
    unit: str | None,
    *,
    unit_open: bool = True,
    counted: bool = False,
) -> str:
    """The stored form of a typed value of an indicator of this kind and unit; InputError if wrong.
    ``unit_open``: a unit may still be chosen (the dossier is edited), said to a number typed with a unit
    the indicator has not; at the follow-up, its frozen dossier's unit cannot be: the number alone asked.
    ``counted``: a plain number counted one by one (``counted_one_by_one``): whole, never negative."""
    if kind == ValueKind.NUMBER:
        listed = listed_unit(unit)
        if unit and listed is None:  # « 12 jours ouvrés 🎯 »: their unit is last once what dresses it is off
            text = without_unit(bare_value(text), unit)
            check_own_unit(text, unit)
        value = parse_number(text, language, listed)  # first: « -5 logements » is never a count
        if counted:  # what is counted one by one: « -3 passages », « 12,5 passages » are typos
            if value < 0:
                raise InputError("negative", {"value": value})
            check_whole(value)
        if not unit and (typed := typed_unit(text)):  # never dropped: « 12,5 % » is not « 12,5 »
            raise InputError("unit_not_chosen", {"unit": typed}) if unit_open else InputError("unit_not_open")
        if unit and listed is None and value < 0 and never_negative(unit):  # « -3 ménages suivis »
            raise InputError("negative", {"value": value, "unit": unit})
        if unit and listed is None and counted_whole(unit):  # « ménages suivis », « logements BRS »
            check_whole(value, unit)
        return number_to_storage(value)
    if kind == ValueKind.YES_NO:
        return "yes" if parse_yes_no(text, language) else "no"
    return check_text(text, max_length=MILESTONE_MAX)


def typed_unit(text: str) -> str | None:
    """The unit a number was typed with, as an indicator's unit is stored: a listed unit's code
    (« 12,5 % » → percent), households in the words typed (« 30 ménages » → « ménages »); None."""
    typed, word = unit_typed(text)
    if typed is None:
        return None
    if typed != Unit.COUNT:
        return typed.value
    return next((w for w in re.findall(r"[^\W\d_]+", text) if fold(w) == word), word)


def unit_typed_with(values: Iterable[str | None]) -> str | None:
    """The one unit values typed before their indicator had one were typed with (« 12,5 % » and « 30 »:
    percent), to become its unit rather than be dropped; None for none, or for two (« 12 % », « 30 € »)."""
    units = {typed_unit(value) for value in values if value} - {None}
    return units.pop() if len(units) == 1 else None


def reread_value(typed: str, kind: str, unit: str | None) -> str | None:
    """A value typed before its indicator had a kind, read again in the kind now chosen; None if it does
    not fit (« beaucoup » for a number) or reads two ways (« 1,200 »: 1.2 in French, 1200 in English),
    since a guess is never stored."""
    readings = set()
    for language in ("fr", "en"):
        try:
            readings.add(parse_value(typed, language, kind, unit))
        except InputError:
            continue
    return readings.pop() if len(readings) == 1 else None


def stored_in_unit(stored: str, unit: str) -> str | None:
    """A number stored before its indicator had a unit, in the unit now chosen: kept if it fits it, None
    if not (150 for a share, 2.5 homes): the unit never labels a value it cannot be. Its stored form is
    read as stored (« 1.234 » is not 1234); older data stored as typed, as ``reread_value`` reads it."""
    try:
        canonical = number_to_storage(number_from_storage(stored)) == stored
    except ValueError:
        canonical = False
    if not canonical:
        return reread_value(stored, ValueKind.NUMBER, unit)
    try:
        return parse_value(stored, "en", ValueKind.NUMBER, unit)
    except InputError:
        return None


def unfit_for_unit(stored: str | None, unit: str) -> bool:
    """Whether a value stored before its indicator had a unit is cleared when ``unit`` becomes its first
    (``stored_in_unit`` has no form of it in that unit: 150 for a share): what the domain drops, and what
    the chat and the Mini App say a first unit clears."""
    return stored not in (None, "") and stored_in_unit(stored, unit) is None


# what a new kind or unit clears of an indicator's values: the rule ``dossier.indicators.update_indicator``
# applies, which the chat's buttons and the Mini App check against what their screen showed
STORED_VALUES = ("current_value", "target_value")
KIND_CLEARS = ("unit", *STORED_VALUES)  # a kind other than a number drops the unit too


def unit_clears(indicator, unit: str) -> tuple[str, ...]:
    """What choosing ``unit`` clears: nothing for the one it has; the values for another; for a number's
    first unit, the values that do not fit it (``unfit_for_unit``: 150 for a share). Compared as the
    domain compares it, exactly: a unit typed is read with the one stored (``parse_unit``), so that the
    same one spelt otherwise arrives as stored and clears nothing."""
    if indicator.unit == unit:
        return ()
    if indicator.unit is not None:
        return STORED_VALUES
    if indicator.value_kind != ValueKind.NUMBER:
        return ()
    return tuple(name for name in STORED_VALUES if unfit_for_unit(getattr(indicator, name), unit))


def kind_clears(indicator, kind: str) -> tuple[str, ...]:
    """What choosing ``kind`` may clear: nothing for the kind it has; else its values, and its unit for a
    kind other than a number (values typed before any kind are read again: those that fit stay)."""
    if kind == indicator.value_kind:
        return ()
    return tuple(name for name in KIND_CLEARS if name != "unit" or kind != ValueKind.NUMBER)
