"""Every message of the code has a French translation, and the formats are the French ones."""

from __future__ import annotations

import ast
import re
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


def test_no_french_translation_is_fuzzy():
    """gettext passes over a fuzzy entry (as pybabel update marks a message turned plural): the French
    reader would get the English id."""
    assert [m.id for m in catalog("fr") if m.id and m.fuzzy] == []


def test_english_catalog_knows_every_message():
    english = {i for m in catalog("en") if m.id for i in ids_of(m)}
    assert sorted(code_message_ids() - english) == []


def test_english_quotes_the_english_way():
    """English shows “x”, as the code quotes (``formatting.quoted``): an id written with « x » (the ids
    were first written by French speakers) has an English text of its own."""
    shown = [
        text
        for message in catalog("en")
        if message.id
        for text, source in zip(strings_of(message), ids_of(message), strict=True)
        for text in [text or source]
    ]
    assert [text for text in shown if "«" in text or "»" in text] == []


def test_english_placeholders_match_the_ids():
    for message in catalog("en"):
        for translated, source in zip(strings_of(message), ids_of(message), strict=True):
            if message.id and translated:
                assert set(re.findall(r"\{\w+\}", translated)) == set(re.findall(r"\{\w+\}", source))


def test_french_placeholders_match_the_ids():
    for message in catalog("fr"):
        if message.id:
            expected = set(re.findall(r"\{\w+\}", ids_of(message)[-1]))
            for translated in strings_of(message):
                assert set(re.findall(r"\{\w+\}", translated)) == expected, message.id


BREAKABLE_IN_FRENCH = re.compile(r" [:;!?%€»]|« ")


def breakable_spaces(text: str) -> list[str]:
    """Where a phone could break a French line before « : ; ! ? % € » » or after « (a plain space)."""
    return [text[max(0, m.start() - 12) : m.end()] for m in BREAKABLE_IN_FRENCH.finditer(text)]


def test_breakable_spaces_are_found():
    assert breakable_spaces("Taux : 12 % « enfin » ?") == [
        "Taux :",
        "Taux : 12 %",
        "Taux : 12 % « ",
        "12 % « enfin »",
        " % « enfin » ?",
    ]
    assert breakable_spaces("Taux\u00a0: 12\u00a0% «\u00a0enfin\u00a0» https://x.fr/a?b") == []


def test_french_holds_double_punctuation_to_its_word():
    # ux.md: no-break spaces before « : ; ! ? % € » in French (the PDF adds its own: render/pdf/typography)
    found = {
        translated: spots
        for message in catalog("fr")
        if message.id
        for translated in strings_of(message)
        if (spots := breakable_spaces(translated))
    }
    assert found == {}, f"plain spaces where French needs no-break ones (\\u00a0): {found}"


# what the PDF prints goes through its own typography (render/pdf/typography.typeset)
TYPESET = ("conversations/render/pdf/", "conversations/render/commitments/pdf_pieces.py")
NOT_SHOWN = {"_", "N_", "gettext", "ngettext", "debug", "info", "warning", "error", "exception"}


def quotes_built_in_code(path: Path) -> list[str]:
    """String pieces of a module that quote or punctuate with plain spaces (« x », x : y) outside the
    catalogs, the logs and the docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    ignored = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            ignored.add(id(body[0].value))  # a docstring
        if (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", getattr(node.func, "attr", "")) in NOT_SHOWN
        ):
            ignored.update(id(sub) for sub in ast.walk(node))
    return [
        f"{path.relative_to(ROOT)}:{node.lineno} {node.value!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in ignored
        if re.search(r"« | »| [:;!?](\s|$)", node.value)
    ]


def test_the_code_quotes_and_punctuates_each_language_its_way():
    # « x » and x : y written in the code would break a French line: formatting.quoted and colon
    found = [
        spot
        for package in ("bot", "conversations")
        for path in sorted((ROOT / package).rglob("*.py"))
        if not str(path.relative_to(ROOT)).startswith(TYPESET)
        for spot in quotes_built_in_code(path)
    ]
    assert found == []


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


def test_no_message_is_marked_inside_an_f_string():
    """The extractor does not look inside f-strings: « f"{_('cycle {n}')}" » is never translated."""
    marked = re.compile(r"\b(?:_|gettext|ngettext|N_)\(\s*['\"]")
    found = []
    for folder in ("bot", "conversations", "models"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.JoinedStr):
                    for part in node.values:
                        if isinstance(part, ast.FormattedValue) and marked.search(ast.unparse(part.value)):
                            found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == [], f"a message marked inside an f-string is not extracted: {found}"
