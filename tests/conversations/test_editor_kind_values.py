"""A kind button pressed on a screen drawn before a colleague changed the values a new kind clears (the
current and target values, the unit a kind other than a number drops), the kind itself unchanged: as
the stale kind, said (who changed what, to what), nothing cleared, the kind asked again as it now
stands, where the same button then acts. An older screen's button, which carries no mark of the values,
acts as before; a change of anything else (the rationale) is no reason to refuse."""

from __future__ import annotations

from tests.conversations.test_editor_stale_choices import KIND, in_app, the_indicator, values
from tests.conversations.test_editor_terms_changed import plain, suggested_indicator
from tests.dossier_steps import open_home

NOT_SAVED = "Votre réponse « 👍 Oui / non » n’a pas été enregistrée.\n"


async def editor_of(harness, sam_id: int, button: str):
    """Sam's indicator at 12,5 % now, one of its fields opened from its ✏️ (``button``); Bob, a colleague."""
    sam, bob = await suggested_indicator(harness, sam_id, sam_id + 1, "fr")
    await sam.send("12,5")
    await open_home(sam)
    await sam.press("📊")
    await sam.press(" 1 · ")
    await sam.press("1 · ")
    await sam.press(button)
    return sam, bob


async def kind_screen_of(harness, sam_id: int):
    """Sam's indicator at 12,5 % now, its kind screen opened from its ✏️; Bob, a colleague."""
    sam, bob = await editor_of(harness, sam_id, "✏️ Type")
    assert KIND in plain(sam.last_text) and "Actuellement : 🔢 Un nombre" in plain(sam.last_text)
    return sam, bob, sam.last


async def test_a_kind_button_overtaken_by_a_colleagues_values_clears_nothing(web_harness):
    sam, bob, kind_screen = await kind_screen_of(web_harness, 9936101)
    await in_app(web_harness, bob, [("current_value", "14", "12.5"), ("target_value", "30", None)])
    await sam.press("👍 Oui / non", kind_screen)
    said = plain(sam.reply_text())
    assert said.startswith(
        "⚠️ Bob a modifié « Valeur actuelle » entre-temps : c’est désormais « 14 % ».\n"
        "Bob a modifié « Valeur cible » entre-temps : c’est désormais « 30 % ».\n" + NOT_SAVED
    ), said
    assert values(await the_indicator(web_harness)) == ("number", "percent", "14", "30")
    assert KIND in said and "Actuellement : 🔢 Un nombre" in said, said  # the question as it now stands
    assert "Le changer efface la valeur actuelle et la valeur cible." in said, said
    await sam.press("👍 Oui / non")  # chosen again, knowing what it clears: taken
    assert "✅ Type de valeur : 👍 Oui / non" in plain(sam.reply_text()), sam.reply_text()
    assert values(await the_indicator(web_harness)) == ("yes_no", None, None, None)


async def test_a_unit_a_colleague_chose_is_not_dropped_unsaid(web_harness):
    sam, bob, kind_screen = await kind_screen_of(web_harness, 9936111)
    await in_app(web_harness, bob, [("unit", "euro", "percent")])  # which clears the current value
    await sam.press("📝", kind_screen)
    said = plain(sam.reply_text())
    assert said.startswith(
        "⚠️ Bob a modifié « Unité » entre-temps : c’est désormais « € ».\n"
        "Bob a modifié « Valeur actuelle » entre-temps : c’est désormais « — ».\n"
    ), said
    assert values(await the_indicator(web_harness)) == ("number", "euro", None, None)


async def test_the_same_kind_or_another_change_is_no_reason_to_refuse(web_harness):
    sam, bob, kind_screen = await kind_screen_of(web_harness, 9936121)
    await in_app(web_harness, bob, [("rationale", "Parce que, vraiment.", "Parce que.")])
    await sam.press("👍 Oui / non", kind_screen)
    assert "✅ Type de valeur : 👍 Oui / non" in plain(sam.reply_text()), sam.reply_text()
    assert values(await the_indicator(web_harness)) == ("yes_no", None, None, None)


async def test_an_older_screens_kind_button_acts_as_before(web_harness):
    """Data drawn before the values' mark (« ik:<id>:yn »): not known what it showed, taken as before."""
    sam, bob, kind_screen = await kind_screen_of(web_harness, 9936131)
    await in_app(web_harness, bob, [("current_value", "14", "12.5")])
    row = await the_indicator(web_harness)
    await sam.press_data(kind_screen, f"ik:{row.id}:yn")
    assert "✅ Type de valeur : 👍 Oui / non" in plain(sam.reply_text()), sam.reply_text()
    assert values(await the_indicator(web_harness)) == ("yes_no", None, None, None)


async def test_kind_buttons_stay_within_64_bytes(web_harness):
    _sam, _bob, kind_screen = await kind_screen_of(web_harness, 9936141)
    datas = [b["callback_data"] for row in kind_screen["reply_markup"]["inline_keyboard"] for b in row]
    kinds = [data for data in datas if data.startswith("ik:")]
    assert len(kinds) == 3 and all(len(data.encode()) <= 64 for data in kinds), kinds


async def test_garbled_marks_are_out_of_date_data(web_harness):
    """Marks of another length or not hex (« ynZZ… »): no version draws them, nothing stored."""
    sam, _bob, _kind_screen = await kind_screen_of(web_harness, 9936151)
    row = await the_indicator(web_harness)
    for code in ("yn" + "a" * 17, "yn" + "Z" * 18, "yn" + "A" * 18, "yn" + "a" * 19):
        await sam.press_data(sam.last, f"ik:{row.id}:{code}")
        said = [plain(sam.reply_text()), *sam.alerts, plain(sam.last_text)]
        assert any("Ce menu n’est plus à jour" in text for text in said), said
    assert values(await the_indicator(web_harness)) == ("number", "percent", "12.5", None)
