"""HTML for Telegram's parse mode: everything a user typed is escaped, tags are built here only."""

from __future__ import annotations

import html


def e(text: object) -> str:
    """Escape anything a user typed (or a stored value) for HTML parse mode."""
    return html.escape("" if text is None else str(text), quote=False)


def bold(text: object) -> str:
    """Bold, escaped."""
    return f"<b>{e(text)}</b>"


def italic(text: object) -> str:
    """Italic, escaped."""
    return f"<i>{e(text)}</i>"


def code(text: object) -> str:
    """Monospace, escaped (ids, technical details)."""
    return f"<code>{e(text)}</code>"
