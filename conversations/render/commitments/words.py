"""Punctuation that differs between the languages: French sets a no-break space before « : »."""

from __future__ import annotations

from conversations.render.formatting import NBSP


def colon(language: str) -> str:
    """« : » as the language writes it, followed by a space: « \u00a0: » in French, « : » in English."""
    return f"{NBSP}: " if language.startswith("fr") else ": "
