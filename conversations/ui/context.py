"""The custom CallbackContext: the user's locale, who they are, and the shared services."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from telegram import Update
from telegram.ext import Application, CallbackContext, ExtBot

from conversations.ui.shown import ShownMenus
from locales import DEFAULT_LANGUAGE, N_, Translator, translator
from models.chat_state import Where
from models.clock import Clock, utcnow
from models.db import Database
from models.dossier.files import FileStore
from models.dossier.reads import NotYours
from models.referential.model import Referential
from models.referential.parsing import default_referential
from models.tables import Coop, Dossier, FederationRoleName, Member, MemberRole, User


@dataclass(frozen=True)
class Overtaken:
    """What an update handled too late carried, said to its sender as not taken (``bot.updates.inbox``):
    why, untranslated, with the names it takes (a file's, a voice note's length), and the text given back."""

    why: str
    names: dict[str, str] = field(default_factory=dict)
    text: str = ""


class BotServices:
    """``bot_data``: what every handler shares, filled by the composition root."""

    def __init__(self) -> None:
        self.database: Database | None = None
        self.referential: Referential = default_referential()
        self.admin_ids: frozenset[int] = frozenset()
        self.default_language: str = DEFAULT_LANGUAGE
        self.clock: Clock = utcnow
        self.file_store: FileStore | None = None  # uploaded files, in the database
        self.committee_dates: tuple[date, ...] = ()
        self.reminder_leads: tuple[int, ...] = (30, 7, 1)
        self.reminder_hour: int = 9
        self.public_url: str | None = None  # where the Mini App is reached, when it is served
        self.web = None  # the web server (bot.web.server.WebServer), when a port is set
        self.miniapp_max_age: int = 86400  # seconds the Mini App's signed init data stays valid
        self.invitation_days: int = 90  # how long a link for colleagues made in the chat works
        self.sending = None  # this instance's heartbeat and sending lease (bot.delivery.lease)
        self.pacer = None  # the process's pace of sends (bot.delivery.pacer), set with the rate limiter
        self.pipeline = None  # the one way of the bot's own sends (bot.delivery.pipeline), at its first use
        self.webhook_secret: str | None = None  # set in webhook mode only
        self.shown_menus = ShownMenus()  # the menus drawn without saving them (ui.shown)
        self.pasting_on_buttons: dict[int, datetime] = {}  # a paste's parts on a menu (ui.left)
        # webhook mode (bot.updates.inbox): updates kept until handled; those overtaken by their sender's next
        self.kept_updates: set[int] = set()
        self.overtaken_updates: dict[int, Overtaken | None] = {}  # None: a press or a command, dropped
        self.unforgotten: set[int] = set()  # handled, not marked so yet (the database was away)
        self.answered: set[int] = set()  # handled and answered: forgotten at the next beat
        self.polled = None  # polling mode: the updates fetched and not handled yet (bot.updates.polling)
        # each person's last update whose work committed (``QualiContext.work_committed``), for the error
        # handler: a failure after it lost nothing (its context is another, made for the error)
        self.committed_updates: dict[int, int] = {}


@dataclass
class Visitor:
    """Who sent the current update, as the database knows them."""

    user: User
    member: Member | None = None
    coop: Coop | None = None
    roles: set[FederationRoleName] = field(default_factory=set)
    coop_has_direction: bool = True  # someone of their coop is its direction (read with them)

    @property
    def is_admin(self) -> bool:
        return FederationRoleName.ADMIN in self.roles

    @property
    def is_committee(self) -> bool:
        return FederationRoleName.COMMITTEE in self.roles

    @property
    def is_direction(self) -> bool:
        return self.member is not None and self.member.role == MemberRole.DIRECTION


@dataclass(frozen=True)
class DossierRead:
    """The coop's current dossier and its choices, read with the visitor, and when (``Database.turns``:
    the process's transactions opened and commits): only the transaction right after may take them."""

    dossier: Dossier
    choices: frozenset[int]
    turn: int


class QualiContext(CallbackContext[ExtBot, dict, dict, BotServices]):
    """Adds the visitor and their translator, set once per update by the access middleware."""

    def __init__(self, application: Application, chat_id=None, user_id=None) -> None:
        super().__init__(application=application, chat_id=chat_id, user_id=user_id)
        self.visitor: Visitor | None = None
        # where the visitor is, read with them at the update's start; kept current by router.commit
        self.where: Where | None = None
        self.parts_waiting = False  # typed parts of a paste stored and not judged yet
        self.dossier_read: DossierRead | None = None  # taken by router.commit's transaction, if next
        self.t: Translator = translator(application.bot_data.default_language)
        self.update_id: int | None = None  # the update handled, if any (a job's context has none)

    @classmethod
    def from_update(cls, update: object, application: Application) -> QualiContext:
        """PTB's context of an update, which also knows the update's id (``work_committed``)."""
        context = super().from_update(update, application)
        context.update_id = update.update_id if isinstance(update, Update) else None
        return context

    def work_committed(self) -> None:
        """The update's work (a typed answer, a press) is stored: said so to the error handler
        (``bot.errors``), which then tells the person it was saved instead of giving their text back."""
        if self.update_id is None or self.visitor is None:
            return
        committed = self.bot_data.committed_updates
        if len(committed) >= 10_000:  # forgotten all at once when full: only the update failing now matters
            committed.clear()
        committed[self.visitor.user.id] = self.update_id

    @property
    def db(self) -> Database:
        return self.bot_data.database

    @property
    def coop(self) -> Coop:
        """The asking member's coop; NotYours for someone in none (taken off their coop's team since)."""
        if self.visitor is None or self.visitor.coop is None:
            raise NotYours("the visitor is in no coop")
        return self.visitor.coop

    @property
    def coop_id(self) -> int:
        """The asking member's coop's id (NotYours, as ``coop``)."""
        return self.coop.id

    @property
    def referential(self) -> Referential:
        return self.bot_data.referential

    def indicator_title(self, indicator) -> str:
        """An indicator's title as this visitor reads it (a suggestion's kept title in their language)."""
        return self.referential.indicator_title(indicator, self.t.language)

    def now(self):
        """The current instant, from the injectable clock."""
        return self.bot_data.clock()

    def _(self, message: str) -> str:
        """Translate a message into the visitor's language."""
        return self.t.gettext(message)


# what someone is told where who they are stops them (``ui.middleware``'s checks, the Mini App's too)
FOR_TEAMS = N_("This is for the members of a coop’s team.")
NOT_A_MEMBER = N_(
    "You are not part of a coop yet. Open the invitation link your coop or the federation sent "
    "you, or ask them for one."
)
NO_LONGER_MEMBER = N_(
    "You are no longer part of the team of {coop}: its direction took you off it on {date}. If this is "
    "a mistake, ask them for a new invitation link."
)
# a member of the direction taken off: only the federation makes direction links
NO_LONGER_DIRECTION = N_(
    "You are no longer part of the team of {coop}: its direction took you off it on {date}. If this is "
    "a mistake, ask the federation for a new direction link."
)
# said to the federation's staff taken off a coop's team: only the team was left, not the federation
ROLE_KEPT = N_("You keep your role at the federation.")
COMMITTEE_ONLY = N_("This is reserved for the validation committee.")
ADMIN_ONLY = N_("This is reserved for the federation’s administrators.")
FEDERATION_ONLY = N_("This is reserved for the federation (administrators and validation committee).")
# after a federation command's refusal, typed: where they go from here, by whether they are on a coop's team
WAY_FORWARD = {
    True: N_("Your coop’s dossier: /dossier. Every command you may use: /help."),
    False: N_("Every command you may use: /help."),
}
