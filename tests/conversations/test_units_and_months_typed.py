"""A value typed in another unit is refused with the indicator's unit named and an example in it, the
same words in the chat and the Mini App; a month typed without its year (« fin mars ») is the next one
where the question looks ahead (a deadline, echoed with its year), and is asked its year where the
question looks back (a decision)."""

from __future__ import annotations

from datetime import date

import pytest

from bot.web.miniapp.api import refusal
from conversations.render.formatting import value_example
from conversations.render.input_errors import input_error_text
from locales import translator
from models.parsing.due_dates import parse_date_between, parse_due_date
from models.parsing.meeting_time import parse_meeting_time
from models.parsing.text import InputError
from models.parsing.values import parse_value
from tests.conftest import NOW
from tests.conversations.test_decision_resubmitted import two_deciders
from tests.dossier_steps import choose, join, open_home

NBSP = "\u00a0"
TODAY = date(2026, 11, 23)  # the harness's day
TEN_YEARS_BACK = date(2016, 11, 23)


def refused(parse, *args) -> InputError:
    """The refusal a parser raises."""
    with pytest.raises(InputError) as raised:
        parse(*args)
    return raised.value


async def first_indicator(user) -> None:
    """Engagement 1's first suggested indicator (a percentage), up to its current value."""
    await choose(user, [1])
    await open_home(user)
    await user.press("📊 Indicateurs")
    await user.press(" 1 · ")
    await user.press("➕ Ajouter un indicateur")
    await user.press("1 · ")
    await user.send("Parce que nos logements restent abordables.")


@pytest.mark.parametrize(
    ("language", "typed", "unit", "expected"),
    [
        (
            "fr",
            "25 logements",
            "percent",
            f"Cet indicateur se mesure en %{NBSP}: tapez sa valeur dans cette unité",
        ),
        ("fr", "15 %", "euro", f"Cet indicateur se mesure en €{NBSP}: tapez sa valeur dans cette unité"),
        (
            "fr",
            "12 ménages",
            "homes",
            f"Cet indicateur se mesure en logements{NBSP}: tapez sa valeur dans cette unité",
        ),
        ("fr", "12 %", "count", f"Cet indicateur est un simple nombre{NBSP}: tapez-le sans unité"),
        ("en", "15%", "euro", "This indicator is measured in €: please type its value in that unit"),
        ("en", "25 homes", "percent", "This indicator is measured in %: please type its value in that unit"),
        (
            "en",
            "3 days",
            "people",
            "This indicator is measured in people: please type its value in that unit",
        ),
        ("en", "12%", "count", "This indicator is a plain number: please type it without a unit"),
    ],
)
def test_a_value_in_another_unit_names_the_unit_with_an_example(language, typed, unit, expected):
    t = translator(language)
    error = refused(parse_value, typed, language, "number", unit)
    said = input_error_text(t, error, typed)
    # the example is the question's own (« ex. 12,5 % », « e.g. €1,200 »)
    assert said == f"{expected} ({value_example(t, 'number', unit)}).", said
    # the Mini App's page reads the same words (the error table is one)
    answer, status = refusal(t, error, {"value": typed})
    assert (answer["error"], status) == (said, 422)


async def test_the_chat_names_the_unit_and_asks_again(harness):
    user = await join(harness, 9301, "fr")
    await first_indicator(user)
    await user.send("12,5 %")
    await user.send("25 logements")  # the target, in homes, for a percentage
    said = user.replies[0]["text"]
    assert (
        said == f"⚠️ Cet indicateur se mesure en %{NBSP}: tapez sa valeur dans cette unité (ex. 12,5{NBSP}%)."
    ), said
    assert "Quelle valeur cible visez-vous" in user.last_text, user.last_text


async def test_a_month_without_its_year_is_the_next_one_for_a_target_and_a_due_date(harness):
    user = await join(harness, 9302, "fr")
    await first_indicator(user)
    await user.send("12,5 %")
    await user.send("25 %")
    await user.send("fin mars")  # on 23 November 2026
    echo = user.replies[0]["text"]
    assert f"✅ Date cible{NBSP}: mars 2027 (31 mars 2027)" in echo, echo
    await user.send("Enquête de satisfaction")
    await user.send("Le responsable qualité")
    await user.send("novembre")  # the current month: its last day is still ahead
    echo = user.replies[0]["text"]
    assert f"✅ Échéance{NBSP}: novembre 2026 (30 novembre 2026)" in echo, echo


async def test_a_month_without_its_year_for_a_decision_asks_the_year(harness):
    _director, first, _second = await two_deciders(harness, "Coop Mois")
    await first.press("✅ Déclarer recevable")
    await first.send("Recevable.")
    await first.send("fin novembre")  # last November or next? A decision is not dated by a guess
    said = first.reply_text()
    assert f"Il ne manque que l’année{NBSP}: tapez-la aussi, ex. fin novembre 2026." in said, said
    await first.send("fin novembre 2026")  # the example, typed: read (the current month: today)
    assert "lundi 23 novembre 2026" in first.last_text and "✅ Confirmer" in first.buttons(), first.last_text


@pytest.mark.parametrize(
    ("typed", "today", "expected"),
    [
        ("fin mars", date(2026, 12, 10), date(2027, 3, 31)),
        ("mars", date(2027, 3, 31), date(2027, 3, 31)),  # its last day, today: this March
        ("Mars.", date(2027, 4, 1), date(2028, 3, 31)),
        ("fin de mars", TODAY, date(2027, 3, 31)),
        ("fin d’avril", TODAY, date(2027, 4, 30)),
        ("end of March", TODAY, date(2027, 3, 31)),
        ("févr.", TODAY, date(2027, 2, 28)),
        ("décembre", TODAY, date(2026, 12, 31)),
    ],
)
def test_a_deadlines_month_without_its_year_is_the_next_one(typed, today, expected):
    due = parse_due_date(typed, "fr", today)
    assert (due.value, due.precision) == (expected, "month")


def test_a_month_without_its_year_elsewhere():
    # a closing day looks ahead too: the next May is beyond its six months, and said so
    assert parse_date_between("janvier", "fr", date(2026, 11, 24), date(2027, 5, 23), today=TODAY) == date(
        2027, 1, 31
    )
    assert refused(parse_date_between, "mai", "fr", date(2026, 11, 24), date(2027, 5, 23), TODAY).code == (
        "date_too_far"
    )
    # a meeting asks its day, now that the month is read
    assert refused(parse_meeting_time, "mars 9h", "fr", NOW).code == "whole_month"
    # a weekday names a day: « vendredi mars » is no date, not a month missing its year
    assert (
        refused(parse_date_between, "vendredi mars", "fr", TEN_YEARS_BACK, TODAY, TODAY).code == "not_a_date"
    )
    # a decision's: the year asked, the example the last such month in the words typed, read back
    error = refused(parse_date_between, "December", "en", TEN_YEARS_BACK, TODAY, TODAY)
    said = input_error_text(translator("en"), error, "December")
    assert said == "Only the year is missing: please type it as well, e.g. December 2025.", said
    assert parse_date_between("December 2025", "en", TEN_YEARS_BACK, TODAY, today=TODAY) == date(2025, 12, 31)
    # « début » before a month names no day, with or without a year: its month read, the day asked (a
    # quarter is read, as its last day: tests/unit/test_parsing_planners_periods.py)
    for typed in ("début mars", "début mars 2027"):
        assert refused(parse_due_date, typed, "fr", TODAY).code == "day_needed", typed
