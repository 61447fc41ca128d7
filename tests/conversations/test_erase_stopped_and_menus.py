"""/supprimer's confirmation is the chat's live menu: once the person moved on (/annuler, a screen drawn
after it), its « 🗑 Oui » erases nothing and says how to erase still. After an erasure, and for someone who
came through a consultation's public link, the chat's « / » menu is a stranger's (what works for them),
never the plain member's default, whose /dossier, /recap… refuse them; their /aide lists the same."""

from __future__ import annotations

import json
import re

from models.tables import User
from tests.conversations.test_consultations import prepare_default
from tests.conversations.test_menu_per_person import help_commands, menu_seen
from tests.dossier_steps import join
from tests.fakes.request import FakeRequest

NOT_IN_A_COOP = re.compile(r"pas encore partie d’une coopérative|not part of a coop", re.I)
STRANGER = ["parametres", "langue", "aide", "annuler", "mesdonnees", "supprimer"]
STRANGER_EN = ["settings", "language", "help", "cancel", "mydata", "erase"]


async def stored(harness, user_id: int) -> bool:
    async with harness.database.transaction() as session:
        return await session.get(User, user_id) is not None


async def test_cancel_after_supprimer_stops_the_erasure_and_says_how_to_erase_still(harness):
    member = await join(harness, 8870001, "fr", "Coop Annule", role="member")
    await member.send("/supprimer")
    asked, data = member.find_button("🗑 Oui")
    await member.send("/annuler")
    assert "C’est arrêté" in member.reply_text()
    await member.press_data(asked, data)  # a client still showing the button (Telegram may lag)
    assert await stored(harness, member.id), "erased after /annuler said it stopped"
    said = member.reply_text()  # the confirmation itself says so, its button gone
    assert (
        "arrêtée\u00a0: rien n’a été effacé" in said and "/supprimer" in said and not member.buttons(asked)
    ), said


async def test_a_stranger_who_cancels_the_erasure_keeps_their_data(harness):
    stranger = harness.user(8870002, "Sam", "fr")
    await stranger.send("/start")
    await stranger.send("/supprimer")
    asked, data = stranger.find_button("🗑 Oui")
    await stranger.send("/annuler")
    await stranger.press_data(asked, data)
    assert await stored(harness, stranger.id)
    assert "/supprimer" in stranger.reply_text()


async def test_a_screen_drawn_after_the_confirmation_stops_it_but_the_help_does_not(harness):
    member = await join(harness, 8870003, "fr", "Coop Ecran", role="member")
    await member.send("/supprimer")
    asked, data = member.find_button("🗑 Oui")
    await member.send("/dossier")
    await member.press_data(asked, data)
    assert await stored(harness, member.id)
    await member.send("/supprimer")
    await member.send("/aide")  # read before deciding: the confirmation still stands
    await member.press("🗑 Oui")
    assert not await stored(harness, member.id)


async def test_after_erasing_the_menu_is_a_strangers_in_the_apps_language(harness):
    member = await join(harness, 8870004, "fr", "Coop Efface", role="member")
    await member.send("/langue")
    await member.press("English")
    await member.send("/erase")
    await member.press("🗑")
    assert "erased" in member.last_text
    assert menu_seen(harness, member) == STRANGER  # their app speaks French; English was their choice
    await member.send("/" + menu_seen(harness, member)[0])
    assert not NOT_IN_A_COOP.search(member.reply_text()), member.reply_text()


async def test_erasing_on_the_command_line_sets_a_strangers_menu(harness, capsys):
    from bot.cli import erase_user

    member = await join(harness, 8870005, "en", "Coop CLI", role="member")
    assert "dossier" in menu_seen(harness, member)
    await erase_user(harness.settings, harness.database, member.id, False, FakeRequest(harness.fake))
    assert "erased" in capsys.readouterr().out
    chat = (json.dumps({"type": "chat", "chat_id": member.id}, sort_keys=True), None)
    assert chat in harness.fake._commands
    assert menu_seen(harness, member) == STRANGER_EN


async def test_a_consultation_visitors_menu_is_theirs_and_their_help_lists_it(world):
    harness, _clock = world
    director = await join(harness, 8870011, "fr", "Coop Consult")
    link = await prepare_default(director, "15/12/2026", lang="fr")
    guest = harness.user(8870012, "Visiteur", "fr")
    await guest.send("/start " + link.rsplit("start=", 1)[1])
    menu = menu_seen(harness, guest)
    assert menu == STRANGER, menu
    await guest.send("/aide")
    said = "\n".join(reply["text"] for reply in guest.replies)
    assert help_commands(said) == menu and "consultation de la coopérative Coop Consult" in said, said
    for command in menu:
        if command in ("supprimer", "aide"):
            continue
        await guest.send("/" + command)
        assert not NOT_IN_A_COOP.search(guest.reply_text()), (command, guest.reply_text())


async def test_a_consultation_visitor_who_cancels_the_erasure_is_back_at_their_ballot(world):
    """The confirmation, a screen, took the ballot's buttons off: « Annuler » brings the ballot back, its
    answers within reach (« /start » would have led to the welcome, the ballot out of reach)."""
    harness, _clock = world
    director = await join(harness, 8870021, "fr", "Coop Consult")
    link = await prepare_default(director, "15/12/2026", lang="fr")
    guest = harness.user(8870022, "Visiteur", "fr")
    await guest.send("/start " + link.rsplit("start=", 1)[1])
    ballot = guest.last_text
    await guest.send("/supprimer")
    await guest.press("Annuler")
    said = guest.reply_text()
    assert "Rien n’a été effacé." in said and "/start" not in said, said
    assert guest.last_text == ballot and guest.buttons(), (guest.last_text, guest.buttons())
    assert await stored(harness, guest.id)
