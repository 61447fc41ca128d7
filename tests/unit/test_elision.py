"""French joins « de », « à », « que » to the name put after them; English and other words are untouched."""

from __future__ import annotations

import pytest

from locales import translator
from locales.elision import ElidedMessage

JOINED = [
    ("Membre de {coop}.", "Aiguillon Construction", "Membre d’Aiguillon Construction."),
    ("Membre de {coop}.", "Le Toit Familial", "Membre du Toit Familial."),
    ("Membre de {coop}.", "Les Castors", "Membre des Castors."),
    ("Envoyée à {coop}.", "Le Toit Familial", "Envoyée au Toit Familial."),
    ("Envoyée à {coop}.", "Les Castors", "Envoyée aux Castors."),
    ("Prévenu que {coop} est prête.", "Île Habitat", "Prévenu qu’Île Habitat est prête."),
    ("De {coop} : rien.", "Aiguillon", "D’Aiguillon : rien."),
    ("De {coop} : rien.", "Le Toit", "Du Toit : rien."),
    ("Membre de {coop}.", "Yves Coop", "Membre d’Yves Coop."),
]
KEPT = [
    ("Membre de {coop}.", "Coop Gamma"),
    ("Membre de {coop}.", "La Maison"),  # « de La Maison »: no contraction with « la »
    ("Membre de {coop}.", "L’Abri"),
    ("Membre de {coop}.", "Habitat 44"),  # an h may be aspirated: never guessed
    ("Membre de {coop}.", "Yannick"),  # a y before a vowel is a consonant
    ("Envoyée à {coop}.", "Aiguillon"),  # « à » never elides
    ("Membre de {coop}.", "Le"),  # the article alone is a name
    ("Code {coop}.", "Aiguillon"),  # « de » as the end of another word
    ("Membre de <b>{coop}</b>.", "Aiguillon"),
]


@pytest.mark.parametrize(("template", "value", "expected"), JOINED)
def test_a_name_is_joined_as_french_writes_it(template, value, expected):
    assert ElidedMessage(template).format(coop=value) == expected


@pytest.mark.parametrize(("template", "value"), KEPT)
def test_the_words_stay_apart_where_french_keeps_them_so(template, value):
    assert ElidedMessage(template).format(coop=value) == template.format(coop=value)


def test_a_value_s_braces_and_other_fields_are_formatted_once():
    message = ElidedMessage("{n} membres de {coop} à {time}.")
    assert message.format(n=3, coop="Atelier {x}", time="9 h") == "3 membres d’Atelier {x} à 9 h."


def test_the_french_catalog_s_messages_elide_and_the_english_ones_do_not():
    said = translator("fr")._("You are already part of {coop} as {role}.").format(coop="Aiguillon", role="x")
    assert said.startswith("Vous faites déjà partie d’Aiguillon en tant que x")
    english = translator("en")._("You are already part of {coop} as {role}.")
    assert type(english) is str
    assert "Aiguillon" in english.format(coop="Aiguillon", role="x")
