"""The commands each person may use, one list for both /help and their chat's « / » menu: a coop's
team's, the federation's (by role), everyone's."""

from __future__ import annotations

import logging
from typing import NamedTuple

from telegram import BotCommand, BotCommandScopeChat
from telegram.error import TelegramError

from conversations.render.html import bold, e
from conversations.ui.context import QualiContext, Visitor
from conversations.ui.menus import CHAT_MENUS
from conversations.ui.middleware import context_for_user
from locales import N_, Translator, normalize_language, translator
from models.tables import FederationRoleName as Role

log = logging.getLogger(__name__)

# (command, description) in the order shown by Telegram's menu: what a coop's team uses, then everyone
COOP_COMMANDS = (
    ("dossier", N_("Open my coop’s dossier")),
    ("recap", N_("Review the whole dossier")),
    ("pdf", N_("The dossier as a PDF")),
    ("export", N_("The dossier and its files in a ZIP (the direction)")),
    ("progres", N_("Progress of the indicators and actions")),
    ("calendrier", N_("Dates ahead, for my calendar")),
    ("federation", N_("Ask the federation a question")),
    ("bilan", N_("The checkpoint report before a checkpoint")),
    ("partage", N_("What my coop shares with the network")),
    ("parametres", N_("Language and announcements")),
)
# /parametres outside a coop: only the language (the announcements go to coops' teams)
LANGUAGE_SETTINGS = ("parametres", N_("Settings: the language"))
EVERYONE_COMMANDS = (
    ("langue", N_("Change the language")),
    ("aide", N_("What this assistant does")),
    ("annuler", N_("Stop the current question")),
    ("mesdonnees", N_("Everything stored about me")),
    ("supprimer", N_("Erase my personal data")),
)
# the federation's commands, each with the roles that may use it (one a coop's part lists already, as
# /calendrier for a committee member on a team, is not listed twice); and what each role does here
FEDERATION_COMMANDS = (
    ("comite", N_("The dossiers and the committee’s decisions"), {Role.COMMITTEE}),
    ("annonce", N_("Announce a VisioCoop meeting to the coops"), {Role.ADMIN}),
    ("demandes", N_("The coops’ requests to the federation"), {Role.ADMIN}),
    (
        "tableau",
        N_("Dashboard: coops engaged, by stage (add “engagements” for each engagement, “csv” for a table)"),
        {Role.ADMIN, Role.COMMITTEE},
    ),
    ("export", N_("A coop’s dossier as a ZIP"), {Role.ADMIN, Role.COMMITTEE}),
    ("calendrier", N_("The committee’s dates ahead, for my calendar"), {Role.COMMITTEE}),
)
ROLE_WORK = {
    Role.COMMITTEE: N_("On the validation committee, you read the dossiers and record its decisions."),
    Role.ADMIN: N_("As an administrator, you announce meetings, answer the coops and follow their progress."),
}
# the English name of each command with a French one (both work, in every language): an English
# speaker is shown /progress, not /progres
ENGLISH_NAMES = {
    "langue": "language",
    "aide": "help",
    "annuler": "cancel",
    "progres": "progress",
    "bilan": "report",
    "calendrier": "calendar",
    "parametres": "settings",
    "partage": "sharing",
    "mesdonnees": "mydata",
    "supprimer": "erase",
    "comite": "committee",
    "annonce": "announce",
    "demandes": "requests",
    "tableau": "dashboard",
}
FRENCH_NAMES = {english: french for french, english in ENGLISH_NAMES.items()}


def command_name(t: Translator, name: str) -> str:
    """A command as its reader's language calls it (« progres » in French, "progress" in English)."""
    return name if t.language == "fr" else ENGLISH_NAMES.get(name, name)


def command_as_read(t: Translator, typed: str) -> str:
    """A command as typed (« /parametres », « /Settings »), as its reader's language calls it (« /settings »
    in English); one named alike in both languages, or unknown, as typed."""
    name = typed.removeprefix("/").lower()
    french = FRENCH_NAMES.get(name, name)
    return f"/{command_name(t, french)}" if french in ENGLISH_NAMES else typed


class CommandSections(NamedTuple):
    """What a person may use, as /help groups it: their coop's team's commands, the federation's (their
    roles'), everyone's; each a tuple of (command, description)."""

    coop: tuple
    federation: tuple
    everyone: tuple


def command_sections(visitor: Visitor | None) -> CommandSections:
    """The commands this person may use: /export among a coop's only for its direction (the federation's
    staff find theirs, for every coop, in their own part); /parametres, outside a coop, for the language."""
    roles = visitor.roles if visitor is not None else set()
    staff = bool(roles & {Role.ADMIN, Role.COMMITTEE})
    coop: tuple = ()
    if visitor is not None and visitor.coop is not None:
        direction = visitor.is_direction and not staff
        coop = tuple(command for command in COOP_COMMANDS if command[0] != "export" or direction)
    listed = {name for name, _ in coop}
    federation = tuple(
        (name, description)
        for name, description, allowed in FEDERATION_COMMANDS
        if roles & allowed and name not in listed
    )
    everyone = EVERYONE_COMMANDS if coop else (LANGUAGE_SETTINGS, *EVERYONE_COMMANDS)
    return CommandSections(coop, federation, everyone)


def bot_commands(t: Translator, visitor: Visitor | None) -> list[BotCommand]:
    """This person's « / » menu in one language: what /help lists for them, in its order."""
    return _menu(t, command_sections(visitor))


def default_commands(t: Translator) -> list[BotCommand]:
    """The « / » menu of a chat whose own was never set (someone who has not written since these menus
    became each person's, or came in through a consultation's link): a plain member's, the most common
    person, who would otherwise lose /dossier; every other person's is set at their first /start."""
    plain_member = tuple(command for command in COOP_COMMANDS if command[0] != "export")
    return _menu(t, CommandSections(plain_member, (), EVERYONE_COMMANDS))


def _menu(t: Translator, sections: CommandSections) -> list[BotCommand]:
    """The sections' commands as Telegram's menu, named and described in the reader's language."""
    return [
        BotCommand(command_name(t, name), t.gettext(description))
        for section in sections
        for name, description in section
    ]


def command_lines(context: QualiContext, commands) -> list[str]:
    """« /dossier — Open my coop’s dossier », one line per command (HTML)."""
    return [f"/{command_name(context.t, name)} — {e(context._(what))}" for name, what in commands]


def federation_part(context: QualiContext) -> list[str]:
    """What a committee member or an admin does here (both, for both roles), with their commands."""
    roles = context.visitor.roles
    work = [e(context._(text)) for role, text in ROLE_WORK.items() if role in roles]
    commands = command_sections(context.visitor).federation
    return ["🏛 " + bold(context._("For the federation")), *work, "", *command_lines(context, commands)]


def is_staff(context: QualiContext) -> bool:
    """Whether the visitor is on the federation's side (committee or admin)."""
    return context.visitor is not None and (context.visitor.is_committee or context.visitor.is_admin)


async def set_chat_menu(context: QualiContext) -> None:
    """The visitor's chat's « / » menu: what /help lists for them now, in their language. Called once a
    change is committed (never holding a connection); the whole list each time, from what this update
    read: another instance's change committed meanwhile (a removal) may be undone by this late call until
    their next /start or /aide sets it again — the refusals of commands stay polite meanwhile. Telegram
    refusing it costs nothing: the menu before stays, the answer follows."""
    user_id = context.visitor.user.id
    commands = bot_commands(context.t, context.visitor)
    try:
        await context.bot.set_my_commands(commands, scope=BotCommandScopeChat(user_id))
    except TelegramError as error:
        log.warning("the command menu of %s not set in %s: %s", user_id, context.t.language, error)


async def set_stranger_menu(context: QualiContext, user_id: int, app_language: str | None) -> None:
    """The « / » menu of a chat whose person the bot no longer knows (erased, by /supprimer or the command
    line): a newcomer's (their /help's), in their Telegram app's language, the language they chose gone
    with the rest; never the plain member's default, whose /dossier, /recap… would refuse them."""
    t = translator(normalize_language(app_language) or context.bot_data.default_language)
    try:
        await context.bot.set_my_commands(bot_commands(t, None), scope=BotCommandScopeChat(user_id))
    except TelegramError as error:
        log.warning("the command menu of an erased person's chat not set: %s", error)


CHAT_MENUS.update(visitor=set_chat_menu, stranger=set_stranger_menu)  # for the journeys (``ui.menus``)


async def set_menu_of(context: QualiContext, user_id: int) -> None:
    """Another person's chat menu, their place just changed by the visitor (taken off a team): read as
    they now are, then set (nothing for someone the bot does not know)."""
    theirs = await context_for_user(context.application, user_id)
    if theirs is not None:
        await set_chat_menu(theirs)
