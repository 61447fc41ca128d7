"""A deadline typed as a planner writes it: a quarter or a half (« T2 2027 », « S1 2027 », « 1er trimestre
2027 », "Q2 2027") stands for its last day, as a month does; « d’ici » or « avant » before an end changes
nothing (« d’ici fin 2027 » is « fin 2027 »); « dans 6 mois » is that day; « fin d’année » this year's
December. A season (« été 2027 ») or a year alone (« 2028 ») names no month: it is asked, as « mi-2027 »'s."""

from __future__ import annotations

from datetime import date

import pytest

from conversations.render.input_errors import input_error_text
from locales import Translator
from models.parsing.due_dates import DueDate, parse_date_between, parse_due_date
from models.parsing.text import InputError

TODAY = date(2026, 11, 23)  # the harness's day


def refused(call, *args, **kwargs) -> InputError:
    """The InputError a parser raises (fails the test if it returns instead)."""
    with pytest.raises(InputError) as caught:
        call(*args, **kwargs)
    return caught.value


def month(day: str) -> DueDate:
    """A deadline typed as a month or a period: its last day, ISO-style."""
    return DueDate(date.fromisoformat(day), "month")


@pytest.mark.parametrize(
    ("typed", "language", "due"),
    [
        ("T2 2027", "fr", "2027-06-30"),
        ("t2-2027", "fr", "2027-06-30"),
        ("T4 27", "fr", "2027-12-31"),
        ("1er trimestre 2027", "fr", "2027-03-31"),
        ("1 er trimestre 2027", "fr", "2027-03-31"),  # a phone's spacing
        ("premier trimestre 2027", "fr", "2027-03-31"),
        ("le 3e trimestre 2027", "fr", "2027-09-30"),
        ("2ème trimestre de 2027", "fr", "2027-06-30"),
        ("dernier trimestre 2027", "fr", "2027-12-31"),
        ("fin du 1er trimestre 2027", "fr", "2027-03-31"),
        ("fin T2 2027", "fr", "2027-06-30"),
        ("S1 2027", "fr", "2027-06-30"),
        ("S2 2027", "fr", "2027-12-31"),
        ("1er semestre 2027", "fr", "2027-06-30"),
        ("second semestre 2027", "fr", "2027-12-31"),
        ("2nd semestre 2027", "fr", "2027-12-31"),
        ("Q2 2027", "en", "2027-06-30"),
        ("Q1 2027", "fr", "2027-03-31"),  # both languages read both
        ("H1 2027", "en", "2027-06-30"),
        ("the first half of 2027", "en", "2027-06-30"),
        ("second quarter of 2027", "en", "2027-06-30"),
        ("end of Q3 2027", "en", "2027-09-30"),
    ],
)
def test_a_quarter_or_a_half_stands_for_its_last_day(typed, language, due):
    assert parse_due_date(typed, language, TODAY) == month(due)


@pytest.mark.parametrize("typed", ["S3 2027", "T5 2027", "T0 2027", "cinquième trimestre 2027", "T2"])
def test_a_quarter_a_year_has_not_is_no_date(typed):
    assert refused(parse_due_date, typed, "fr", TODAY).code == "not_a_date"


def test_a_past_quarter_is_refused_as_past():
    error = refused(parse_due_date, "T2 2026", "fr", TODAY)
    assert (error.code, error.params["date"]) == ("date_in_past", date(2026, 6, 30))


@pytest.mark.parametrize(
    ("typed", "language", "due"),
    [
        ("d’ici fin 2027", "fr", month("2027-12-31")),
        ("d'ici la fin de 2027", "fr", month("2027-12-31")),
        ("avant fin 2027", "fr", month("2027-12-31")),
        ("avant la fin 2027", "fr", month("2027-12-31")),
        ("au plus tard fin 2027", "fr", month("2027-12-31")),
        ("pour fin juin 2027", "fr", month("2027-06-30")),
        ("d’ici fin mars 2027", "fr", month("2027-03-31")),
        ("d’ici la fin mars 2027", "fr", month("2027-03-31")),
        ("d’ici T2 2027", "fr", month("2027-06-30")),
        ("d’ici le 15 mars 2027", "fr", DueDate(date(2027, 3, 15), "day")),
        ("jusqu’au 15/03/2027", "fr", DueDate(date(2027, 3, 15), "day")),
        ("by end of 2027", "en", month("2027-12-31")),
        ("by the end of 2027", "en", month("2027-12-31")),
        ("before the end of 2027", "en", month("2027-12-31")),
        ("by March 2027", "en", month("2027-03-31")),
    ],
)
def test_by_a_deadline_is_that_deadline(typed, language, due):
    assert parse_due_date(typed, language, TODAY) == due


@pytest.mark.parametrize("typed", ["avant mars 2027", "avant le 15 mars 2027", "before March 2027", "d’ici"])
def test_before_a_month_or_a_day_is_not_guessed(typed):
    """« avant mars 2027 » is February at the latest: a day before it would be a guess, refused as a
    date not read; only an end (« avant fin 2027 ») is its own deadline."""
    assert refused(parse_due_date, typed, "fr", TODAY).code == "not_a_date"


@pytest.mark.parametrize(
    ("typed", "language", "day"),
    [
        ("dans 6 mois", "fr", date(2027, 5, 23)),
        ("Dans six mois", "fr", date(2027, 5, 23)),
        ("d’ici 6 mois", "fr", date(2027, 5, 23)),
        ("dans 3 semaines", "fr", date(2026, 12, 14)),
        ("dans 10 jours", "fr", date(2026, 12, 3)),
        ("dans un an", "fr", date(2027, 11, 23)),
        ("dans 2 ans", "fr", date(2028, 11, 23)),
        ("in 6 months", "en", date(2027, 5, 23)),
        ("in a year", "en", date(2027, 11, 23)),
        ("within 2 weeks", "en", date(2026, 12, 7)),
    ],
)
def test_a_time_from_today_is_that_day(typed, language, day):
    assert parse_due_date(typed, language, TODAY) == DueDate(day, "day")


def test_a_time_from_today_is_checked_as_a_day():
    assert refused(parse_due_date, "dans 11 ans", "fr", TODAY).code == "date_too_far"
    assert refused(parse_due_date, "dans 6 heures", "fr", TODAY).code == "not_a_date"  # a deadline is a day
    # 31 August + 6 months: the last day of February, as a month step always is
    assert parse_due_date("dans 6 mois", "fr", date(2027, 8, 31)) == DueDate(date(2028, 2, 29), "day")


@pytest.mark.parametrize(
    ("typed", "language", "due"),
    [
        ("fin d’année", "fr", "2026-12-31"),
        ("Fin de l’année", "fr", "2026-12-31"),
        ("d’ici la fin de l’année", "fr", "2026-12-31"),
        ("fin de cette année", "fr", "2026-12-31"),
        ("end of the year", "en", "2026-12-31"),
        ("by the end of the year", "en", "2026-12-31"),
        ("fin du mois", "fr", "2026-11-30"),
        ("end of the month", "en", "2026-11-30"),
    ],
)
def test_the_end_of_this_year_or_month(typed, language, due):
    assert parse_due_date(typed, language, TODAY) == month(due)


FR_NO_MONTH = "«\u00a0{typed}\u00a0» ne précise pas le mois\u00a0: tapez-le aussi, ex. {month}."
EN_NO_MONTH = "“{typed}” gives no month: please type the month as well, e.g. {month}."


@pytest.mark.parametrize(
    ("typed", "language", "example"),
    [
        ("été 2027", "fr", "août 2027"),
        ("l’été 2027", "fr", "août 2027"),
        ("au printemps 2027", "fr", "mai 2027"),
        ("automne 2026", "fr", "novembre 2026"),  # its months still ahead only
        ("2028", "fr", "décembre 2028"),
        ("summer 2027", "en", "August 2027"),
        ("in the summer of 2027", "en", "August 2027"),
    ],
)
def test_a_season_or_a_year_alone_asks_for_its_month(typed, language, example):
    """A season is vague (« été 2027 »: July as well as September), a year alone more so: the month is
    asked as « mi-2027 »'s is, with one still ahead that reads back, never guessed."""
    error = refused(parse_due_date, typed, language, TODAY)
    said = (FR_NO_MONTH if language == "fr" else EN_NO_MONTH).format(typed=typed, month=example)
    assert input_error_text(Translator(language), error, typed) == said
    assert parse_due_date(example, language, TODAY).precision == "month"


def test_a_past_season_is_refused_as_past():
    assert refused(parse_due_date, "été 2026", "fr", TODAY).code == "date_in_past"


def test_a_decisions_period_looks_back():
    """A decision's date reads the same words, within its own bounds: the quarter's last day, a season's
    month asked."""
    earliest = date(2016, 11, 23)
    assert parse_date_between("T2 2026", "fr", earliest, TODAY, today=TODAY) == date(2026, 6, 30)
    error = refused(parse_date_between, "été 2026", "fr", earliest, TODAY, today=TODAY)
    assert (error.code, error.params["month"]) == ("month_needed", date(2026, 8, 1))
