"""Names as a person reads them: coops, indicators' titles, a ballot's choices, compared, found and sorted
alike whatever their case, accents, apostrophes, dashes and dress (never stored: the typed name is kept,
cleaned only of what cannot be seen, ``clean_name``)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from models.parsing.text import clean_text
from models.tables.base import ROW_ID_MAX

if TYPE_CHECKING:
    from models.tables import Coop

SUGGESTED = 8  # coops named for a part of a name, at most (more: the list is the way)


# one apostrophe and one hyphen however typed: ’ (French keyboards, phones), ‘ ʼ ´ `; ‐ ‑ – — −
_SAME_SIGNS = str.maketrans(dict.fromkeys("’‘ʼ´`", "'") | dict.fromkeys("‐‑‒–—−", "-"))
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae"})


def clean_name(text: str) -> str:
    """A name as it is stored: a typed text's cleaning (no control character: an escape sequence cleared
    the operator's terminal at each list), on one line, without the invisible formats (a zero-width space, a
    soft hyphen, a right-to-left override) but the joiner of emoji: names alike to the eye are alike."""
    kept = "".join(c for c in clean_text(text) if unicodedata.category(c) != "Cf" or c == "\u200d")
    return " ".join(kept.split())


def name_key(name: str) -> str:
    """A name as a person compares it: any case (Unicode's, « É » as « é »), accents composed or not,
    compatibility forms (« ﬁ », full-width letters) as plain ones, single-spaced, one apostrophe."""
    signs = name.translate(_SAME_SIGNS)  # first: NFKD would make « ´ » a space and an accent
    return " ".join(unicodedata.normalize("NFKC", unicodedata.normalize("NFKD", signs).casefold()).split())


# what a loose key reads as a space between words: a hyphen or a dash (one sign after ``name_key``) but a
# minus (« -5 % » is no « 5 % »), an apostrophe (« L’ Abri » is « L’Abri »); and what it reads a name
# without, around its words: quotes, a final dot, an emoji (« « Zeta » », « Coop du Lac. », « 🏠 Maison »),
# not a sign that says something (« A+ », « -5 % »)
_WORD_BREAKS = re.compile(r"'|-(?!\d)")
_DRESS = re.compile(r"^[^\w%+€$-]+|[^\w%+€$]+$")


@lru_cache(maxsize=4096)  # titles told apart in every gap list, names compared at every miss of /export
def loose_name_key(name: str) -> str:
    """The same name to a person, loosely (coops, indicators' titles, a ballot's choices; never stored):
    without accents nor ligatures (« ELAN », « Coeur » for « Élan », « Cœur »), a hyphen, a dash or an
    apostrophe as a space, nor its dress; a name of nothing but dress keeps it (« 🏠 » is no « 🌳 »)."""
    decomposed = unicodedata.normalize("NFKD", name_key(name)).translate(_LIGATURES)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _DRESS.sub("", " ".join(_WORD_BREAKS.sub(" ", bare).split())) or bare


def names_matching(name: str, named: Iterable[tuple[int, str]]) -> list[int]:
    """The ids whose name is this one as a person reads it (``name_key``); else, only then, those that
    differ by accents or dress alone (``loose_name_key``): « Élan » and « Elan » both kept apart if both
    exist. A part of a name matches none (a guess could pick another coop)."""
    named = list(named)
    key, loose = name_key(name), loose_name_key(name)
    same = [id_ for id_, other in named if name_key(other) == key]
    return same or [id_ for id_, other in named if loose_name_key(other) == loose]


def name_order(name: str) -> tuple[str, str]:
    """Where a name goes in a list, as a person reads it: from its first letter (« 🏠 Maison » among the M),
    case and accents ignored (« élan habitat », « Élan » and « Elan » among the E, « L’Abri » among the L),
    then accents; in Python, the same on SQLite and PostgreSQL (their ORDER BY compares code points)."""
    return loose_name_key(name), name_key(name)


def in_reading_order(texts: Iterable[str]) -> list[str]:
    """Texts (comments, reasons) as a reader looks for them (``name_order``), two alike but for their case
    by their text: the order never tells who wrote them nor when."""
    return sorted(texts, key=lambda text: (*name_order(text), text))


def reading_order(coop: Coop) -> tuple[str, str, int]:
    """Where a coop's name goes in a list (``name_order``), then its number."""
    return (*name_order(coop.name), coop.id)


def coop_number(reference: str) -> int | None:
    """The number a reference gives a coop by (« 12 », « #12 » as `qualicoop coop list` shows it), if
    it is one: a bare number means coop #12 before a coop named « 12 » (``coops_meant`` lists it first)."""
    number = " ".join(reference.split()).removeprefix("#")
    # « ² » or « ١٢ » are digits to isdigit(); a number beyond any id is a name no coop has
    return int(number) if number.isascii() and number.isdigit() and int(number) <= ROW_ID_MAX else None


def names_holding(name: str, named: Iterable[tuple[int, str]]) -> list[int]:
    """The ids whose name holds each word typed at the start of one of its words, as a person reads
    names (``loose_name_key``): « alpha », « hab alpha » for « Alpha Habitat ». Suggestions to choose
    from by number, never a guess (``names_matching`` finds none for a part of a name)."""
    words = loose_name_key(name).split()
    if not words:
        return []
    held = []
    for id_, other in named:
        theirs = loose_name_key(other).split()
        if all(any(word.startswith(typed) for word in theirs) for typed in words):
            held.append(id_)
    return held
