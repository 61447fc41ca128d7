"""The commands each person may use: Telegram's menu, /help's lines, the federation's part."""

from __future__ import annotations

from telegram import BotCommand

from conversations.render.html import bold, e
from conversations.ui.context import QualiContext
from locales import N_, Translator
from models.tables import FederationRoleName as Role

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
    ("parametres", N_("Language and announcements")),
)
EVERYONE_COMMANDS = (
    ("langue", N_("Change the language")),
    ("aide", N_("What this assistant does")),
    ("annuler", N_("Stop the current question")),
    ("mesdonnees", N_("Everything stored about me")),
    ("supprimer", N_("Erase my personal data")),
)
COMMANDS = COOP_COMMANDS + EVERYONE_COMMANDS
# the federation's commands, each with the roles that may use it; and what each role does here
FEDERATION_COMMANDS = (
    ("comite", N_("The dossiers and the committee’s decisions"), {Role.COMMITTEE}),
    ("annonce", N_("Announce a VisioCoop meeting to the coops"), {Role.ADMIN}),
    ("demandes", N_("The coops’ requests to the federation"), {Role.ADMIN}),
    ("tableau", N_("Dashboard: coops engaged, by stage"), {Role.ADMIN, Role.COMMITTEE}),
    ("export", N_("A coop’s dossier as a ZIP"), {Role.ADMIN, Role.COMMITTEE}),
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


def bot_commands(t: Translator) -> list[BotCommand]:
    """The command menu in one language."""
    return [BotCommand(command_name(t, name), t.gettext(description)) for name, description in COMMANDS]


def command_lines(context: QualiContext, commands) -> list[str]:
    """« /dossier — Open my coop’s dossier », one line per command (HTML)."""
    return [f"/{command_name(context.t, name)} — {e(context._(what))}" for name, what in commands]


def federation_part(context: QualiContext) -> list[str]:
    """What a committee member or an admin does here (both, for both roles), with their commands."""
    roles = context.visitor.roles
    work = [e(context._(text)) for role, text in ROLE_WORK.items() if role in roles]
    commands = [(name, description) for name, description, allowed in FEDERATION_COMMANDS if roles & allowed]
    return ["🏛 " + bold(context._("For the federation")), *work, "", *command_lines(context, commands)]


def is_staff(context: QualiContext) -> bool:
    """Whether the visitor is on the federation's side (committee or admin)."""
    return context.visitor is not None and (context.visitor.is_committee or context.visitor.is_admin)


def coop_commands(context: QualiContext) -> tuple:
    """The coop's commands this member may use: /export is the direction's (the federation's staff
    find it in their own part, for every coop)."""
    visitor = context.visitor
    direction = visitor is not None and visitor.is_direction and not is_staff(context)
    return tuple(command for command in COOP_COMMANDS if command[0] != "export" or direction)
