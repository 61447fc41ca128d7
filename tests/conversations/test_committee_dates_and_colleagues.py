"""A decision's date typed as the current month alone is today, not a day in the future; a date not read
(or one that does not exist) is refused with one to type, the same words wherever a date is asked; a
colleague's decision that came first is named, with who recorded it, the comment typed given back."""

from __future__ import annotations

from datetime import date

import pytest

from conversations.render.input_errors import input_error_text
from locales import translator
from models.parsing.due_dates import parse_date_between, parse_due_date
from models.parsing.text import InputError
from tests.conversations.test_decision_resubmitted import two_deciders

NBSP = "\u00a0"
TODAY = date(2026, 11, 23)  # the harness's day
TEN_YEARS_BACK = date(2016, 11, 23)


def refusal_of(parse, *args) -> InputError:
    with pytest.raises(InputError) as refused:
        parse(*args)
    return refused.value


def test_a_month_alone_is_its_last_day_but_the_current_month_is_today():
    assert parse_date_between("novembre 2026", "fr", TEN_YEARS_BACK, TODAY, today=TODAY) == TODAY
    assert parse_date_between("11/2026", "fr", TEN_YEARS_BACK, TODAY, today=TODAY) == TODAY
    assert parse_date_between("août 2026", "fr", TEN_YEARS_BACK, TODAY, today=TODAY) == date(2026, 8, 31)
    # a month still to come stays one: refused, never read as today
    assert refusal_of(parse_date_between, "décembre 2026", "fr", TEN_YEARS_BACK, TODAY, TODAY).code == (
        "date_too_far"
    )
    # a question looking ahead: the current month is its last day, as before
    assert parse_date_between("novembre 2026", "fr", TODAY, date(2027, 5, 23), today=TODAY) == date(
        2026, 11, 30
    )


def test_a_date_refused_shows_one_that_fits_the_question():
    fr, en = translator("fr"), translator("en")
    ahead = refusal_of(parse_due_date, "31/02/2027", "fr", TODAY)  # a deadline: the 15th four months on
    assert (
        input_error_text(fr, ahead, "31/02/2027")
        == "Cette date n’existe pas. Tapez-en une autre, ex. 15/03/2027."
    )
    unread = refusal_of(parse_due_date, "bientôt", "en", TODAY)
    assert input_error_text(en, unread, "bientôt") == (
        "I cannot read “bientôt” as a date. Please type one in this form: 15/03/2027."
    )
    back = refusal_of(parse_date_between, "hier soir", "fr", TEN_YEARS_BACK, TODAY, TODAY)  # a decision's
    assert input_error_text(fr, back, "hier soir") == (
        f"Je ne reconnais pas de date dans «{NBSP}hier soir{NBSP}». Tapez-en une sous cette forme{NBSP}: 23/11/2026."
    )


async def test_the_current_month_typed_for_a_decision_is_today(harness):
    _director, first, _second = await two_deciders(harness, "Coop Datée")
    await first.press("✅ Déclarer recevable")
    await first.send("Recevable.")
    await first.send("bientôt")
    said = first.reply_text()
    assert f"Tapez-en une sous cette forme{NBSP}: 23/11/2026." in said, said
    await first.send("novembre 2026")  # typed on 23 November: not « dans le futur »
    assert "lundi 23 novembre 2026" in first.last_text and "✅ Confirmer" in first.buttons(), first.last_text


async def test_the_colleagues_decision_that_came_first_is_named_with_who_recorded_it(harness):
    _director, first, second = await two_deciders(harness, "Coop Tenue")
    await second.press("⛔ Refuser")
    await second.send("Hors du champ du label.")
    await first.press("📝 Demander des compléments")
    await first.send("Précisez l’engagement 6.")
    await first.press("✅ Confirmer")
    await second.press("✅ Confirmer")
    said = second.reply_text()
    assert (
        f"Une autre décision sur ce dossier vient d’être enregistrée, par Claude{NBSP}: "
        f"«{NBSP}📝 Demander des compléments{NBSP}». Rien n’a été modifié"
    ) in said, said
    assert "Hors du champ du label." in said  # the comment, given back


async def test_a_colleagues_decision_is_said_at_the_date_not_only_at_the_confirmation(harness):
    """An old « ✅ Aujourd’hui » pressed after a colleague decided: said at once, with who, the comment
    given back, instead of a confirmation refused one tap later."""
    _director, first, second = await two_deciders(harness, "Coop Doublée")
    await second.press("✅ Déclarer recevable")
    await second.send("Recevable, bravo.")
    today = second.last  # the date's question, its « ✅ Aujourd’hui »
    await first.press("📝 Demander des compléments")
    await first.send("Précisez l’engagement 6.")
    await first.press("✅ Confirmer")
    await second.press("✅ Aujourd’hui", today)
    said = second.reply_text()
    assert f"Une autre décision sur ce dossier vient d’être enregistrée, par Claude{NBSP}:" in said, said
    assert "Recevable, bravo." in said and "✅ Confirmer" not in second.buttons()
