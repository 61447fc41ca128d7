"""A value typed with an emoji (« 12,5 % 🎯 », « oui 👍 ») or a word saying it is rounded (« environ 12 % »,
« ~12 % ») is read as the value, which the echo shows; an emoji alone answers a yes or a no (« ✅ », « 👎 »),
and so do words saying it again (« Non, pas encore »). A text holding more than one value stays refused."""

from __future__ import annotations

import pytest

from models.parsing.text import InputError, parse_yes_no
from models.parsing.values import parse_unit, parse_value
from models.values import ValueKind

NUMBER, YES_NO = ValueKind.NUMBER, ValueKind.YES_NO


def refused(call, *args) -> InputError:
    """The InputError a parser raises (fails the test if it returns instead)."""
    with pytest.raises(InputError) as caught:
        call(*args)
    return caught.value


@pytest.mark.parametrize(
    ("typed", "language", "unit", "stored"),
    [
        ("12,5 % 🎯", "fr", "percent", "12.5"),
        ("🎯 12,5 %", "fr", "percent", "12.5"),
        ("12,5 %✅", "fr", "percent", "12.5"),
        ("1 200 € 💶", "fr", "euro", "1200"),
        ("30 👍🏽", "fr", None, "30"),  # a skin tone is part of the emoji
        ("12 jours ouvrés 🎯", "fr", "jours ouvrés", "12"),  # the coop's own unit, last once the emoji is off
        ("12.5% 🎯", "en", "percent", "12.5"),
    ],
)
def test_an_emoji_around_a_value_does_not_hide_it(typed, language, unit, stored):
    assert parse_value(typed, language, NUMBER, unit) == stored


@pytest.mark.parametrize(
    ("typed", "language", "unit"),
    [
        ("12 % environ", "fr", "percent"),
        ("12 %, environ", "fr", "percent"),
        ("12 % env.", "fr", "percent"),
        ("environ 12 %", "fr", "percent"),
        ("Environ 12", "fr", "percent"),
        ("≈ 12 %", "fr", "percent"),
        ("~12 %", "fr", "percent"),
        ("à peu près 12 %", "fr", "percent"),
        ("12 % à peu près", "fr", "percent"),
        ("A peu pres 12 %", "fr", "percent"),
        ("approx. 12 %", "fr", "percent"),
        ("environ 12 % 🎯", "fr", "percent"),
        ("environ 12 jours ouvrés", "fr", "jours ouvrés"),
        ("about 12%", "en", "percent"),
        ("around 12 %", "en", "percent"),
        ("roughly 12", "en", "percent"),
    ],
)
def test_a_word_saying_a_value_is_rounded_is_read_as_the_value(typed, language, unit):
    assert parse_value(typed, language, NUMBER, unit) == "12"


@pytest.mark.parametrize(
    "typed", ["environ 12 ou 13 %", "12 🎯 %", "12 🎯 13", "~12 ~13", "environ", "🎯", "12 % environ 13"]
)
def test_what_dresses_a_value_makes_no_two_values_one(typed):
    """Only around a value: two numbers, an emoji inside it, or nothing but the dress stay refused."""
    error = refused(parse_value, typed, "fr", NUMBER, "percent")
    assert error.code == "not_a_number", error


def test_a_dressed_value_is_checked_as_the_value():
    assert refused(parse_value, "environ 150 %", "fr", NUMBER, "percent").code == "percent_over_100"
    assert refused(parse_value, "12 % 🎯", "fr", NUMBER, "homes").code == "unit_mismatch"
    # the unit typed is never dropped, whatever dresses it
    assert refused(parse_value, "~12 %", "fr", NUMBER, None).params == {"unit": "percent"}
    # at the unit's question, a value so dressed is still a value typed one question early
    assert refused(parse_unit, "environ 12 %").code == "number_as_unit"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("oui 👍", "yes"),
        ("👍 Oui !", "yes"),
        ("✅", "yes"),
        ("👍", "yes"),
        ("👍🏽", "yes"),
        ("✔️", "yes"),
        ("❌", "no"),
        ("👎", "no"),
        ("non ❌", "no"),
        ("Non, pas encore", "no"),
        ("non pas encore.", "no"),
        ("Non — toujours pas", "no"),
        ("Oui, c’est fait !", "yes"),
        ("No, not yet", "no"),
        ("yes, done", "yes"),
    ],
)
def test_an_emoji_or_words_that_say_it_again_answer_yes_or_no(typed, stored):
    assert parse_value(typed, "fr", YES_NO, None) == stored


@pytest.mark.parametrize(
    "typed",
    ["oui 👎", "✅ non", "👍❌", "oui mais partiellement", "oui, pas encore", "🎯", "pas encore", "✅ 12"],
)
def test_a_yes_and_a_no_or_more_stays_refused(typed):
    """A text saying both, or more than a yes or a no (« oui mais partiellement »), is not guessed; nor
    « pas encore » alone, which says no word of the question's."""
    assert refused(parse_yes_no, typed, "fr").code == "not_yes_no"
