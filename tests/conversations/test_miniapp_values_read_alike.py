"""The Mini App's values and dates read as the chat reads them (both call models/parsing): a number typed
with a unit its indicator has not got yet is refused, not stored without it; a unit chosen afterwards
never re-labels a value that does not fit it; a coop's own unit with its dot (« 12 log. ») reads back;
any decimal digits are read alike in a date and a number; « fin 2027 » is December 2027."""

from __future__ import annotations

import pytest

from conversations.render.formatting import value_example
from locales import Translator
from models.tables import Indicator
from tests.conversations.test_indicator_kinds import legacy_values, with_indicator
from tests.conversations.test_miniapp_api import auth, client, coop_with_indicator

PLAIN = str.maketrans({"\u00a0": " ", "\u202f": " "})


async def _save(http, user, entity, row_id, name, value, expected=None):
    body = {"entity": entity, "id": row_id, "field": name, "value": value, "expected": expected}
    return await http.post("/app/api/field", headers=auth(user), json=body)


async def _stored(harness, indicator_id: int) -> Indicator:
    async with harness.database.transaction() as session:
        return await session.get(Indicator, indicator_id, populate_existing=True)


async def test_a_percentage_typed_before_the_unit_is_refused_then_taken_once_chosen(web_harness):
    director, dossier = await coop_with_indicator(web_harness, 91101, "Coop Unité Tardive")
    indicator = dossier["engagements"][0]["indicators"][0]["id"]
    async with client(web_harness) as http:
        assert (
            await _save(http, director, "indicator", indicator, "value_kind", "number")
        ).status_code == 200
        refused = await _save(http, director, "indicator", indicator, "current_value", "12,5 %")
        assert refused.status_code == 422, refused.text
        said = refused.json()["error"].translate(PLAIN)
        assert said.startswith("Cet indicateur n’a pas encore d’unité : choisissez d’abord « % »"), said
        assert (await _stored(web_harness, indicator)).current_value is None
        assert (await _save(http, director, "indicator", indicator, "unit", "euro")).status_code == 200
        assert (await _stored(web_harness, indicator)).current_value is None  # never « 12,50 € »
        assert (
            await _save(http, director, "indicator", indicator, "unit", "percent", "euro")
        ).status_code == 200
        taken = await _save(http, director, "indicator", indicator, "current_value", "12,5 %")
    assert taken.status_code == 200, taken.text
    assert taken.json()["field"]["shown"].translate(PLAIN) == "12,5 %"


@pytest.mark.parametrize(("typed", "unit", "kept"), [("12,5", "euro", "12.5"), ("150", "percent", None)])
async def test_a_number_typed_alone_takes_the_unit_chosen_after_it_if_it_fits(web_harness, typed, unit, kept):
    """A bare number is the coop's (the Mini App shows the unit beside it, to choose after): kept in the
    unit chosen when it fits it; 150 is no share, cleared rather than shown « 150 % »."""
    director, dossier = await coop_with_indicator(web_harness, 91102, "Coop Nombre Seul")
    indicator = dossier["engagements"][0]["indicators"][0]["id"]
    async with client(web_harness) as http:
        assert (
            await _save(http, director, "indicator", indicator, "value_kind", "number")
        ).status_code == 200
        assert (
            await _save(http, director, "indicator", indicator, "current_value", typed)
        ).status_code == 200
        assert (await _save(http, director, "indicator", indicator, "unit", unit)).status_code == 200
    assert (await _stored(web_harness, indicator)).current_value == kept


async def test_values_typed_before_a_kind_keep_the_unit_they_were_typed_with(web_harness):
    """Older data (« 12,5 % » typed before any kind): the kind chosen, the « % » becomes the unit, not
    dropped (then « 12,50 € » once € chosen)."""
    director, indicator_id = await with_indicator(web_harness, 91103, "Coop Relecture Unité")
    await legacy_values(web_harness, indicator_id, "12,5 %", "30")
    async with client(web_harness) as http:
        assert (
            await _save(http, director, "indicator", indicator_id, "value_kind", "number")
        ).status_code == 200
    after = await _stored(web_harness, indicator_id)
    assert (after.unit, after.current_value, after.target_value) == ("percent", "12.5", "30")


@pytest.mark.parametrize("unit", ["log.", "hab.", "pers.", "pour 1000 hab."])
async def test_the_questions_own_example_is_accepted(web_harness, unit):
    director, dossier = await coop_with_indicator(web_harness, 92101, "Coop Abrégée")
    indicator = dossier["engagements"][0]["indicators"][0]["id"]
    example = value_example(Translator("fr"), "number", unit)
    assert example == f"ex. 12\u00a0{unit}"  # kept with its number, as the value is shown
    async with client(web_harness) as http:
        assert (
            await _save(http, director, "indicator", indicator, "value_kind", "number")
        ).status_code == 200
        assert (await _save(http, director, "indicator", indicator, "unit", unit)).status_code == 200
        typed = example.removeprefix("ex. ")
        answer = await _save(http, director, "indicator", indicator, "current_value", typed)
        assert answer.status_code == 200, f"« {typed} », the question's own example, refused: {answer.json()}"
        shown = answer.json()["field"]["shown"]
        again = await _save(http, director, "indicator", indicator, "target_value", shown)  # its own display
    assert answer.json()["field"]["value"] == "12"
    assert again.status_code == 200, f"« {shown} », as the page shows it, refused: {again.json()}"


async def test_arabic_indic_digits_are_read_alike_in_a_date_and_a_number(web_harness):
    director, dossier = await coop_with_indicator(web_harness, 93101, "Coop Chiffres")
    indicator = dossier["engagements"][0]["indicators"][0]
    action = indicator["actions"][0]["id"]
    async with client(web_harness) as http:
        for name, value in (("value_kind", "number"), ("unit", "percent")):
            assert (await _save(http, director, "indicator", indicator["id"], name, value)).status_code == 200
        day = await _save(http, director, "action", action, "due_date", "١٥/٠٣/٢٠٢٧")
        number = await _save(http, director, "indicator", indicator["id"], "current_value", "٣٠")
    assert (day.status_code, number.status_code) == (200, 200), number.text
    assert number.json()["field"]["value"] == "30"


async def test_the_end_of_a_year_is_its_december(web_harness):
    director, dossier = await coop_with_indicator(web_harness, 94101, "Coop Fin d’Année")
    action = dossier["engagements"][0]["indicators"][0]["actions"][0]["id"]
    async with client(web_harness) as http:
        end = await _save(http, director, "action", action, "due_date", "fin 2027")
        middle = await _save(http, director, "action", action, "due_date", "mi-2027")
    assert end.status_code == 200, end.text
    assert "décembre 2027" in end.json()["field"]["shown"]
    assert middle.status_code == 422 and "juin 2027" in middle.json()["error"], middle.text
