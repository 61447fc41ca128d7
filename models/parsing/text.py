"""Typed text: the input error every parser raises, lenient folding, yes/no and free texts.

Parsers raise ``InputError`` with a machine ``code`` and ``params``; the UI turns the code into a
friendly message, so the exception text itself is English, for logs only.
"""

from __future__ import annotations

import unicodedata
from typing import Any


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
