"""Parsing of the numbers, yes/no answers, texts and due dates that users type."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from models.clock import add_months
from models.parsing.due_dates import DueDate, parse_due_date
from models.parsing.numbers import parse_number
from models.parsing.text import InputError, check_text, parse_yes_no
from models.parsing.values import parse_unit, parse_value
from models.values import Unit, ValueKind, number_from_storage, number_to_storage

NBSP = "\u00a0"
NARROW_NBSP = "\u202f"
TODAY = date(2026, 1, 15)
BOTH = pytest.mark.parametrize("language", ["fr", "en"])


def day(iso: str) -> date:
    """A date written ISO-style, which keeps the date tables short."""
    return date.fromisoformat(iso)


def error_of(call, *args, **kwargs) -> InputError:
    """The InputError a parser raises (fails the test if it returns instead)."""
    with pytest.raises(InputError) as caught:
        call(*args, **kwargs)
    return caught.value


def test_enums_are_unchanged():
    assert [kind.value for kind in ValueKind] == ["number", "yes_no", "text"]
    assert [unit.value for unit in Unit] == ["percent", "euro", "homes", "people", "count", "days"]


def test_input_error_is_a_value_error_with_code_and_params():
    error = InputError("too_long", {"length": 5, "limit": 3})
    assert isinstance(error, ValueError) and "too_long" in str(error)
    assert (error.code, error.params) == ("too_long", {"length": 5, "limit": 3})


@pytest.mark.parametrize("text", ["", "   ", "\n\t", NBSP, NARROW_NBSP, None])
@pytest.mark.parametrize(
    "parse",
    [
        lambda text: parse_number(text, "fr"),
        lambda text: parse_number(text, "en", Unit.EURO),
        lambda text: parse_yes_no(text, "fr"),
        lambda text: parse_yes_no(text, "en"),
        check_text,
        lambda text: parse_due_date(text, "fr", TODAY),
    ],
    ids=["number_fr", "number_en", "yes_no_fr", "yes_no_en", "text", "due_date"],
)
def test_every_parser_refuses_empty_input(parse, text):
    assert error_of(parse, text).code == "empty"


# --- Numbers ---------------------------------------------------------------------------

P, E, H, PP, C, D = Unit.PERCENT, Unit.EURO, Unit.HOMES, Unit.PEOPLE, Unit.COUNT, Unit.DAYS


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("12", None, "12"),
        ("12,5", None, "12.5"),
        ("12,5 %", P, "12.5"),
        ("12,5%", P, "12.5"),
        ("12,5 pourcent", P, "12.5"),
        ("100 %", P, "100"),
        ("100,0 %", P, "100"),
        ("0", P, "0"),
        # A lone dot is a decimal mark (phones) unless exactly 3 digits follow it.
        ("12.5", None, "12.5"),
        ("12.25", None, "12.25"),
        ("1.2345", None, "1.2345"),
        ("1.200", None, "1200"),
        ("1.200.000", None, "1200000"),
        ("0.500", None, "0.5"),
        ("1 200 €", E, "1200"),
        ("1 200", None, "1200"),
        ("1 200,50", None, "1200.5"),
        ("1 200,50 €", E, "1200.5"),
        ("1.200,50", None, "1200.5"),
        ("1 200.5", None, "1200.5"),
        (f"1{NBSP}200", None, "1200"),
        (f"1{NARROW_NBSP}200{NARROW_NBSP}000,5{NBSP}€", E, "1200000.5"),
        ("1  200", None, "1200"),
        ("1 200 euros", E, "1200"),
        ("1200 EUR", E, "1200"),
        ("€1200", E, "1200"),
        ("-0", None, "0"),
        ("+5", None, "5"),
        ("150", None, "150"),
        ("150", C, "150"),
        ("42 logements", H, "42"),
        ("1 logement", H, "1"),
        ("42 Logements", H, "42"),
        ("12 lgts", H, "12"),
        ("30 personnes", PP, "30"),
        ("30 ménages", C, "30"),  # households are counted, never people
        ("30 MENAGES", C, "30"),
        ("1 ménage", C, "1"),
        ("45 jours", D, "45"),
        ("45 j", D, "45"),
        ("45j", D, "45"),
        ("1 jour", D, "1"),
        ("  12,5  ", None, "12.5"),
        ("12,5.", None, "12.5"),
        ("12,50000", None, "12.5"),
        ("0,0001", None, "0.0001"),
        ("1 000 000 000 000", None, "1000000000000"),
        ("007", None, "7"),
        ("１２", None, "12"),  # full-width digits from some keyboards
    ],
)
def test_french_numbers(text, unit, expected):
    value = parse_number(text, "fr", unit)
    assert value == Decimal(expected)
    # Parsed numbers are already canonical: their text is their storage text.
    assert str(value) == number_to_storage(value) == expected
    assert number_from_storage(expected) == value


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("12", None, "12"),
        ("12.5", None, "12.5"),
        ("12.5 %", P, "12.5"),
        ("12.5%", P, "12.5"),
        ("12.5 percent", P, "12.5"),
        ("12.5!", None, "12.5"),
        # A comma is a decimal mark unless exactly 3 digits follow it.
        ("12,5", None, "12.5"),
        ("12,25 %", P, "12.25"),
        ("1,200", None, "1200"),
        ("1,200.50", None, "1200.5"),
        ("1,200,000", None, "1200000"),
        ("€1,200", E, "1200"),
        ("€ 1,200.50", E, "1200.5"),
        ("1,200 €", E, "1200"),
        ("1200 euros", E, "1200"),
        ("1 200", None, "1200"),
        (f"1{NBSP}200.5", None, "1200.5"),
        (f"1{NARROW_NBSP}200", None, "1200"),
        ("42 homes", H, "42"),
        ("1 home", H, "1"),
        ("42 dwellings", H, "42"),
        ("30 people", PP, "30"),
        ("1 person", PP, "1"),
        ("30 households", C, "30"),
        ("45 days", D, "45"),
        ("1 day", D, "1"),
        ("150", None, "150"),
        ("150", C, "150"),
    ],
)
def test_english_numbers(text, unit, expected):
    assert parse_number(text, "en", unit) == Decimal(expected)


@pytest.mark.parametrize("language", ["fr", "en", "fr-FR", "en-GB"])
@pytest.mark.parametrize(
    ("text", "typed"),
    [
        ("5 %", P),
        ("5 €", E),
        ("5 logements", H),
        ("5 homes", H),
        ("5 personnes", PP),
        ("5 households", C),
        ("5 jours", D),
        ("5 days", D),
    ],
)
def test_any_typed_unit_is_accepted_without_an_expected_unit(text, typed, language):
    assert parse_number(text, language) == 5 and parse_number(text, language, typed) == 5


@BOTH
@pytest.mark.parametrize(
    ("text", "expected", "typed"),
    [
        ("12 %", E, P),
        ("1 200 €", P, E),
        ("€1200", H, E),
        ("42 logements", PP, H),
        ("42 homes", C, H),
        ("30 ménages", H, C),
        ("30 ménages", PP, C),
        ("30 households", PP, C),
        ("30 people", D, PP),
        ("45 jours", E, D),
        ("45 days", P, D),
    ],
)
def test_a_typed_unit_contradicting_the_expected_one_is_refused(text, expected, typed, language):
    error = error_of(parse_number, text, language, expected)
    assert error.code == "unit_mismatch" and error.params == {"typed": typed, "expected": expected}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("beaucoup", "fr"),
        ("a lot", "en"),
        ("douze", "fr"),
        ("12,5,3", "fr"),
        ("12.5.3", "en"),
        ("12,5,3", "en"),
        ("1 2 3 4", "fr"),
        ("1 2 3 4", "en"),
        ("12 5", "fr"),
        ("1 20", "fr"),
        ("1.20.000", "fr"),
        ("1,200 300", "en"),
        ("1.200 300", "fr"),  # mixed separators
        ("abc12", "fr"),
        ("12abc", "en"),
        ("12 abc", "fr"),
        ("12 3 %", "fr"),
        ("1e5", "en"),
        ("12 % 5", "fr"),
        ("--5", "fr"),
        ("€12 €", "fr"),
        ("%", "fr"),
        ("€", "en"),
        ("1,2,", "fr"),
    ],
)
def test_not_a_number(text, language):
    error = error_of(parse_number, text, language)
    assert error.code == "not_a_number" and error.params == {"text": text}


# What each limit error must carry, beyond its code.
LIMIT_PARAMS = {
    "negative": lambda params: params["value"] < 0,
    "percent_over_100": lambda params: params["limit"] == 100 < params["value"],
    "too_large": lambda params: params["limit"] == Decimal(10) ** 12 < abs(params["value"]),
    "too_precise": lambda params: params["limit"] == 4 < params["decimals"],
}


@pytest.mark.parametrize(
    ("text", "language", "unit", "code"),
    [
        # what is counted never goes below zero (money and percentages may: test_negative_values.py)
        ("-3 logements", "fr", None, "negative"),
        ("-5", "fr", H, "negative"),
        ("- 5 people", "en", None, "negative"),
        ("\u22125", "fr", PP, "negative"),
        ("-2 jours", "fr", D, "negative"),
        ("\u2013 0,5", "fr", D, "negative"),
        ("-3 ménages", "fr", None, "negative"),
        ("-2 000 000 000 000 €", "fr", E, "too_large"),
        ("150 %", "fr", P, "percent_over_100"),
        ("150", "fr", P, "percent_over_100"),
        ("100,01 %", "fr", P, "percent_over_100"),
        ("150.5%", "en", P, "percent_over_100"),
        # A typed "%" caps the value even when no unit is expected.
        ("150 %", "fr", None, "percent_over_100"),
        ("150 percent", "en", None, "percent_over_100"),
        ("1 000 000 000 001", "fr", None, "too_large"),
        ("2 000 000 000 000 €", "fr", E, "too_large"),
        ("1,000,000,000,000.5", "en", None, "too_large"),
        ("99999999999999999999", "en", C, "too_large"),
        ("0,00001", "fr", None, "too_precise"),
        ("12,123456", "fr", None, "too_precise"),
        ("1.23456", "fr", None, "too_precise"),
        ("0.00001", "en", None, "too_precise"),
        ("1,23456", "en", None, "too_precise"),
    ],
)
def test_numbers_out_of_bounds(text, language, unit, code):
    error = error_of(parse_number, text, language, unit)
    assert error.code == code and LIMIT_PARAMS[code](error.params)


@pytest.mark.parametrize(
    ("value", "stored"),
    [
        ("12.5", "12.5"),
        ("12.50", "12.5"),
        ("1200", "1200"),
        ("1.2E+3", "1200"),
        ("1200.000", "1200"),
        ("0", "0"),
        ("-0", "0"),
        ("0.0001", "0.0001"),
        ("1E+12", "1000000000000"),
        ("1E-4", "0.0001"),
    ],
)
def test_storage_text_is_canonical_and_round_trips(value, stored):
    assert number_to_storage(Decimal(value)) == stored
    assert number_from_storage(stored) == Decimal(value)
    assert number_to_storage(number_from_storage(stored)) == stored


def test_bad_storage_values_are_refused():
    for text in ("", "abc", "NaN", "Infinity", "1,5"):
        with pytest.raises(ValueError):
            number_from_storage(text)
    with pytest.raises(ValueError):
        number_to_storage(Decimal("NaN"))


# --- Yes / no --------------------------------------------------------------------------


YES = ["oui", "Oui", "OUI !", "o", "O", "yes", "Yes.", "y", "vrai", "Vrai", "true", "TRUE", "1"]
NO = ["non", "Non.", "NON !", "n", "N", "no", "No!", "faux", "FAUX", "false", "0", "non ?"]


@BOTH
@pytest.mark.parametrize(
    ("text", "expected"),
    [(yes, True) for yes in [*YES, "  oui  ", "oui…"]] + [(no, False) for no in NO],
)
def test_yes_no(text, expected, language):
    assert parse_yes_no(text, language) is expected


@BOTH
@pytest.mark.parametrize("text", ["peut-être", "maybe", "ouinon", "2", "oui non", "yess"])
def test_not_yes_no(text, language):
    error = error_of(parse_yes_no, text, language)
    assert error.code == "not_yes_no" and error.params == {"text": text}


# --- Free text -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bonjour", "Bonjour"),
        ("  Bonjour  ", "Bonjour"),
        ("x", "x"),
        ("\nLigne 1\n\nLigne 2\n", "Ligne 1\n\nLigne 2"),
        (f"{NBSP}Réponse{NBSP}", "Réponse"),
    ],
)
def test_check_text_strips_and_keeps_inner_newlines(text, expected):
    assert check_text(text) == expected


def test_check_text_too_long():
    assert check_text("a" * 3000) == "a" * 3000
    error = error_of(check_text, "a" * 3001)
    assert error.code == "too_long" and error.params == {"length": 3001, "limit": 3000}
    error = error_of(check_text, "  abcdef  ", max_length=5)
    assert error.code == "too_long" and error.params == {"length": 6, "limit": 5}
    assert check_text("  abcde  ", max_length=5) == "abcde"


def test_check_text_too_short():
    assert check_text("abc", min_length=3) == "abc"
    error = error_of(check_text, " ab ", min_length=3)
    assert error.code == "too_short" and error.params == {"length": 2, "limit": 3}


# --- Due dates -------------------------------------------------------------------------


@BOTH
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15/03/2026", "2026-03-15"),
        ("15/3/2026", "2026-03-15"),
        ("15-03-2026", "2026-03-15"),
        ("15.03.2026", "2026-03-15"),
        ("15 / 03 / 2026", "2026-03-15"),
        ("5/3/26", "2026-03-05"),
        ("2026-03-15", "2026-03-15"),
        ("15 mars 2026", "2026-03-15"),
        ("15 March 2026", "2026-03-15"),
        ("March 15, 2026", "2026-03-15"),
        ("15th March 2026", "2026-03-15"),
        ("1er mars 2026", "2026-03-01"),
        ("le 1er mars 2026", "2026-03-01"),
        ("1 er mars 2026", "2026-03-01"),  # the ordinal's letters apart, as a phone may space them
        ("premier mars 2026", "2026-03-01"),
        ("le premier mars 2026", "2026-03-01"),
        ("1° mars 2026", "2026-03-01"),
        ("lundi 1 er juin 2026", "2026-06-01"),
        ("29/02/2028", "2028-02-29"),
        ("15/01/2026", "2026-01-15"),
        ("15/01/2036", "2036-01-15"),  # today and ten years on
    ],
)
def test_due_days(text, expected, language):
    assert parse_due_date(text, language, TODAY) == DueDate(day(expected), "day")


@BOTH
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("03/2026", "2026-03-31"),
        ("3/2026", "2026-03-31"),
        ("03/26", "2026-03-31"),
        ("03-2026", "2026-03-31"),
        ("2026-03", "2026-03-31"),
        ("mars 2026", "2026-03-31"),
        ("Mars 2026", "2026-03-31"),
        ("MARS 2026", "2026-03-31"),
        ("mar 2026", "2026-03-31"),
        ("fin mars 2026", "2026-03-31"),
        ("Fin mars 2026.", "2026-03-31"),
        ("fin de mars 2026", "2026-03-31"),
        ("fin d'avril 2026", "2026-04-30"),
        ("fin d’avril 2026", "2026-04-30"),
        ("mar. 2026", "2026-03-31"),
        ("March 2026", "2026-03-31"),
        ("end of March 2026", "2026-03-31"),
        ("End of march 2026", "2026-03-31"),
        ("March, 2026", "2026-03-31"),
        ("février 2026", "2026-02-28"),
        ("fevrier 2028", "2028-02-29"),
        ("févr. 2026", "2026-02-28"),
        ("Feb 2026", "2026-02-28"),
        ("août 2026", "2026-08-31"),
        ("aout 2026", "2026-08-31"),
        ("August 2026", "2026-08-31"),
        ("juin 2026", "2026-06-30"),
        ("juil. 2026", "2026-07-31"),
        ("jun 2026", "2026-06-30"),
        ("jul 2026", "2026-07-31"),
        ("sept. 2026", "2026-09-30"),
        ("décembre 2026", "2026-12-31"),
        ("decembre 26", "2026-12-31"),
        ("Dec 2026", "2026-12-31"),
        ("mai 2026", "2026-05-31"),
        ("May 2026", "2026-05-31"),
        ("12/2035", "2035-12-31"),
        ("janvier 2026", "2026-01-31"),
        ("01/2026", "2026-01-31"),  # the current month
        ("01/2036", "2036-01-31"),  # starts within ten years
    ],
)
def test_due_months_resolve_to_their_last_day(text, expected, language):
    assert parse_due_date(text, language, TODAY) == DueDate(day(expected), "month")


@BOTH
@pytest.mark.parametrize(
    "text",
    [
        "bientôt",
        "soon",
        "15032026",
        "jui 2026",
        "ju 2026",
        "foo 2026",
        "15 xyz 2026",
        "15/03/2026/1",
        "1/1/1/1",
        "15 03 2026",
        "fin",
        "end of",
        "15/03/202",
    ],
)
def test_not_a_date(text, language):
    error = error_of(parse_due_date, text, language, TODAY)
    assert error.code == "not_a_date" and error.params == {"text": text}


@BOTH
@pytest.mark.parametrize(
    "text",
    [
        "31/02/2026",
        "29/02/2027",
        "30/02/2028",
        "31/04/2026",
        "00/03/2026",
        "32/01/2026",
        "13/2026",
        "00/2026",
        "0/2026",
        "2026-13-01",
        "2026-02-30",
        "31 février 2026",
    ],
)
def test_invalid_date(text, language):
    error = error_of(parse_due_date, text, language, TODAY)
    assert error.code == "invalid_date" and error.params == {"text": text}


@pytest.mark.parametrize(
    ("text", "code", "expected"),
    [
        ("14/01/2026", "date_in_past", "2026-01-14"),
        ("01/01/2025", "date_in_past", "2025-01-01"),
        ("12/2025", "date_in_past", "2025-12-31"),
        ("03/25", "date_in_past", "2025-03-31"),
        ("décembre 2025", "date_in_past", "2025-12-31"),
        ("end of December 2025", "date_in_past", "2025-12-31"),
        ("16/01/2036", "date_too_far", "2036-01-16"),
        ("02/2036", "date_too_far", "2036-02-29"),
        ("mars 2040", "date_too_far", "2040-03-31"),
        ("01/01/9999", "date_too_far", "9999-01-01"),
    ],
)
def test_due_dates_out_of_range(text, code, expected):
    error = error_of(parse_due_date, text, "fr", TODAY)
    bound = {"today": TODAY} if code == "date_in_past" else {"limit": day("2036-01-15"), "years": 10}
    assert error.code == code and error.params == {"date": day(expected), **bound}


def test_the_current_month_is_accepted_on_its_last_day():
    last_day = date(2026, 1, 31)
    assert parse_due_date("janvier 2026", "fr", last_day) == DueDate(last_day, "month")
    assert error_of(parse_due_date, "30/01/2026", "fr", last_day).code == "date_in_past"


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        ("2025-08-31", 6, "2026-02-28"),
        ("2027-08-31", 6, "2028-02-29"),  # 31 Aug + 6
        ("2028-02-29", 12, "2029-02-28"),
        ("2028-02-29", 48, "2032-02-29"),  # 29 Feb + 12
        ("2026-01-31", 1, "2026-02-28"),
        ("2028-01-31", 1, "2028-02-29"),  # 31 Jan + 1
        ("2026-01-31", 3, "2026-04-30"),
        ("2026-01-15", 0, "2026-01-15"),
        ("2026-11-30", 2, "2027-01-30"),
        ("2026-01-15", 120, "2036-01-15"),
        ("2026-03-31", -1, "2026-02-28"),
        ("2026-01-15", -13, "2024-12-15"),
    ],
)
def test_add_months_clamps_to_the_end_of_the_month(start, months, expected):
    assert add_months(day(start), months) == day(expected)


@BOTH
@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("12,5 logements", H),
        ("12.5", H),
        ("2,5", PP),
        ("2,5 personnes", None),
        ("12,5 ménages", C),
        ("3.5 households", None),
    ],
)
def test_a_fraction_of_homes_people_or_households_is_refused_with_the_whole_numbers_around(
    text, unit, language
):
    error = error_of(parse_number, text, language, unit)
    assert error.code == "not_whole" and (error.params["lower"], error.params["upper"]) in (
        (12, 13),
        (2, 3),
        (3, 4),
    )


@BOTH
def test_other_units_keep_their_decimals(language):
    assert parse_number("12,5 jours" if language == "fr" else "12.5 days", language, D) == Decimal("12.5")
    assert parse_number("1,5" if language == "fr" else "1.5", language, C) == Decimal("1.5")


@pytest.mark.parametrize(
    "unit", ["ménages", "ménages suivis", "foyers accompagnés", "logements BRS", "personnes formées"]
)
def test_a_coops_own_unit_that_counts_homes_people_or_households_takes_whole_numbers(unit):
    """By its first word: « ménages suivis » (the domain's own example) is counted one by one too."""
    with pytest.raises(InputError) as refused:
        parse_value("12,5", "fr", ValueKind.NUMBER, unit)
    assert refused.value.code == "not_whole"
    assert parse_value("12", "fr", ValueKind.NUMBER, unit) == "12"
    assert parse_value("12,5", "fr", ValueKind.NUMBER, "jours ouvrés") == "12.5"  # days may be halves


@pytest.mark.parametrize(
    ("text", "unit", "stored"),
    [
        ("12.5%", "working days", None),  # a share typed for the coop's own unit: refused
        ("€40", "working days", None),
        ("12,5 %", "households", None),
        ("12 personnes", "ménages suivis", None),
        ("12", "working days", "12"),
        ("12 working days", "working days", "12"),
        ("12 jours", "jours ouvrés", "12"),  # a word of their own unit is theirs
        ("12 ménages", "ménages suivis", "12"),
        ("12,5 %", "% des locataires", "12.5"),
        ("3 logements", "logements BRS", "3"),
        ("12 h", "heures de formation", "12"),  # its first word shortened
        ("12h", "heures de formation", "12"),
        ("12 heures", "heures de formation", "12"),
        ("12 %", "heures de formation", None),
    ],
)
def test_a_number_typed_with_another_unit_than_the_coops_own_is_refused(text, unit, stored):
    if stored is not None:
        assert parse_value(text, "fr", ValueKind.NUMBER, unit) == stored
        return
    with pytest.raises(InputError) as refused:
        parse_value(text, "fr", ValueKind.NUMBER, unit)
    assert refused.value.code == "own_unit_mismatch" and refused.value.params["unit"] == unit


@pytest.mark.parametrize(("text", "example"), [("12/31/2027", "31/12/2027"), ("3/14/27", "14/03/2027")])
def test_a_date_typed_month_first_is_refused_with_the_day_first(text, example):
    """Read day first in both languages; a month-first date that cannot be read so is said, not guessed."""
    with pytest.raises(InputError) as refused:
        parse_due_date(text, "en", date(2026, 12, 3))
    assert refused.value.code == "day_first" and refused.value.params["example"] == example
    assert parse_due_date(example, "en", date(2026, 12, 3)).value.month in (12, 3)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("31/12", date(2026, 12, 31)),  # the next one
        ("31 décembre", date(2026, 12, 31)),
        ("15 novembre", date(2027, 11, 15)),  # this year's is past: next year's
        ("05/06", date(2027, 6, 5)),  # day first (it was May 2006, refused as past)
        ("demain", date(2026, 12, 4)),
        ("29/02", date(2028, 2, 29)),  # the next one that exists
    ],
)
def test_a_deadline_without_its_year_is_the_next_such_day(text, expected):
    due = parse_due_date(text, "fr", date(2026, 12, 3))
    assert (due.value, due.precision) == (expected, "day")


@pytest.mark.parametrize(
    ("text", "language", "expected", "precision"),
    [
        # an English month's name before a number up to 31 is a day: "May 28" was May 2028, silently
        ("May 28", "en", "2026-05-28", "day"),
        ("May 28", "fr", "2026-05-28", "day"),  # "may" is English only
        ("Dec 26", "en", "2026-12-26", "day"),
        ("March 3", "en", "2026-03-03", "day"),
        ("Jan 14", "en", "2027-01-14", "day"),  # yesterday's is past: the next one
        # a French name, or a shortening of both languages typed in French, before two digits: a year
        ("mai 28", "en", "2028-05-31", "month"),
        ("décembre 26", "en", "2026-12-31", "month"),
        ("déc. 26", "fr", "2026-12-31", "month"),
        ("Nov 2027", "en", "2027-11-30", "month"),  # four digits: a year
        ("Nov 32", "en", "2032-11-30", "month"),  # no day 32: a year
        # a weekday is dropped once it is the day's own
        ("vendredi 16 janvier 2026", "fr", "2026-01-16", "day"),
        ("Sunday, March 15, 2026", "en", "2026-03-15", "day"),
        ("dim. 15/03", "fr", "2026-03-15", "day"),
    ],
)
def test_due_dates_with_a_month_name_before_the_day_or_a_weekday(text, language, expected, precision):
    assert parse_due_date(text, language, TODAY) == DueDate(day(expected), precision)


def test_a_due_date_with_another_weekday_than_its_own_is_refused():
    error = error_of(parse_due_date, "lundi 16 janvier 2026", "fr", TODAY)
    assert error.code == "weekday_mismatch" and error.params == {
        "typed": 0,
        "actual": 4,
        "date": day("2026-01-16"),
    }
    assert error_of(parse_due_date, "May 32nd", "en", TODAY).code == "invalid_date"
    assert error_of(parse_due_date, "Feb 30", "en", TODAY).code == "invalid_date"


@pytest.mark.parametrize(
    "text", ["12,5 %", "12.5%", "30", "12 jours", "-3", "+ 3", "1 200 €", "€12", "1000 habitants"]
)
def test_a_number_typed_as_a_unit_is_refused(text):
    """The value typed one question early, at the unit's, is no unit: it starts with a number (a unit's
    word after it or not), or is a number with a currency before it; refused, not stored as one."""
    with pytest.raises(InputError) as refused:
        parse_unit(text)
    assert refused.value.code == "number_as_unit"


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("m²", "m²"),
        ("m3", "m3"),
        ("tonnes de CO2", "tonnes de CO2"),
        ("jours ouvrés", "jours ouvrés"),
        ("%", "percent"),
        ("pour 1000 habitants", "pour 1000 habitants"),
        ("pour 1 000 habitants", "pour 1 000 habitants"),
        ("€ / 100 m²", "€ / 100 m²"),
        ("par tranche de 10", "par tranche de 10"),
        ("logements T2/T3", "logements T2/T3"),
    ],
)
def test_a_unit_whose_name_has_a_digit_is_kept(text, stored):
    """A digit glued to a unit's letters (« CO2 », « m3 »), a superscript (« m² »), or a number among
    words that come first (« pour 1000 habitants ») is part of its name."""
    assert parse_unit(text) == stored


@pytest.mark.parametrize(
    ("typed", "language", "unit", "stored"),
    [
        ("12 pour 1000 habitants", "fr", "pour 1000 habitants", "12"),
        ("12 pour 1 000 habitants", "fr", "pour 1000 habitants", "12"),
        ("1 200 pour 1.000 habitants", "fr", "pour 1 000 habitants", "1200"),
        ("12,5", "fr", "pour 1000 habitants", "12.5"),
        ("12 per 1000 residents", "en", "per 1,000 residents", "12"),
        ("12 €/100 m²", "fr", "€ / 100 m²", "12"),
        ("2,5 lgts pour 1000 hab", "fr", "lgts pour 1000 hab", "2.5"),  # a rate, not homes one by one
        ("12 m3", "fr", "m3", "12"),
    ],
)
def test_a_value_typed_with_a_unit_holding_a_number_is_that_value(typed, language, unit, stored):
    """The unit's own number, however grouped, is no part of the value typed before it."""
    assert parse_value(typed, language, "number", unit) == stored


def test_a_value_in_a_unit_holding_a_number_is_still_checked():
    """Another unit, or a count of homes one by one, is refused as for any unit of the coop's own."""
    assert error_of(parse_value, "12,5 %", "fr", "number", "pour 1000 habitants").code == "own_unit_mismatch"
    assert error_of(parse_value, "2,5", "fr", "number", "logements T2/T3").code == "not_whole"
