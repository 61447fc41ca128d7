"""/parametres and /langue draw the screen the member is at, as every other command's screen is.

Before, they came as a plain message: the menu before (« 🤝 Équipe ») kept its buttons above, two live
menus at once, and a text typed at the settings was answered « 👇 Choisissez avec les boutons de cet
écran » followed by that team screen, not the settings on display. Now each is the chat's live menu: the
menu before loses its buttons, and a text typed points at the settings (or the languages). A question the
command left is still within reach (``test_leaving_a_question``)."""

from tests.dossier_steps import open_home


async def at_the_team_then(harness, user_id: int, command: str):
    """A member of the direction at « 🤝 Mon équipe », who then sends ``command``."""
    coop = await harness.add_coop("Coop Habitat")
    anne = harness.user(user_id, "Anne", "fr")
    await anne.send(f"/start {coop.direction_token}")
    await open_home(anne)
    await anne.press("🤝 Mon équipe")
    await anne.send(command)
    return anne


async def test_a_text_typed_at_the_settings_points_at_the_settings(harness):
    anne = await at_the_team_then(harness, 8600001, "/parametres")
    assert anne.last_text.startswith("⚙️ Paramètres")
    await anne.send("bonjour")
    said = anne.reply_text()
    assert "👇 Choisissez avec les boutons de cet écran" in said, said
    assert "⚙️ Paramètres" in said and "🤝 Équipe" not in said, said


async def test_the_settings_take_the_buttons_off_the_menu_before(harness):
    anne = await at_the_team_then(harness, 8600011, "/parametres")
    team = anne.messages[-2]
    assert team["text"].startswith("🤝 Équipe")
    assert anne.buttons(team) == []
    assert "🌐 Langue" in anne.buttons()


async def test_the_settings_home_button_draws_in_their_message(harness):
    anne = await at_the_team_then(harness, 8600021, "/parametres")
    settings = anne.last
    await anne.press("🏠 Mon dossier")
    assert anne.last["message_id"] == settings["message_id"], anne.last_text  # edited, not a new message
    assert anne.last_text.startswith("🏠 Dossier Quali’Coop")


async def test_the_languages_are_the_screen_too(harness):
    anne = await at_the_team_then(harness, 8600031, "/langue")
    assert anne.last_text.startswith("Quelle langue préférez-vous")
    assert anne.buttons(anne.messages[-2]) == []
    await anne.send("bonjour")
    said = anne.reply_text()
    assert "Quelle langue préférez-vous" in said and "🤝 Équipe" not in said, said
    await anne.press("🇬🇧 English")
    assert anne.last_text.startswith("🏠 Quali’Coop dossier"), anne.last_text
