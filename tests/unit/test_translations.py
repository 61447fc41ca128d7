"""Every message of the code has a French translation, and the formats are the French ones."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from locales import Translator, catalog_path, normalize_language

ROOT = Path(__file__).resolve().parents[2]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}


def code_message_ids() -> set[str]:
    """Every message id marked in the code, as pybabel extract sees them."""
    ids = set()
    for package in ("bot", "conversations", "models", "locales"):
        for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT / package, method_map=[("**.py", "python")], keywords=KEYWORDS
        ):
            ids.update([message] if isinstance(message, str) else [m for m in message if m])
    return ids


def ids_of(message) -> list[str]:
    """A message's id(s): plural entries have a singular and a plural id."""
    return list(message.id) if message.pluralizable else [message.id]


def strings_of(message) -> list[str]:
    return list(message.string) if message.pluralizable else [message.string]


def catalog(language: str):
    with catalog_path(language).open("rb") as po_file:
        return read_po(po_file, locale=language)


def test_every_message_of_the_code_has_a_french_translation():
    french = {i: all(strings_of(m)) for m in catalog("fr") if m.id for i in ids_of(m)}
    ids = code_message_ids()
    assert ids, "the extractor found no message: the check would be empty"
    missing = sorted(i for i in ids if not french.get(i))
    assert missing == [], f"messages without a French translation: {missing}"


def test_english_catalog_knows_every_message():
    english = {i for m in catalog("en") if m.id for i in ids_of(m)}
    assert sorted(code_message_ids() - english) == []


def test_french_placeholders_match_the_ids():
    import re

    for message in catalog("fr"):
        if message.id:
            expected = set(re.findall(r"\{\w+\}", ids_of(message)[-1]))
            for translated in strings_of(message):
                assert set(re.findall(r"\{\w+\}", translated)) == expected, message.id


def test_french_and_english_formats():
    fr, en = Translator("fr"), Translator("en")
    assert fr.format_number(1234.5) == "1\u202f234,5"
    assert en.format_number(1234.5) == "1,234.5"
    assert fr.format_date(date(2026, 3, 3)) == "3 mars 2026"
    winter = datetime(2026, 3, 3, 8, 0, tzinfo=UTC)
    summer = datetime(2026, 7, 3, 7, 0, tzinfo=UTC)
    assert fr.format_datetime(winter) == "mardi 3 mars 2026 à 9 h 00"
    assert fr.format_datetime(summer) == "vendredi 3 juillet 2026 à 9 h 00"
    assert en.format_datetime(winter) == "Tuesday 3 March 2026 at 09:00"
    assert fr.gettext("Draft") == "Brouillon" and en.gettext("Draft") == "Draft"


def test_language_normalisation():
    assert normalize_language("fr-FR") == "fr"
    assert normalize_language("en_GB") == "en"
    assert normalize_language("de") is None
    assert normalize_language(None) is None
