"""A typed text as it is judged and stored (``check_text``), whatever the surface that received it.

Control characters go (a NUL is refused by PostgreSQL: a 500 there, stored as is on SQLite), a text
that shows nothing is empty (the completeness rule must not count it as filled), accents are composed
before the length is counted, and what a visible text needs (joiners of an emoji) stays untouched.
"""

from __future__ import annotations

import pytest

from models.parsing.text import InputError, check_text, clean_text, is_blank

FAMILY = "👨\u200d👩\u200d👧"  # three emoji joined by zero-width joiners: one picture
ENGLAND = "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"  # a flag of tag characters


def refused(text: str, **limits) -> InputError:
    """The InputError ``check_text`` raises for a text (fails the test if it accepts it)."""
    with pytest.raises(InputError) as caught:
        check_text(text, **limits)
    return caught.value


@pytest.mark.parametrize(
    "typed",
    ["\x00", "\u200b", "\ufeff", "\u200b \u200b", "\u2060", "\u200d", "\u00a0\u200b\n\t", "\x00\x01 \x7f", "\u0301",
     "\u3164", "\u2800", "\ufe0f", " \u2003\u200b\u2003 "],
)  # fmt: skip
def test_a_text_that_shows_nothing_is_empty(typed):
    assert refused(typed).code == "empty"  # « Votre réponse est vide. », as spaces only


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("Notre\x00démarche", "Notredémarche"),
        ("a\x07b\x1bc\x7fd\x85e", "abcde"),
        ("\x00 Réunion du personnel \x00", "Réunion du personnel"),
        ("ligne 1\r\nligne 2\n\tretrait", "ligne 1\r\nligne 2\n\tretrait"),  # line breaks and tabs stay
    ],
)
def test_control_characters_are_removed_but_line_breaks_and_tabs(typed, kept):
    assert check_text(typed) == kept


@pytest.mark.parametrize(
    "visible",
    [f"{FAMILY} au complet", f"{ENGLAND} 2026", f"Notre équipe {FAMILY} au complet", "x\u200dy", "می\u200cخواهم",
     "Merci ❤\ufe0f"],
)  # fmt: skip
def test_a_visible_text_keeps_its_joiners_untouched(visible):
    assert check_text(visible) == visible
    assert check_text(f"\ufeff {visible}\u200b\n") == visible  # a paste's zero-width edges trimmed


def test_accents_typed_as_letter_and_mark_are_one_character():
    decomposed = "e\u0301" * 3000  # « é » as macOS and some phone keyboards type it
    assert check_text(decomposed, max_length=3000) == "é" * 3000  # composed, counted once
    error = refused("e\u0301" * 3001, max_length=3000)
    assert error.code == "too_long" and error.params == {"length": 3001, "limit": 3000}
    assert check_text("Coope\u0301rative") == "Coopérative"


def test_the_length_is_counted_on_the_cleaned_text():
    assert check_text("\x00" * 10 + "a" * 5, max_length=5) == "aaaaa"
    assert refused("a\u0301" * 6, max_length=5).params == {"length": 6, "limit": 5}


def test_clean_text_and_is_blank_alone():
    assert clean_text(None) == "" and is_blank("")
    assert clean_text("  Déjà\u200b  ") == "Déjà" and not is_blank("Déjà")
    assert is_blank("\u200b\u200c\u200d\ufeff\u2060 \u00a0")


@pytest.mark.parametrize("typed", [FAMILY, ENGLAND, "❤\ufe0f", "🏠🤝", "👍🏽 🇫🇷", " ✅ \n 🎉 "])
def test_emoji_alone_are_refused_the_pdf_would_print_nothing(typed):
    assert refused(typed).code == "emoji_only"


@pytest.mark.parametrize("typed", ["1\ufe0f\u20e3", "€", "%", "?", "🏠 Logement", "A"])
def test_a_letter_a_digit_or_a_printed_sign_is_enough(typed):
    assert check_text(typed) == typed
