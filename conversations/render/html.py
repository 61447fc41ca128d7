"""HTML for Telegram's parse mode: everything a user typed is escaped, tags are built here only."""

from __future__ import annotations

import html
import re

# what Telegram takes in one message (telegram.constants.MessageLimit.MAX_TEXT_LENGTH), counted in
# UTF-16 code units once the HTML is parsed: an emoji often counts two
MESSAGE_LIMIT = 4096
TAG = re.compile(r"<[^>]*>")


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


def units(text: str) -> int:
    """A text's length as Telegram counts it: in UTF-16 code units (an emoji often counts two)."""
    return len(text.encode("utf-16-le")) // 2


def shown_length(markup: str) -> int:
    """How long Telegram counts an HTML text: once tags and entities are parsed, in UTF-16 units."""
    return units(html.unescape(TAG.sub("", markup)))


def escaped_within(text: str, room: int) -> str:
    """A name for a list, escaped: whole if it takes at most ``room`` units as HTML (what ``split_text``
    counts: « & » is « &amp; », five), else as much as fits with « … », never cut inside an entity."""
    if units(e(text)) <= room:
        return e(text)
    kept, used = 0, units("…")
    for character in text:
        used += units(e(character))
        if used > room:
            break
        kept += 1
    return e(text[:kept].rstrip()) + "…"


def names_room(names: list[str], room: int) -> int:
    """The most units (as HTML) a name of a list may take for all of them to fit in ``room``: the
    longest's when they fit whole, else the same cut for the longest ones, the short ones whole."""
    widths = [units(e(name)) for name in names]
    most = max(widths, default=0)
    while most > 1 and sum(min(width, most) for width in widths) > room:
        most -= 1
    return most
