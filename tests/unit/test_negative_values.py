"""Negative values: money, percentages, plain numbers and a coop's own unit may be below zero (a net
result, « -15 % » of energy use); homes, people, households and days may not, and are refused with
their unit and an example. Shown the way babel writes them (« -50 000 € », « -€50,000 »), charted."""

from __future__ import annotations

from decimal import Decimal

import pytest

from conversations.render.charts import ProgressRow, progress_chart, progress_fraction
from conversations.render.formatting import format_value
from conversations.render.input_errors import input_error_text
from locales import Translator
from models.parsing.numbers import parse_number
from models.parsing.text import InputError
from models.parsing.values import parse_value
from models.values import Unit, ValueKind

NUMBER = ValueKind.NUMBER
MINUS, EN_DASH = "\u2212", "\u2013"  # what phones sometimes type for « - »


@pytest.mark.parametrize(
    ("text", "language", "unit", "expected"),
    [
        ("-50 000 €", "fr", Unit.EURO, "-50000"),
        ("-50,000", "en", Unit.EURO, "-50000"),
        ("-€1,200.50", "en", Unit.EURO, "-1200.5"),
        ("€-1,200", "en", Unit.EURO, "-1200"),
        (f"{MINUS}15 %", "fr", Unit.PERCENT, "-15"),
        (f"{EN_DASH}15%", "en", None, "-15"),
        ("- 3,5", "fr", None, "-3.5"),
        ("-3", "fr", Unit.COUNT, "-3"),  # « un nombre »: a score, a balance
        ("-0,5", "fr", None, "-0.5"),
        ("-0", "fr", Unit.HOMES, "0"),  # zero has no sign
    ],
)
def test_money_percentages_and_plain_numbers_may_be_negative(text, language, unit, expected):
    assert parse_number(text, language, unit) == Decimal(expected)


@pytest.mark.parametrize(
    ("typed", "unit", "stored"),
    [
        ("-2,5 tonnes CO2", "tonnes CO2", "-2.5"),
        ("-12", "k€", "-12"),
        ("-1,5", "logements pour 1000 habitants", "-1.5"),  # a rate, not a count
    ],
)
def test_a_coops_own_unit_may_be_negative_unless_it_counts(typed, unit, stored):
    assert parse_value(typed, "fr", NUMBER, unit) == stored


@pytest.mark.parametrize(
    ("typed", "language", "unit", "message"),
    [
        ("-5", "fr", Unit.HOMES, "Un nombre de logements ne peut pas être négatif : tapez par exemple 12."),
        (
            f"{MINUS}3",
            "fr",
            Unit.PEOPLE,
            "Un nombre de personnes ne peut pas être négatif : tapez par exemple 12.",
        ),
        ("-2", "en", Unit.DAYS, "A number of days cannot be negative: please type e.g. 12."),
        ("-5 homes", "en", None, "A number of homes cannot be negative: please type e.g. 12."),
        (
            "-3",
            "fr",
            "ménages suivis",
            "Un nombre de ménages suivis ne peut pas être négatif : tapez par exemple 12.",
        ),
        (
            "-1,5",
            "fr",
            "jours ouvrés",
            "Un nombre de jours ouvrés ne peut pas être négatif : tapez par exemple 12.",
        ),
        (
            "-3 ménages",
            "fr",
            None,
            "Ce qui se compte un par un ne peut pas être négatif : tapez par exemple 12.",
        ),
        ("-3 households", "en", None, "What is counted one by one cannot be negative: please type e.g. 12."),
    ],
)
def test_a_negative_count_is_refused_with_its_unit_and_an_example(typed, language, unit, message):
    with pytest.raises(InputError) as caught:
        parse_value(typed, language, NUMBER, unit)
    assert caught.value.code == "negative"
    shown = input_error_text(Translator(language), caught.value, typed)
    assert shown.replace("\u00a0", " ") == message


def test_a_negative_number_is_still_bounded():
    with pytest.raises(InputError) as caught:
        parse_number("-2 000 000 000 000 €", "fr", Unit.EURO)
    assert caught.value.code == "too_large"


@pytest.mark.parametrize(
    ("stored", "unit", "french", "english"),
    [
        ("-50000", Unit.EURO, "-50\u202f000\u00a0€", "-€50,000"),
        ("-1200.5", Unit.EURO, "-1\u202f200,50\u00a0€", "-€1,200.50"),
        ("-15", Unit.PERCENT, "-15\u00a0%", "-15%"),
        ("-3.5", None, "-3,5", "-3.5"),
        ("-2.5", "tonnes CO2", "-2,5\u00a0tonnes CO2", "-2.5\u00a0tonnes CO2"),
        ("50000", Unit.EURO, "50\u202f000\u00a0€", "€50,000"),
    ],
)
def test_negative_values_are_shown_with_the_sign_first(stored, unit, french, english):
    assert format_value(Translator("fr"), stored, NUMBER, unit) == french
    assert format_value(Translator("en"), stored, NUMBER, unit) == english


@pytest.mark.parametrize(
    ("baseline", "current", "target", "fraction"),
    [
        (-50000.0, -20000.0, 10000.0, 0.5),  # a loss turning into a profit, half way
        (None, -7.5, -15.0, 0.5),  # « -15 % » of energy use, from no baseline
        (-10.0, -5.0, -20.0, -0.5),  # going the wrong way: drawn before the start
    ],
)
def test_a_chart_with_negative_values_draws_its_progress(baseline, current, target, fraction):
    row = ProgressRow("Net result", baseline, current, target, "-€20,000", "€10,000")
    assert progress_fraction(row) == pytest.approx(fraction)
    legend = {"start": "start", "target": "target", "progress": "progress", "empty": "none"}
    assert progress_chart([row], "Progress", legend).startswith(b"\x89PNG")
