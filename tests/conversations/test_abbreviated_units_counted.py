"""A coop's own unit « log. » counts homes as « logements » does, in the chat: « 12,5 » and « -3
logements » are refused, saying what « log. » stands for with the question's own example, never stored;
« 12 logements » is taken."""

from __future__ import annotations

from tests.conversations.test_editor_value_before_unit import _ask_current, _current, _said, _set
from tests.conversations.test_miniapp_api import coop_with_indicator

NBSP = "\u00a0"


async def test_an_abbreviated_count_of_homes_takes_whole_numbers_only(web_harness):
    director, dossier = await coop_with_indicator(web_harness, 91131, "Coop Log Point")
    indicator = dossier["engagements"][0]["indicators"][0]["id"]
    await _set(web_harness, director, indicator, "value_kind", "number")
    await _set(web_harness, director, indicator, "unit", "log.")
    await _ask_current(director)
    await director.send("12,5")
    said = _said(director)
    assert "« log. » désigne des logements, à compter à l’unité : donnez un nombre entier (ex. 12 log.)." in (
        said
    ), said
    await director.send("-3 logements")
    said = _said(director)
    assert "« log. » désigne des logements : leur nombre ne peut pas être négatif (ex. 12 log.)." in said, (
        said
    )
    assert await _current(web_harness, indicator) is None
    await director.send("12 logements")
    assert "Valeur actuelle : 12 log." in _said(director), _said(director)
    assert await _current(web_harness, indicator) == "12"
