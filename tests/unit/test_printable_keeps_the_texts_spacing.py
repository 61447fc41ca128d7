"""A character the PDF drops takes along only the spaces it leaves (``fonts.printable_in``): the text's
own spacing elsewhere prints as typed, as it does when nothing is dropped (``drawString`` prints every
space: a title, a footer), where every double space of the text was made one once anything was dropped."""

from __future__ import annotations

import random
import re

import pytest

from conversations.render.fonts import printable_in

KNOWN = range(0x20, 0x3000)  # Latin and the symbols; no Chinese (a marker), emoji dropped whatever
MARKER = "[x]"


def printed(text: str) -> str:
    """The text as a font of KNOWN glyphs prints it."""
    return printable_in(text, KNOWN, MARKER)[0]


def test_a_double_space_away_from_the_dropped_emoji_stays():
    assert printed("Lettre  signée ✅") == "Lettre  signée"
    assert printed("Lettre  signée") == "Lettre  signée"  # the same, nothing dropped
    assert printed("Titre\t\tlong 😀 fin") == "Titre\t\tlong fin"


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("ouvrés ✅.", "ouvrés."),
        ("✅ Fait", "Fait"),
        ("✅ 😀 Fait", "Fait"),
        ("Fait ✅", "Fait"),
        ("Fait ✅ ici", "Fait ici"),
        ("Fait ✅ 😀 ici", "Fait ici"),
        ("a\u200b b", "a b"),
        ("张 ✅ 李 fin", "[x] fin"),
    ],
)
def test_the_spaces_a_dropped_character_leaves_go_with_it(typed, shown):
    assert printed(typed) == shown


def test_no_double_space_is_made_where_the_text_had_none():
    pieces = [
        "a",
        "mot",
        "✅",
        "😀",
        "⚠️",
        "\u200b",
        "张",
        "€",
        ".",
        ",",
        "\n",
        " ",
        "\t",
        "\u00a0",
        "✓",
        ")",
        "…",
    ]
    rng = random.Random(7)
    for _ in range(20000):
        typed = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        if re.search(r"[ \t]{2}", typed) is None:
            assert re.search(r"[ \t]{2}", printed(typed)) is None, repr(typed)
