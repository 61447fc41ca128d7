"""A unit button pressed on a screen drawn before a colleague changed the values a new unit clears (the
current and target values), the unit itself unchanged: as the stale unit, said (who changed what, to
what), nothing cleared, the unit asked again as it now stands, where the same button then acts. The
screen says that changing the unit clears the values. An older screen's unit button, without the marks
of the values, acts as before; marks of another length, or not hex, are out-of-date data."""

from __future__ import annotations

from tests.conversations.test_editor_kind_values import editor_of
from tests.conversations.test_editor_stale_choices import UNIT, in_app, the_indicator, values
from tests.conversations.test_editor_terms_changed import plain

CLEARS = "Le changer efface la valeur actuelle et la valeur cible."


async def unit_screen_of(harness, sam_id: int):
    """Sam's indicator at 12,5 % now, its unit screen opened from its ✏️; Bob, a colleague."""
    sam, bob = await editor_of(harness, sam_id, "✏️ Unité")
    assert UNIT in plain(sam.last_text) and "Actuellement : %" in plain(sam.last_text), sam.last_text
    return sam, bob, sam.last


async def test_the_unit_screen_says_a_change_clears_the_values(web_harness):
    sam, _bob, _unit_screen = await unit_screen_of(web_harness, 9937101)
    assert CLEARS in plain(sam.last_text), sam.last_text


async def test_a_unit_button_overtaken_by_a_colleagues_values_clears_nothing(web_harness):
    sam, bob, unit_screen = await unit_screen_of(web_harness, 9937111)
    await in_app(web_harness, bob, [("current_value", "14", "12.5"), ("target_value", "30", None)])
    await sam.press("€", unit_screen)
    said = plain(sam.reply_text())
    assert said.startswith(
        "⚠️ Bob a modifié « Valeur actuelle » entre-temps : c’est désormais « 14 % ».\n"
        "Bob a modifié « Valeur cible » entre-temps : c’est désormais « 30 % ».\n"
        "Votre réponse « € » n’a pas été enregistrée.\n"
    ), said
    assert values(await the_indicator(web_harness)) == ("number", "percent", "14", "30")
    assert UNIT in said and "Actuellement : %" in said and CLEARS in said, said  # as it now stands
    await sam.press("€")  # chosen again, knowing what it clears: taken
    assert values(await the_indicator(web_harness)) == ("number", "euro", None, None)


async def test_another_change_is_no_reason_to_refuse(web_harness):
    sam, bob, unit_screen = await unit_screen_of(web_harness, 9937121)
    await in_app(web_harness, bob, [("rationale", "Parce que, vraiment.", "Parce que.")])
    await sam.press("€", unit_screen)
    assert values(await the_indicator(web_harness)) == ("number", "euro", None, None)


async def test_the_unit_it_has_clears_nothing_and_is_not_refused(web_harness):
    sam, bob, unit_screen = await unit_screen_of(web_harness, 9937131)
    await in_app(web_harness, bob, [("current_value", "14", "12.5")])
    await sam.press("%", unit_screen)  # the unit it has: nothing cleared, nothing to refuse
    assert "entre-temps" not in plain(sam.reply_text()), sam.reply_text()
    assert values(await the_indicator(web_harness)) == ("number", "percent", "14", None)


async def test_an_older_screens_unit_button_acts_as_before(web_harness):
    """Data drawn before the values' mark (« iu:<id>:e »): not known what it showed, taken as before."""
    sam, bob, unit_screen = await unit_screen_of(web_harness, 9937141)
    await in_app(web_harness, bob, [("current_value", "14", "12.5")])
    row = await the_indicator(web_harness)
    await sam.press_data(unit_screen, f"iu:{row.id}:e")
    assert values(await the_indicator(web_harness)) == ("number", "euro", None, None)


async def test_unit_buttons_stay_within_64_bytes_and_garbled_marks_are_out_of_date(web_harness):
    sam, _bob, unit_screen = await unit_screen_of(web_harness, 9937151)
    datas = [b["callback_data"] for row in unit_screen["reply_markup"]["inline_keyboard"] for b in row]
    units = [data for data in datas if data.startswith("iu:")]
    assert len(units) == 6 and all(len(data.encode()) <= 64 for data in units), units
    assert all(len(data.split(":")[2]) > 2 for data in units), units  # the marks are carried
    row = await the_indicator(web_harness)
    for code in ("e" + "a" * 11, "e" + "Z" * 12, "e" + "A" * 12, "e" + "a" * 13, "x" + "a" * 12):
        await sam.press_data(sam.last, f"iu:{row.id}:{code}")
        said = [plain(sam.reply_text()), *sam.alerts, plain(sam.last_text)]
        assert any("Ce menu n’est plus à jour" in text for text in said), (code, said)
    assert values(await the_indicator(web_harness)) == ("number", "percent", "12.5", None)
