"""A chat without clutter: one live menu, old menus that say so, and the wizard's Back and Correct."""

from __future__ import annotations

import copy
from datetime import date

from sqlmodel import select

from models.tables import ChatState, EngagementChoice, Indicator
from tests.dossier_steps import choose, join, open_home


def text(user) -> str:
    """The newest message's text, its no-break spaces read as spaces."""
    return user.last_text.replace("\u00a0", " ").replace("\u202f", " ")


def live_menus(user) -> list[dict]:
    """The bot's messages that still show buttons."""
    return [m for m in user.messages if (m.get("reply_markup") or {}).get("inline_keyboard")]


def calls_since(user, first: int, method: str) -> int:
    """How many calls of one Bot API method the bot made since a point."""
    return sum(1 for call in user.fake.calls[first:] if call.method == method)


async def own_indicator(user, title: str = "Délai de relogement") -> None:
    """From the home: engagement 1's own indicator, its title and rationale answered."""
    await open_home(user)
    await user.press("📊 Indicateurs")
    await user.press(" 1 · ")
    await user.press("➕ Ajouter un indicateur")
    await user.press("✏️ Mon propre indicateur")
    await user.send(title)
    await user.send("Il mesure l’accès au logement.")


async def the_indicator(harness) -> Indicator:
    async with harness.database.transaction() as session:
        return (await session.exec(select(Indicator))).one()


async def test_an_old_menu_says_so_and_opens_the_current_screen_changing_nothing(harness):
    camille = await join(harness, 1301, "fr")
    await camille.send("/dossier")
    await camille.press("Axe 1")
    old_axis = copy.deepcopy(camille.last)  # as the phone still shows it
    toggle = camille.find_button("⬜ 1 · ")[1]
    await camille.send("/dossier")
    home = camille.last
    assert camille.fake.find_message(camille.id, old_axis["message_id"]).get("reply_markup") is None

    await camille.press_data(old_axis, toggle)
    assert text(camille).startswith("🔄 Ce menu n’est plus à jour : voici où vous en êtes.")
    assert "Axe 1 — 0/4" in text(camille) and camille.last["message_id"] > home["message_id"]
    async with harness.database.transaction() as session:
        assert (await session.exec(select(EngagementChoice))).all() == []  # nothing was chosen
    assert live_menus(camille) == [camille.last]  # the home before lost its buttons

    # a button that only opens a screen works from an old message: drawn anew, without a warning
    await camille.press_data(old_axis, "home")
    assert text(camille).startswith("🏠") and len(live_menus(camille)) == 1
    # the current screen's own buttons act, in place
    await camille.press("Axe 2")
    await camille.press("⬜ 5 · ")
    assert "✅ 5 · " in " ".join(camille.buttons()) and len(live_menus(camille)) == 1


async def test_answered_questions_lose_their_buttons_one_edit_per_answer(harness):
    camille = await join(harness, 1302, "fr")
    await choose(camille, [1])
    await own_indicator(camille)
    await camille.press("🔢")
    await camille.press("%")
    for answer in ("12,5", "30", "05/2028", "Former l’équipe", "La directrice", "03/2027"):
        first = len(camille.fake.calls)
        await camille.send(answer)
        assert calls_since(camille, first, "sendMessage") == 1
        assert calls_since(camille, first, "editMessageReplyMarkup") == 1  # the answered question's
        assert live_menus(camille) == [camille.last]
    assert len(camille.messages) > 10


async def test_back_in_the_wizard_is_the_previous_question(harness):
    camille = await join(harness, 1303, "fr")
    await choose(camille, [1])
    await own_indicator(camille)
    assert "Étape 3/7" in text(camille) and "valeur prend-il" in text(camille)
    await camille.press("⬅️ Retour")  # the kind's screen → the rationale
    assert "Étape 2/7" in text(camille) and "Actuellement : Il mesure" in text(camille)
    await camille.press("⬅️ Retour")
    assert "Étape 1/7" in text(camille) and "Actuellement : Délai de relogement" in text(camille)
    await camille.press("✅ Garder")
    assert "Étape 2/7" in text(camille)
    await camille.press("✅ Garder")
    await camille.press("🔢")
    await camille.press("%")
    assert "Étape 5/7" in text(camille)
    await camille.press("⬅️ Retour")
    assert "Dans quelle unité" in text(camille) and "Actuellement : %" in text(camille)
    await camille.press("⬅️ Retour")
    assert "valeur prend-il" in text(camille)
    await camille.press("🔢")  # the same kind again: the unit chosen stays, the wizard goes on
    assert "Étape 5/7" in text(camille) and "valeur actuelle" in text(camille)
    await camille.send("10")
    assert "Étape 6/7" in text(camille)


async def test_dossier_in_the_middle_of_a_question_opens_the_home(harness):
    camille = await join(harness, 1304, "fr")
    await choose(camille, [1])
    await own_indicator(camille)
    await camille.press("🔢")
    await camille.press("%")
    await camille.send("/dossier")
    assert text(camille).startswith("🏠") and "Vous étiez ici" not in camille.reply_text()
    await camille.send("12")  # no question waits any more
    assert "pas compris" in camille.reply_text()
    assert (await the_indicator(harness)).current_value is None


async def test_an_echoed_number_or_date_can_be_corrected_without_a_confirmation(harness):
    camille = await join(harness, 1305, "fr")
    await choose(camille, [1])
    await own_indicator(camille)
    await camille.press("🔢")
    await camille.press("%")
    await camille.send("125")  # a typo for 12,5: over 100 %, refused
    await camille.send("25")  # another typo, understood: stored at once, echoed
    assert text(camille).startswith("✅ Valeur actuelle : 25 %")
    assert "Quelle valeur cible" in text(camille) and "✏️ Corriger" in camille.buttons()
    assert (await the_indicator(harness)).current_value == "25"
    await camille.press("✏️ Corriger")
    assert "Quelle est sa valeur actuelle" in text(camille) and "Actuellement : 25 %" in text(camille)
    await camille.send("12,5")
    assert text(camille).startswith("✅ Valeur actuelle : 12,5 %") and "Quelle valeur cible" in text(camille)
    await camille.send("30")
    await camille.send("mai 2028")
    assert "Date cible : mai 2028 (31 mai 2028)" in text(camille) and "✏️ Corriger" in camille.buttons()
    await camille.press("✏️ Corriger")
    await camille.send("30/06/2028")
    indicator = await the_indicator(harness)
    assert (indicator.current_value, indicator.target_date) == ("12.5", date(2028, 6, 30))
    # a text is not corrected this way: its echo has no such button
    await camille.send("Former l’équipe")
    assert "✏️ Corriger" not in camille.buttons()


async def test_english_echoes_have_no_space_before_the_colon(harness):
    sam = await join(harness, 1306, "en")
    await choose(sam, [1])
    await open_home(sam)
    await sam.press("📊 Indicators")
    await sam.press(" 1 · ")
    await sam.press("➕ Add an indicator")
    await sam.press("1 · ")
    await sam.send("It keeps homes affordable.")
    await sam.send("12.5")
    assert text(sam).startswith("✅ Current value: 12.5%") and "✏️ Correct" in sam.buttons()
    assert " :" not in text(sam)


async def test_yes_no_indicators_have_buttons_and_the_target_date_is_offered(harness):
    camille = await join(harness, 1307, "fr")
    await choose(camille, [1])
    await own_indicator(camille)
    await camille.press("👍 Oui / non")
    assert camille.buttons()[:2] == ["Oui", "Non"]
    await camille.press("Non")
    assert text(camille).startswith("✅ Valeur actuelle : non") and "✏️ Corriger" not in camille.buttons()
    await camille.press("Oui")
    said = "Par défaut, la fin des 18 mois si le comité du 1er décembre 2026 déclare votre dossier recevable"
    assert said + " : 1er juin 2028." in text(camille)
    assert "Actuellement" not in text(camille) and "📅 1er juin 2028" in camille.buttons()
    await camille.press("📅 1er juin 2028")
    indicator = await the_indicator(harness)
    assert (indicator.current_value, indicator.target_value) == ("no", "yes")
    assert indicator.target_date == date(2028, 6, 1)
    assert "Quelle action" in text(camille)  # on to the first action


async def test_a_unit_can_be_typed_and_numbers_of_it_read(harness):
    camille = await join(harness, 1308, "fr")
    await choose(camille, [1])
    await own_indicator(camille)
    await camille.press("🔢")
    assert "écrivez votre propre unité" in text(camille)
    await camille.send("jours ouvrés")
    assert text(camille).startswith("✅ Unité : jours ouvrés") and "ex. 12 jours ouvrés" in text(camille)
    await camille.send("12 jours ouvrés")
    assert text(camille).startswith("✅ Valeur actuelle : 12 jours ouvrés")
    await camille.send("8")
    indicator = await the_indicator(harness)
    assert (indicator.unit, indicator.current_value, indicator.target_value) == ("jours ouvrés", "12", "8")
    await camille.send("/recap")
    assert "12 jours ouvrés → 8 jours ouvrés" in camille.reply_text().replace("\u00a0", " ")
    # a listed unit typed in words is the listed one
    await open_home(camille)
    await camille.press("📊 Indicateurs")
    await camille.press(" 1 · ")
    await camille.press("1 · ")
    await camille.press("✏️ Unité")
    await camille.send("logements")
    assert (await the_indicator(harness)).unit == "homes"


async def test_the_position_keeps_the_message_of_the_current_screen(harness):
    camille = await join(harness, 1309, "fr")
    await camille.send("/dossier")
    async with harness.database.transaction() as session:
        state = (await session.exec(select(ChatState).where(ChatState.user_id == camille.id))).one()
    assert state.screen_message_id == camille.last["message_id"]


async def saved_message(harness, user) -> int | None:
    """The message saved as a user's live menu."""
    async with harness.database.transaction() as session:
        return (await session.get(ChatState, user.id)).screen_message_id


async def test_a_question_is_the_live_menu_even_when_another_message_went_out_before_it(harness):
    # the next question's id is guessed (the answer's + 1) and saved with the answer in one commit
    camille = await join(harness, 1312, "fr")
    await choose(camille, [1])
    await own_indicator(camille)
    assert await saved_message(harness, camille) == camille.last["message_id"]

    async def reminder(update, context) -> None:  # sent between the answer and its next question
        await context.bot.send_message(update.effective_chat.id, "⏰ Rappel")

    await camille.press("🔢")
    await camille.press("%")
    with harness.meanwhile(reminder):
        sent_meanwhile = (await camille.send("12,5"))[0]
    question = camille.last
    # the guess (the answer's id + 1) went to the reminder
    assert sent_meanwhile["text"] == "⏰ Rappel" and question["message_id"] > sent_meanwhile["message_id"]
    assert await saved_message(harness, camille) == question["message_id"]  # the real one was saved
    assert live_menus(camille) == [question]


async def saved_screen(harness, user) -> str:
    """The screen saved for a user."""
    async with harness.database.transaction() as session:
        return (await session.exec(select(ChatState).where(ChatState.user_id == user.id))).one().screen


async def test_moving_between_menus_saves_nothing_and_a_text_redraws_the_menu_on_display(harness):
    camille = await join(harness, 1310, "fr")
    await camille.send("/dossier")
    await camille.press("Axe 2")
    assert await saved_screen(harness, camille) == "home"  # menus in the same message: nothing saved
    axis = camille.last_text
    await camille.send("bonjour")
    assert "Choisissez avec les boutons de cet écran." in camille.reply_text()
    assert camille.last_text == axis and len(live_menus(camille)) == 1  # the menu on display, anew
    assert await saved_screen(harness, camille) == "axis"  # drawn as a new message: saved with its id


async def test_after_a_restart_a_text_on_a_menu_is_read_on_the_saved_one_and_the_menu_still_acts(harness):
    camille = await join(harness, 1311, "fr")
    await camille.send("/dossier")
    await camille.press("Axe 1")
    axis = camille.last
    await harness.restart()  # the process forgets the menus it drew: the saved home stands
    await camille.send("bonjour")
    assert "pas compris" in camille.reply_text()  # as on the home: an earlier menu, never a question
    await camille.press("⬜ 1 · ", axis)  # the menu on display still acts: its buttons carry their ids
    edited = camille.fake.find_message(camille.id, axis["message_id"])
    assert "✅ 1 · " in " ".join(camille.buttons(edited)) and len(live_menus(camille)) == 1


async def test_a_question_left_for_a_menu_no_longer_takes_a_typed_answer(harness):
    camille = await join(harness, 1312, "fr")
    await choose(camille, [1])
    await own_indicator(camille)  # the wizard now asks what kind of value the indicator takes
    await camille.press("⬅️ Retour")  # the rationale's question: it waits for text
    await camille.press_data(camille.last, "home")  # to a menu, in the same message
    assert await saved_screen(harness, camille) == "home"  # leaving a question is saved
    await camille.send("Un tout autre texte")
    assert "pas compris" in camille.reply_text()
    assert (await the_indicator(harness)).rationale == "Il mesure l’accès au logement."


async def test_a_menu_neither_waits_for_text_nor_has_buttons_that_read_the_saved_position(harness):
    from conversations.ui import states
    from conversations.ui.router import _SCREENS, TEXT_SCREENS

    assert set(_SCREENS) >= states.MENUS  # every menu is a drawn screen
    assert not states.MENUS & (set(TEXT_SCREENS) | set(states.QUESTIONS) | states.READ_BACK)
