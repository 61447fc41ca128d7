"""Where the DejaVu fonts are, and what of a text they print: one rule for the PDF and the charts alike.

The fonts are the copies matplotlib ships, found without importing matplotlib (importing it costs about a
second and tens of megabytes; a PDF only needs its font files). The rule: emoji and invisible characters
are dropped, with the spaces they leave; letters the font has no glyph for (Arabic, Chinese…) become a short
visible marker, never nothing (letters of a right-to-left script too: they would print backwards); any
other character it lacks (a symbol) is dropped.
"""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from collections.abc import Container
from functools import cache
from pathlib import Path

from locales import N_

# what a run of letters the font cannot print reads instead (the reader finds them in the app)
NOT_PRINTABLE = N_("[text not printable]")
# characters worth checking against the font (plain Latin text never is: a fast path), a run of them
# with the spaces before it
UNCOMMON_RUN = re.compile(r"([ \t\u00a0\u202f]*)([^\t\n\x20-\x7e\xa0-\u024f\u2010-\u2027]+)")
# what prints nothing though the font has a glyph for it: zero-width spaces and joiners, direction
# marks, variation selectors (an emoji's style), an emoji's keycap and its tags (a region's flag)
INVISIBLE = (
    frozenset(map(chr, [*range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2060, 0x2065), 0xFEFF]))
    | frozenset(map(chr, range(0xFE00, 0xFE10)))
    | frozenset(map(chr, [0x20E3, *range(0xE0020, 0xE0080)]))
)
AS_EMOJI = "\ufe0f"  # after a symbol: it was picked as an emoji (« ⚠️ », « ✏️ »); without, a plain sign (« ✓ »)
PICTOGRAPHS = range(0x1F000, 0x1FB00)  # emoji, skin tones, flags' letters: none is ever printed
# the symbols outside those planes that phones draw as emoji even alone (Unicode's Emoji_Presentation)
EMOJI_SYMBOLS = frozenset(
    map(
        chr,
        [
            *range(0x231A, 0x231C), *range(0x23E9, 0x23ED), 0x23F0, 0x23F3, 0x25FD, 0x25FE, 0x2614, 0x2615,
            *range(0x2648, 0x2654), 0x267F, 0x2693, 0x26A1, 0x26AA, 0x26AB, 0x26BD, 0x26BE, 0x26C4, 0x26C5,
            0x26CE, 0x26D4, 0x26EA, 0x26F2, 0x26F3, 0x26F5, 0x26FA, 0x26FD, 0x2705, 0x270A, 0x270B, 0x2728,
            0x274C, 0x274E, 0x2753, 0x2754, 0x2755, 0x2757, 0x2795, 0x2796, 0x2797, 0x27B0, 0x27BF,
            0x2B1B, 0x2B1C, 0x2B50, 0x2B55,
        ],
    )
)  # fmt: skip
# letters drawn left to right in the order typed would read backwards (Hebrew, Arabic): as if the font
# lacked them (reportlab and matplotlib lay out no right-to-left text)
RIGHT_TO_LEFT = frozenset(("R", "AL"))
# a dropped character followed by one of these (or ending the text) takes the spaces before it along
CLOSING = frozenset(".,)]…\n \t\u00a0\u202f")


@cache
def dejavu_folder() -> Path:
    """The folder of matplotlib's bundled DejaVu TTF files (no system font needed)."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("matplotlib is not installed: its DejaVu fonts are what the PDFs print with")
    return Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"


def emoji(run: str, index: int) -> bool:
    """Whether the run's character at ``index`` is an emoji or part of one."""
    character = run[index]
    if character in EMOJI_SYMBOLS or ord(character) in PICTOGRAPHS:
        return True
    return run[index + 1 : index + 2] == AS_EMOJI


def printed_run(run: str, known: Container[int], marker: str) -> str:
    """What a run of uncommon characters prints: the glyphs the font has, one marker per stretch of
    letters or digits it lacks (their marks and punctuation within), nothing for emoji, invisible
    characters, nor a symbol or a lone accent it lacks."""
    pieces: list[str] = []
    for index, character in enumerate(run):
        if character in INVISIBLE or emoji(run, index):
            continue
        if ord(character) in known and unicodedata.bidirectional(character) not in RIGHT_TO_LEFT:
            pieces.append(character)
        elif unicodedata.category(character)[0] in "LN" and (not pieces or pieces[-1] != marker):
            pieces.append(marker)  # a mark (M*) never starts one: it belongs to the letter before it
    return "".join(pieces)


def printable_in(text: str, known: Container[int], marker: str) -> tuple[str, bool]:
    """The text as a font of ``known`` glyphs prints it (the rule above), without the spaces a dropped
    character leaves: none before a full stop, at the start or at the end (« ouvrés ✅. », « ✅ Fait »),
    one between two words; the text's own spacing elsewhere kept (a title's double space prints the same
    with or without an emoji: ``drawString`` prints every space). And whether some letters became
    ``marker`` (« 张伟 » and « تقرير_报告 » read as one marker each)."""
    changed = marked = False

    def keep(match: re.Match) -> str:
        """The run as printed, the spaces before it unless nothing is left to follow them."""
        nonlocal changed, marked
        spaces, run = match.groups()
        kept = printed_run(run, known, marker)
        if kept == run:
            return match.group()
        changed, marked = True, marked or marker in kept
        if not kept and (match.end() == len(text) or text[match.end()] in CLOSING):
            return ""
        return spaces + kept

    text = UNCOMMON_RUN.sub(keep, text)
    if not changed:
        return text, False
    if marked:  # two stretches apart by a space or a joiner are one text the reader cannot see
        text = re.sub(f"{re.escape(marker)}(?:[ _\\-\u00a0]*{re.escape(marker)})+", marker, text)
    return text.strip(" "), marked  # a dropped character opening the text leaves the space after it
