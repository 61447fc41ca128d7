"""What the parsers read alike: a number typed with a unit its indicator has not got yet (refused, not
the unit dropped), a coop's own unit abbreviated with its dot (« 12 log. », the question's own example),
any decimal digits (« ٣٠ » as a date's « ١٥/٠٣/٢٠٢٧ »), and a year's end (« fin 2027 »)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from conversations.render.formatting import value_example
from conversations.render.input_errors import input_error_text
from locales import Translator
from models.parsing.due_dates import DueDate, parse_due_date
from models.parsing.numbers import parse_number
from models.parsing.text import InputError
from models.parsing.values import parse_value, reread_value, stored_in_unit, unit_typed_with
from models.values import Unit, ValueKind

NUMBER = ValueKind.NUMBER
TODAY = date(2026, 11, 20)


def error_of(call, *args) -> InputError:
    """The InputError a parser raises (fails the test if it returns instead)."""
    with pytest.raises(InputError) as caught:
        call(*args)
    return caught.value


# --- a unit typed before the indicator has one ----------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "language", "unit"),
    [
        ("12,5 %", "fr", "percent"),
        ("12.5%", "en", "percent"),
        ("1 200 €", "fr", "euro"),
        ("€1200", "en", "euro"),
        ("12 logements", "fr", "homes"),
        ("3 jours", "fr", "days"),
        ("30 ménages", "fr", "ménages"),  # households: no listed unit, the coop's own words as typed
    ],
)
def test_a_unit_typed_before_the_indicator_has_one_is_refused_naming_it(typed, language, unit):
    """Never the unit dropped silently (« 12,5 % » stored and echoed « 12,5 », then « 12,50 € » once
    € is chosen): the unit is to be chosen first, or the number typed alone."""
    error = error_of(parse_value, typed, language, NUMBER, None)
    assert (error.code, error.params) == ("unit_not_chosen", {"unit": unit})


def test_a_bare_number_is_taken_before_the_unit():
    assert parse_value("12,5", "fr", NUMBER, None) == "12.5"
    assert parse_value("-3", "fr", NUMBER, None) == "-3"


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("fr", "Cet indicateur n’a pas encore d’unité\u00a0: choisissez d’abord «\u00a0%\u00a0» comme unité"),
        ("en", "This indicator has no unit yet: choose “%” as its unit first"),
    ],
)
def test_the_refusal_says_the_way_forward(language, words):
    error = error_of(parse_value, "12,5 %", language, NUMBER, None)
    said = input_error_text(Translator(language), error, "12,5 %")
    assert said.startswith(words), said
    assert ("tapez le nombre seul" if language == "fr" else "type the number alone") in said


@pytest.mark.parametrize(
    ("values", "unit"),
    [
        (("12,5 %", None), "percent"),
        (("12,5 %", "30"), "percent"),
        (("12,5 %", "30 %"), "percent"),
        (("30 ménages", "beaucoup"), "ménages"),
        (("12,5 %", "30 €"), None),  # two units: neither is taken
        (("12,5", "30"), None),
        ((None, ""), None),
    ],
)
def test_the_unit_values_were_typed_with_before_a_kind(values, unit):
    assert unit_typed_with(values) == unit


@pytest.mark.parametrize(
    ("stored", "unit", "kept"),
    [
        ("12.5", "percent", "12.5"),
        ("1.234", "euro", "1.234"),  # the stored form, never read the French way (1234)
        ("150", "percent", None),  # not a share
        ("2.5", "homes", None),  # not one by one
        ("-3", "days", None),
        ("12", "jours ouvrés", "12"),
        ("12,5 %", "percent", "12.5"),  # older data as typed: read again in the unit
        ("12,5 %", "euro", None),
    ],
)
def test_a_value_stored_before_the_unit_is_kept_only_if_it_fits_it(stored, unit, kept):
    assert stored_in_unit(stored, unit) == kept


def test_a_value_typed_before_the_kind_is_read_in_the_unit_it_was_typed_with():
    assert reread_value("12,5 %", NUMBER, "percent") == "12.5"
    assert reread_value("12,5 %", NUMBER, None) is None  # a unit the indicator has not got: not dropped


# --- a coop's own unit with its dot -----------------------------------------------------------------

DOTTED = ["log.", "hab.", "pers.", "pour 1000 hab.", "m. lin."]


@pytest.mark.parametrize("unit", DOTTED)
def test_the_questions_own_example_reads_back(unit):
    example = value_example(Translator("fr"), NUMBER, unit)
    assert example == f"ex. 12\u00a0{unit}"  # kept with its number, as values are shown
    assert parse_value(example.removeprefix("ex. "), "fr", NUMBER, unit) == "12"


@pytest.mark.parametrize(
    ("typed", "unit", "stored"),
    [
        ("12 log", "log.", "12"),
        ("12 logements", "log.", "12"),  # the word the abbreviation stands for
        ("12 hab", "hab.", "12"),
        ("12 habitants", "hab.", "12"),
        ("12 pers", "pers.", "12"),
        ("12 personnes", "pers.", "12"),
        ("2,5 pour 1 000 hab.", "pour 1000 hab.", "2.5"),
        ("2,5 pour 1000 hab", "pour 1000 hab.", "2.5"),
        ("12", "pers.", "12"),
    ],
)
def test_a_dotted_unit_is_read_with_or_without_its_dot(typed, unit, stored):
    assert parse_value(typed, "fr", NUMBER, unit) == stored


def test_a_dotted_unit_is_still_checked():
    assert error_of(parse_value, "12 %", "fr", NUMBER, "pers.").code == "own_unit_mismatch"
    assert error_of(parse_value, "12,5 pers.", "fr", NUMBER, "pers.").code == "not_whole"  # people
    assert error_of(parse_value, "-3 pers.", "fr", NUMBER, "pers.").code == "negative"


# --- any decimal digits -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "unit", "expected"),
    [
        ("٣٠", None, Decimal(30)),  # Arabic-Indic
        ("۳۰", None, Decimal(30)),  # extended (Persian, Urdu)
        ("३०", None, Decimal(30)),  # Devanagari
        ("１２,５ %", "percent", Decimal("12.5")),  # full-width, as before
        ("١٢,٥ %", "percent", Decimal("12.5")),
    ],
)
def test_any_decimal_digits_make_a_number(typed, unit, expected):
    assert parse_number(typed, "fr", unit and Unit(unit)) == expected


def test_a_date_and_a_number_read_the_same_digits():
    assert parse_due_date("١٥/٠٣/٢٠٢٧", "fr", TODAY) == DueDate(date(2027, 3, 15), "day")
    assert parse_value("٣٠", "fr", NUMBER, "percent") == "30"


# --- a year's end -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "language"),
    [
        ("fin 2027", "fr"),
        ("Fin 2027", "fr"),
        ("fin de 2027", "fr"),
        ("end of 2027", "en"),
        ("end 2027", "en"),
    ],
)
def test_the_end_of_a_year_is_its_last_month(typed, language):
    assert parse_due_date(typed, language, TODAY) == DueDate(date(2027, 12, 31), "month")


@pytest.mark.parametrize(
    ("typed", "month"),
    [
        ("début 2027", date(2027, 1, 1)),
        ("debut 2027", date(2027, 1, 1)),
        ("mi-2027", date(2027, 6, 1)),
        ("mi 2027", date(2027, 6, 1)),
        ("mid-2027", date(2027, 6, 1)),
        ("beginning of 2027", date(2027, 1, 1)),
        ("courant 2027", date(2027, 12, 1)),
    ],
)
def test_another_part_of_a_year_asks_for_the_month(typed, month):
    """« début 2027 » or « mi-2027 » is no month: the month is asked, never guessed, with one that
    reads back."""
    error = error_of(parse_due_date, typed, "fr", TODAY)
    assert (error.code, error.params["month"]) == ("month_needed", month)
    said = input_error_text(Translator("fr"), error, typed)
    example = said.rsplit("ex. ", 1)[1].rstrip(".")
    assert parse_due_date(example, "fr", TODAY).value.replace(day=1) == month, said


def test_a_year_alone_asks_for_the_month_as_another_part_of_a_year_does():
    error = error_of(parse_due_date, "2027", "fr", TODAY)
    assert (error.code, error.params["month"]) == ("month_needed", date(2027, 12, 1))


def test_the_end_of_a_past_year_is_past():
    assert error_of(parse_due_date, "fin 2025", "fr", TODAY).code == "date_in_past"
