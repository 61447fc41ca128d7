"""A coop's own unit abbreviated with its dot (« log. », « pers. », « mén. », « j. ») follows the rules of
the word it stands for (« logements »: whole, never negative), and its refusal says what it stands for
with the question's own example (« ex. 12 log. »); a dot alone makes no unit counted (« hab. »: the unit
table knows no inhabitants; « l. », a single letter: litres as well as homes)."""

from __future__ import annotations

import pytest

from conversations.render.formatting import value_example
from conversations.render.input_errors import input_error_text
from locales import Translator
from models.parsing.text import InputError
from models.parsing.values import parse_value
from models.values import ValueKind

NUMBER = ValueKind.NUMBER
FR, EN = Translator("fr"), Translator("en")


def refused(typed: str, unit: str) -> InputError:
    with pytest.raises(InputError) as caught:
        parse_value(typed, "fr", NUMBER, unit)
    return caught.value


@pytest.mark.parametrize(
    ("abbreviated", "full"),
    [("log.", "logements"), ("pers.", "personnes"), ("mén.", "ménages"), ("log. BRS", "logements BRS")],
)
@pytest.mark.parametrize("typed", ["12,5", "12,5 {unit}", "12,5 {full}", "-3", "-3 {unit}", "-3 {full}"])
def test_an_abbreviated_count_is_refused_as_its_full_word_is(abbreviated, full, typed):
    text = typed.format(unit=abbreviated, full=full.split()[0])
    as_full = refused(text.replace(abbreviated, full), full)
    assert refused(text, abbreviated).code == as_full.code


@pytest.mark.parametrize("typed", ["12", "12 log.", "12 log", "12 logements", "0"])
def test_an_abbreviated_count_takes_a_whole_number(typed):
    assert parse_value(typed, "fr", NUMBER, "log.") == typed.split()[0]


def test_days_abbreviated_keep_their_halves_but_not_a_minus():
    assert parse_value("2,5 j.", "fr", NUMBER, "j.") == "2.5"
    assert refused("-2", "j.").code == "negative"


@pytest.mark.parametrize("unit", ["hab.", "l.", "pour 1000 hab.", "t. CO2"])
def test_an_abbreviation_of_no_count_keeps_decimals_and_signs(unit):
    assert parse_value("-12,5", "fr", NUMBER, unit) == "-12.5"


@pytest.mark.parametrize(
    ("typed", "unit", "said"),
    [
        (
            "12,5",
            "log.",
            "« log. » désigne des logements, à compter à l’unité : donnez un nombre entier (ex. 12 log.).",
        ),
        (
            "-3 log.",
            "log.",
            "« log. » désigne des logements : leur nombre ne peut pas être négatif (ex. 12 log.).",
        ),
        ("-3", "mén.", "« mén. » désigne des ménages : leur nombre ne peut pas être négatif (ex. 12 mén.)."),
        (
            "4,5 pers.",
            "pers.",
            "« pers. » désigne des personnes, à compter à l’unité : donnez un nombre entier (ex. 12 pers.).",
        ),
    ],
)
def test_the_refusal_says_what_the_abbreviation_stands_for_with_the_questions_example(typed, unit, said):
    shown = input_error_text(FR, refused(typed, unit), typed).replace("\u00a0", " ")
    assert shown == said
    assert value_example(FR, NUMBER, unit).replace("\u00a0", " ") in shown  # the question's own example


def test_the_refusal_in_english():
    with pytest.raises(InputError) as caught:
        parse_value("-3", "en", NUMBER, "log.")
    shown = input_error_text(EN, caught.value, "-3")
    assert shown == "“log.” stands for homes: their number cannot be negative (e.g. 12\u00a0log.).", shown
