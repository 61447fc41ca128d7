"""A deadline typed as a part of a named month, on 23 November 2026. Before, « début mars 2027 » and
« mi-mars 2027 » were answered « Je ne reconnais pas de date », though « début 2027 » got the precise
« ne précise pas le mois… » with a month to type; and « fin mars 2027 au plus tard » was refused, though
« au plus tard fin mars 2027 » was read. Now the month is read and its day asked, with a day of that part
of the month to type (the 1st, the 15th, the last), which is then taken; « au plus tard » after the date
changes nothing, as before it. English alike ("mid-March 2027", "March 2027 at the latest")."""

from __future__ import annotations

from datetime import date

import pytest

from conversations.render.input_errors import input_error_text
from locales import translator
from models.parsing.due_dates import DueDate, parse_date_between, parse_due_date
from models.parsing.text import InputError
from tests.conversations.test_units_and_months_typed import first_indicator
from tests.dossier_steps import join

NBSP = "\u00a0"
TODAY = date(2026, 11, 23)  # the harness's day


async def test_a_part_of_a_month_asks_its_day_and_a_trailing_au_plus_tard_is_read(harness):
    user = await join(harness, 9351, "fr")
    await first_indicator(user)
    await user.send("12,5 %")
    await user.send("25 %")
    await user.send("début mars 2027")  # the target date
    said = user.reply_text()
    assert "ne reconnais pas" not in said, said
    assert (
        f"«{NBSP}début mars 2027{NBSP}» ne précise pas le jour{NBSP}: tapez-le aussi, ex. 1er mars 2027."
        in said
    )
    await user.send("mi-mars 2027")
    said = user.reply_text()
    assert (
        f"«{NBSP}mi-mars 2027{NBSP}» ne précise pas le jour{NBSP}: tapez-le aussi, ex. 15 mars 2027." in said
    )
    await user.send("15 mars 2027")  # the example, typed back: taken
    echo = user.replies[0]["text"]
    assert f"✅ Date cible{NBSP}: 15 mars 2027" in echo, echo
    await user.send("Enquête de satisfaction")
    await user.send("Le responsable qualité")
    await user.send("fin mars 2027 au plus tard")  # the deadline
    echo = user.replies[0]["text"]
    assert f"✅ Échéance{NBSP}: mars 2027 (31 mars 2027)" in echo, echo


@pytest.mark.parametrize(
    ("typed", "language", "said"),
    [
        (
            "late March 2027",
            "en",
            "“late March 2027” gives no day: please type the day as well, e.g. 31 March 2027.",
        ),
        (
            "mid-March 2027",
            "en",
            "“mid-March 2027” gives no day: please type the day as well, e.g. 15 March 2027.",
        ),
        ("the beginning of March", "en", "e.g. 1 March 2027."),
        ("à la mi-mars", "fr", "ne précise pas le jour"),
        ("milieu de mars 2027", "fr", "ex. 15 mars 2027."),
        ("début novembre 2026", "fr", "Cette date est déjà passée."),  # none of its days is ahead
        # December: « de » is not taken for the start of « décembre »
        ("début décembre 2027", "fr", "ex. 1er décembre 2027."),
        ("mid December 2027", "en", "e.g. 15 December 2027."),
        ("début de décembre 2027", "fr", "ex. 1er décembre 2027."),
    ],
)
def test_each_way_of_typing_a_part_of_a_month_is_answered_with_a_day(typed, language, said):
    with pytest.raises(InputError) as refused:
        parse_due_date(typed, language, TODAY)
    assert said in input_error_text(translator(language), refused.value, typed)


@pytest.mark.parametrize(
    "typed", ["March 2027 at the latest", "end of March 2027, at the latest", "fin mars 2027, au plus tard"]
)
def test_at_the_latest_after_a_deadline_changes_nothing(typed):
    assert parse_due_date(typed, "en", TODAY) == DueDate(date(2027, 3, 31), "month")


def test_at_the_latest_after_a_time_from_today_changes_nothing():
    assert parse_due_date("dans 6 mois au plus tard", "fr", TODAY) == DueDate(date(2027, 5, 23), "day")


def test_a_part_of_a_month_without_its_year_looking_back_has_its_year_asked_as_a_month_has():
    with pytest.raises(InputError) as refused:  # a decision's day: the past month is not guessed
        parse_date_between("mi-novembre", "fr", date(2016, 1, 1), TODAY, TODAY)
    assert refused.value.code == "month_without_year"
    said = input_error_text(translator("fr"), refused.value, "mi-novembre")
    assert said.endswith("ex. mi-novembre 2026."), said
