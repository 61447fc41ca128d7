"""A message that is only a command's word (``models.parsing.text.command_word``): read without case,
accents, surrounding spaces nor a final « . » or « ! », in either language; anything longer is an answer."""

from __future__ import annotations

import pytest

from models.parsing.text import COMMAND_WORDS, command_word


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("annuler", "cancel"),
        ("  Annuler ! ", "cancel"),
        ("ANNULER.", "cancel"),
        ("cancel", "cancel"),
        ("Stop", "cancel"),
        ("retour", "back"),
        ("Back!", "back"),
        ("aide", "help"),
        ("Aide\u00a0!", "help"),  # a French keyboard's no-break space before « ! »
        ("help", "help"),
        ("menu", "home"),
        ("Accueil", "home"),
        ("accuéil", "home"),
    ],
)
def test_a_commands_word_alone_is_read_as_that_command(typed, meant):
    assert command_word(typed) == meant


@pytest.mark.parametrize(
    "typed",
    [
        "Annuler les impayés",
        "retour à l’emploi",
        "menu du restaurant solidaire",
        "aides",
        "",
        None,
        "/annuler",
    ],
)
def test_any_other_text_is_an_answer(typed):
    assert command_word(typed) is None


def test_each_languages_words_are_read_whatever_the_language():
    for words in COMMAND_WORDS.values():
        for word, meant in words.items():
            assert command_word(word.upper()) == meant
