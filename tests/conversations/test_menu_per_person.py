"""Each person's « / » menu lists what /help lists for them, in their language, set again whenever it can
change (the first /start, a language chosen, joining a coop or its direction, taken off a team, a
federation role given or taken back); /help lists every command that works for them; a federation command
refused says where to go instead."""

from __future__ import annotations

import json
import re

import pytest

from bot import staff
from models.tables import FederationRoleName
from models.users import grant_federation_role
from tests.conftest import ADMIN_ID
from tests.dossier_steps import join, open_home
from tests.fakes.request import FakeRequest
from tests.harness import BotHarness, ChatUser

PLAIN_MEMBER = [
    "dossier",
    "recap",
    "pdf",
    "progres",
    "calendrier",
    "federation",
    "bilan",
    "partage",
    "parametres",
    "langue",
    "aide",
    "annuler",
    "mesdonnees",
    "supprimer",
]


def menu_seen(harness: BotHarness, user: ChatUser) -> list[str]:
    """The « / » menu Telegram shows this person (the fake looks it up as Telegram does)."""
    return harness.fake.menu_in_private(user.id, user.tg.get("language_code"))


def help_commands(text: str) -> list[str]:
    """The commands /help lists, in its order."""
    return re.findall(r"^/(\w+) — ", text, flags=re.M)


async def grant(harness: BotHarness, user_id: int, role: FederationRoleName) -> None:
    async with harness.database.transaction() as session:
        await grant_federation_role(session, user_id, role)


async def person(harness: BotHarness, role: str, language: str, user_id: int = 8810001) -> ChatUser:
    """Someone in each place: in no coop, a coop's member or direction, on the federation's side."""
    if role in ("member", "direction"):
        return await join(harness, user_id, language, f"Coop {user_id}", role=role)
    if role in ("committee", "admin", "committee on a team"):
        committee = FederationRoleName.ADMIN if role == "admin" else FederationRoleName.COMMITTEE
        await grant(harness, user_id, committee)
    if role == "committee on a team":
        return await join(harness, user_id, language, f"Coop {user_id}", role="member")
    user = harness.user(user_id, language_code=language)
    await user.send("/start")
    return user


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize(
    "role", ["stranger", "member", "direction", "committee", "admin", "committee on a team"]
)
async def test_the_menu_lists_what_help_lists_for_this_person(harness, role, language):
    user = await person(harness, role, language)
    menu = menu_seen(harness, user)  # set at their first /start, before any /help
    await user.send("/help" if language == "en" else "/aide")
    assert menu == help_commands(user.reply_text()), (menu, user.reply_text())
    assert ("export" in menu) == (role in ("direction", "committee", "admin", "committee on a team"))
    assert ("comite" in menu or "committee" in menu) == role.startswith("committee")


async def test_the_menu_of_a_chat_never_set_is_a_plain_members(harness):
    """Someone who has not written since the menus became each person's: the most common person's."""
    stranger = harness.user(8810002, language_code="fr")
    assert menu_seen(harness, stranger) == PLAIN_MEMBER
    english = harness.user(8810003, language_code="en")
    assert menu_seen(harness, english)[:3] == ["dossier", "recap", "pdf"]
    assert "sharing" in menu_seen(harness, english) and "export" not in menu_seen(harness, english)


async def test_the_menu_follows_a_role_given_after_the_language_was_chosen_at_the_next_help(harness):
    user = harness.user(8810004, language_code="fr")
    await user.send("/langue")
    await user.press("Français")
    assert "comite" not in menu_seen(harness, user)
    await grant(harness, user.id, FederationRoleName.COMMITTEE)  # as another instance would
    await user.send("/aide")
    assert "comite" in menu_seen(harness, user) and "dossier" not in menu_seen(harness, user)


async def test_a_language_chosen_sets_that_persons_menu_in_it(harness):
    member = await join(harness, 8810005, "fr", "Coop Langue", role="member")
    await member.send("/langue")
    await member.press("English")
    menu = menu_seen(harness, member)
    assert menu[:2] == ["dossier", "recap"] and "settings" in menu and "export" not in menu


async def test_the_menu_follows_a_member_who_becomes_direction(harness):
    member = await join(harness, 8810006, "fr", "Coop M", role="member")
    assert "export" not in menu_seen(harness, member)  # a member's /export is refused
    await member.send(f"/start {member.invitations.direction_token}")
    assert "export" in menu_seen(harness, member)


async def test_someone_taken_off_a_team_loses_its_commands_from_the_menu_at_once(harness):
    camille = await join(harness, 8810007, "fr", "Coop Équipe")
    bob = harness.user(8810008, "Bob", "fr")
    await bob.send(f"/start {camille.invitations.member_token}")
    assert "dossier" in menu_seen(harness, bob)
    await open_home(camille)
    await camille.press("🤝 Mon équipe")
    await camille.press("➖ 2. Bob")
    await camille.press("de l’équipe")  # the confirmation
    assert "ne voit plus le dossier" in camille.last_text
    menu = menu_seen(harness, bob)  # Bob has sent nothing since
    assert "dossier" not in menu and menu[0] == "parametres" and "aide" in menu


async def test_a_role_given_or_taken_back_on_the_command_line_sets_the_menu_at_once(harness, capsys):
    user = harness.user(8810009, language_code="en")
    await user.send("/start")
    assert "committee" not in menu_seen(harness, user)
    request = FakeRequest(harness.fake)
    await staff.add_role(harness.settings, harness.database, user.id, FederationRoleName.COMMITTEE, request)
    assert "is now committee" in capsys.readouterr().out
    assert menu_seen(harness, user)[:2] == ["committee", "dashboard"]  # in English, the person's language
    await staff.remove_role(
        harness.settings, harness.database, user.id, FederationRoleName.COMMITTEE, request
    )
    assert "committee" not in menu_seen(harness, user) and "settings" in menu_seen(harness, user)
    harness.fake.fail_next("setMyCommands", 400, "Bad Request: chat not found")
    await staff.add_role(harness.settings, harness.database, user.id, FederationRoleName.ADMIN, request)
    said = capsys.readouterr().out
    assert "is now admin" in said and "follows at their next /start or /help" in said  # the role stays


async def test_help_lists_every_command_that_works_for_them(harness):
    director = await join(harness, 8810010, "fr", "Coop P")
    await director.send("/partage")
    assert "Partage avec le réseau" in director.reply_text()
    await director.send("/aide")
    assert "partage" in help_commands(director.reply_text())

    committee = await person(harness, "committee", "fr", 8810011)
    await committee.send("/calendrier")
    assert "Prochaines dates" in committee.reply_text()
    await committee.send("/aide")
    said = committee.reply_text()
    assert {"calendrier", "parametres"} <= set(help_commands(said))
    assert (
        "(ajoutez «\u00a0engagements\u00a0» pour le détail par engagement, «\u00a0csv\u00a0» pour un tableau)"
        in said
    )

    stranger = harness.user(8810012, language_code="en")
    await stranger.send("/settings")
    assert "Language" in stranger.reply_text()
    await stranger.send("/help")
    assert "/settings — Settings: the language" in stranger.reply_text()

    admin = harness.user(ADMIN_ID, "Ad", "en")
    await admin.send("/help")
    assert (
        "/dashboard — Dashboard: coops engaged, by stage (add “engagements” for each engagement"
        in admin.reply_text()
    )
    assert "calendar" not in help_commands(admin.reply_text())  # the committee's dates, not an admin's


@pytest.mark.parametrize(
    ("language", "command", "refusal", "way"),
    [
        ("fr", "/comite", "Ceci est réservé au comité de validation.", "Le dossier de votre coopérative"),
        (
            "en",
            "/committee",
            "This is reserved for the validation committee.",
            "Your coop’s dossier: /dossier",
        ),
        ("fr", "/annonce", "Ceci est réservé aux administrateurs de la fédération.", "/dossier"),
        ("en", "/dashboard", "This is reserved for the federation (administrators and", "/help."),
    ],
)
async def test_a_federation_command_refused_to_a_member_says_where_to_go(
    harness, language, command, refusal, way
):
    member = await join(harness, 8810013, language, "Coop R", role="member")
    await member.send(command)
    said = member.reply_text()
    assert said.startswith(refusal) and way in said, said
    assert ("/aide." if language == "fr" else "/help.") in said


async def test_a_federation_command_refused_to_someone_in_no_coop_points_to_help(harness):
    stranger = harness.user(8810014, language_code="fr")
    await stranger.send("/tableau")
    said = stranger.reply_text()
    assert said.endswith("Toutes les commandes à votre disposition\u00a0: /aide.") and "/dossier" not in said


async def test_erasing_someone_on_the_command_line_sets_a_strangers_menu_as_supprimer_does(harness, capsys):
    from bot.cli import erase_user

    user = harness.user(8810011, language_code="fr")
    await user.send("/start")
    chat = (json.dumps({"type": "chat", "chat_id": user.id}, sort_keys=True), None)
    assert chat in harness.fake._commands  # set at their /start
    await erase_user(harness.settings, harness.database, user.id, False, FakeRequest(harness.fake))
    assert "erased" in capsys.readouterr().out
    assert [command["command"] for command in harness.fake._commands[chat]] == [
        "parametres",
        "langue",
        "aide",
        "annuler",
        "mesdonnees",
        "supprimer",
    ]  # a newcomer's, in their app's language: never the default plain member's, which refuses them
