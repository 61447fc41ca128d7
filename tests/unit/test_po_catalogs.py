"""The catalogs compiled at start by ``locales.po`` are the ones babel's read_po + write_mo give."""

from __future__ import annotations

import io
from gettext import GNUTranslations

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from locales import SUPPORTED_LANGUAGES, catalog_path, translator
from locales.po import entries, mo_from_po

# every case babel's rules decide: fuzzy, empty, obsolete, plurals half or not translated, a
# context, escapes, a translation over several lines, a comment between entries
TRICKY = r"""# a translator's comment
msgid ""
msgstr ""
"Content-Type: text/plain; charset=utf-8\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\n"

#, python-brace-format
msgid "Hello {name}"
msgstr "Bonjour {name}"

#, fuzzy
msgid "Maybe"
msgstr "Peut-être"

msgid "Untranslated"
msgstr ""

msgid "one file"
msgid_plural "{n} files"
msgstr[0] "un fichier"
msgstr[1] ""

msgid "one thing"
msgid_plural "{n} things"
msgstr[0] ""
msgstr[1] ""

msgctxt "menu"
msgid "Open"
msgstr "Ouvrir"

msgid "Quote \"this\"\tand a\\backslash"
msgstr ""
"Citez « ceci »\n"
"sur deux lignes"

#~ msgid "Gone"
#~ msgstr "Parti"
"""


def babel_compiled(text: str, language: str = "fr") -> GNUTranslations:
    """What babel compiles from the same text."""
    buffer = io.BytesIO()
    write_mo(buffer, read_po(io.BytesIO(text.encode()), locale=language))
    buffer.seek(0)
    return GNUTranslations(buffer)


def ours(text: str) -> GNUTranslations:
    return GNUTranslations(io.BytesIO(mo_from_po(text)))


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_each_catalog_compiles_to_what_babel_compiles(language: str) -> None:
    text = catalog_path(language).read_text(encoding="utf-8")
    expected, compiled = babel_compiled(text, language), ours(text)
    assert len(expected._catalog) > 10  # English translates its plurals only
    messages = {key: value for key, value in compiled._catalog.items() if key != ""}
    assert messages == {key: value for key, value in expected._catalog.items() if key != ""}
    assert [compiled.plural(n) for n in range(5)] == [expected.plural(n) for n in range(5)]
    assert compiled.info()["plural-forms"] == expected.info()["plural-forms"]


def test_the_rules_of_babel_on_every_kind_of_entry() -> None:
    expected, compiled = babel_compiled(TRICKY), ours(TRICKY)
    messages = {key: value for key, value in compiled._catalog.items() if key != ""}
    assert messages == {key: value for key, value in expected._catalog.items() if key != ""}
    assert compiled.gettext("Maybe") == "Maybe"  # fuzzy: left out
    assert compiled.ngettext("one file", "{n} files", 3) == "{n} files"  # the empty form: the id
    assert compiled.pgettext("menu", "Open") == "Ouvrir"
    assert compiled.gettext('Quote "this"\tand a\\backslash') == "Citez « ceci »\nsur deux lignes"
    assert compiled.gettext("Gone") == "Gone"


def test_a_line_that_is_not_po_is_refused() -> None:
    with pytest.raises(ValueError, match="not a PO line"):
        list(entries('msgid "a"\nmsgstr "b"\nnonsense\n'))


def test_the_translator_reads_the_french_catalog() -> None:
    assert translator("fr").gettext("Cancel") != "Cancel"
