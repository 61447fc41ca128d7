"""A message's text as stored: a formatted link keeps its address beside its words; a mention its name."""

from __future__ import annotations

from types import SimpleNamespace

from models.parsing.text import typed_text


def units(text: str) -> int:
    """A length as Telegram counts offsets: in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def link(text: str, words: str, url: str, kind: str = "text_link") -> SimpleNamespace:
    """Telegram's entity over ``words`` (their first occurrence in ``text``)."""
    start = text.index(words)
    return SimpleNamespace(type=kind, offset=units(text[:start]), length=units(words), url=url)


def test_a_formatted_link_keeps_its_address_beside_its_words():
    text = "Nous suivons la part de BRS (voir notre rapport)."
    entities = [
        SimpleNamespace(type="bold", offset=24, length=3, url=None),
        link(text, "notre rapport", "https://coop.example.org/rapport-2025.pdf"),
    ]
    assert typed_text(text, entities) == (
        "Nous suivons la part de BRS (voir notre rapport (https://coop.example.org/rapport-2025.pdf))."
    )


def test_offsets_count_utf16_units_so_an_emoji_before_the_link_moves_nothing():
    text = "🏠🤝 Inscrivez-vous ici avant lundi, et lisez ça."
    entities = [
        link(text, "ici", "https://forms.example.org/inscription"),
        link(text, "ça", "https://coop.example.org/guide"),
    ]
    assert typed_text(text, entities) == (
        "🏠🤝 Inscrivez-vous ici (https://forms.example.org/inscription) avant lundi, "
        "et lisez ça (https://coop.example.org/guide)."
    )


def test_a_space_the_link_took_after_its_words_stays_after_the_address():
    text = "Lisez ceci puis cela."
    assert typed_text(text, [link(text, "ceci ", "https://a.example.org")]) == (
        "Lisez ceci (https://a.example.org) puis cela."
    )


def test_words_that_are_the_address_already_are_not_repeated():
    text = "Voir coop.example.org/rapport/ ou https://www.coop.example.org, ou écrire à contact@coop.org."
    entities = [
        link(text, "coop.example.org/rapport/", "https://coop.example.org/rapport"),
        link(text, "https://www.coop.example.org", "https://www.coop.example.org/"),
        link(text, "contact@coop.org", "mailto:contact@coop.org"),
    ]
    assert typed_text(text, entities) == text


def test_a_mention_keeps_the_name_only():
    text = "Demandez à Léa ou à Max."
    entities = [
        SimpleNamespace(type="text_mention", offset=11, length=3, url=None),
        link(text, "Max", "tg://user?id=4242"),
    ]
    assert typed_text(text, entities) == text


def test_no_text_no_entities():
    assert typed_text(None) == ""
    assert typed_text("Sans lien.", None) == "Sans lien."
