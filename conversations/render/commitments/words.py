"""Punctuation that differs between the languages: French sets a no-break space before « : »."""

from __future__ import annotations

NBSP = "\u00a0"


def colon(language: str) -> str:
    """« : » as the language writes it, followed by a space: « \u00a0: » in French, « : » in English."""
    return f"{NBSP}: " if language.startswith("fr") else ": "


def quoted(language: str, text: str) -> str:
    """« text » in French (no-break spaces inside), “text” in English."""
    return f"«{NBSP}{text}{NBSP}»" if language.startswith("fr") else f"“{text}”"
