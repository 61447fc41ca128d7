"""French elision and contraction before a name put into a sentence.

A catalog writes « membre de {coop} »; the coop may be « Aiguillon Construction » or « Le Toit
Familial », and French then reads « membre d’Aiguillon Construction », « membre du Toit Familial »,
« au Toit Familial », « qu’Aiguillon ». The translator's messages are ``ElidedMessage``: their
``format`` joins the word before a placeholder to the value put in it, and nothing else (a user's
own text is never touched, nor a message built otherwise).
"""

from __future__ import annotations

import re

# « de », « à », « que » (capitalised or not) right before a plain named placeholder
_BEFORE_A_NAME = re.compile(r"(?<![\w’'])(de|De|à|À|que|Que) \{([A-Za-z_]\w*)\}")
_VOWELS = frozenset("AEIOUÀÂÄÉÈÊËÎÏÔÖÙÛÜŒÆaeiouàâäéèêëîïôöùûüœæ")
# « de Le Toit » → « du Toit »; « à Les Castors » → « aux Castors » (« La » and « L’ » stay)
_ARTICLES = {("de", "Le "): "du", ("de", "Les "): "des", ("à", "Le "): "au", ("à", "Les "): "aux"}


def _starts_with_a_vowel(value: str) -> bool:
    """« Aiguillon », « Habitat » no (an h may be aspirated), « Yves » yes, « Yann » no (a semi-vowel)."""
    if value[:1] in _VOWELS:
        return True
    return value[:1] in "Yy" and value[1:2] != "" and value[1:2] not in _VOWELS


def joined(word: str, value: str) -> str | None:
    """``word`` and ``value`` as French writes them together, or None when they stay apart."""
    lower = word.lower()
    for (before, article), contracted in _ARTICLES.items():
        if lower == before and value.startswith(article) and len(value) > len(article):
            return _like(word, contracted) + " " + value[len(article) :]
    if lower in ("de", "que") and _starts_with_a_vowel(value):
        return _like(word, lower[:-1]) + "’" + value
    return None


def _like(word: str, replacement: str) -> str:
    """The replacement capitalised as the word was (« De » at a sentence's start)."""
    return replacement.capitalize() if word[:1].isupper() else replacement


def elided(template: str, values: dict) -> str:
    """The template with each « de {name} » whose value calls for it written out joined (braces of the
    value doubled, so that the format that follows leaves it as it is)."""

    def join(match: re.Match) -> str:
        value = values.get(match.group(2))
        together = joined(match.group(1), value) if isinstance(value, str) else None
        if together is None:
            return match.group(0)
        return together.replace("{", "{{").replace("}", "}}")

    return _BEFORE_A_NAME.sub(join, template)


class ElidedMessage(str):
    """A French message: formatted, the words before the names are joined to them as French writes."""

    __slots__ = ()

    def format(self, *args, **kwargs) -> str:
        return str.format(elided(self, kwargs), *args, **kwargs)
