"""Proofreading the catalogs: each entry as a reader sees it (an English entry shows its id), checked
for the wording defects a proofreader found once — French words in English, clipped or disagreeing
French, clumsy English — and for the words the project settled on (« salariés » for the staff,
« bilan d’étape », « ex. », « appuyez sur », « émojis », « recevable »)."""

from __future__ import annotations

import re
from functools import cache

from babel.messages.pofile import read_po

from locales import catalog_path, translator


@cache
def shown(language: str) -> tuple[tuple[str, str], ...]:
    """(msgid, text shown) for every entry and plural form; an empty form shows its id."""
    with catalog_path(language).open("rb") as po_file:
        catalog = read_po(po_file, locale=language)
    pairs = []
    for message in catalog:
        if not message.id:
            continue
        ids = list(message.id) if message.pluralizable else [message.id]
        strings = list(message.string) if message.pluralizable else [message.string]
        pairs += [(source, text or source) for source, text in zip(ids, strings, strict=True)]
    return tuple(pairs)


def french_matching(pattern: str) -> list[str]:
    return [text for _source, text in shown("fr") if re.search(pattern, text)]


def test_french_calls_the_committee_s_first_ruling_recevable():
    found = [
        text for _source, text in shown("fr") if re.search(r"(?i)admissib", re.sub(r"\{\w+\}", "", text))
    ]
    assert found == [], found


def test_english_has_no_french_bilan():
    found = [text for _source, text in shown("en") if re.search(r"(?i)\bbilan", text)]
    assert found == [], found


def test_french_writes_cooperative_not_coop():
    assert french_matching(r"\b(la|votre|ma|une|cette|de) coop\b") == []


def test_french_writes_emojis_with_its_accent():
    assert french_matching(r"(?i)\bemoji") == []


def test_french_agreements():
    french = dict(shown("fr"))
    assert french["Draft, not opened yet"] == "En préparation, pas encore ouverte"
    assert (
        "; action remplacée par l’action 3."
        in french["e.g. The partner left the project; replaced by action 3."]
    )


def test_english_has_no_clumsy_phrases():
    clumsy = [
        "at a next committee",
        "a meeting announced cancelled",
        "a meeting announced moved",
        "Nobody of your direction",
        "people of the team",
        "someone of your coop",
        "Which help would you like",
    ]
    found = [phrase for phrase in clumsy for _source, text in shown("en") if phrase in text]
    assert found == [], found


def test_french_says_salaries_for_the_staff():
    found = [text for source, text in shown("fr") if "staff" in source.lower() and "équipe" in text]
    assert found == [], found


def test_french_says_one_word_for_each_thing():
    assert french_matching(r"(?i)bilans? d[eu] points? d’étape") == []  # « bilan d’étape »
    assert french_matching(r"(?i)\bpar ex\.") == []  # « ex. »
    assert french_matching(r"(?i)\btouche[zr]\b") == []  # « appuyez sur »
    assert french_matching(r"(?i)date est trop tôt") == []  # « trop précoce »


def test_the_personal_data_names_the_indicators_checked():
    from conversations.render.commitments.personal_words import LABELS

    assert translator("en").gettext(LABELS["reviewed"]) == "Indicators checked"
    assert translator("fr").gettext(LABELS["reviewed"]) == "Indicateurs vérifiés"
