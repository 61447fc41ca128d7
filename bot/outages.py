"""What the bot needs and loses for a while — Telegram's getUpdates, the database — as one state: since
when, whether it was reported as lasting; what the admins are told of it, in their language, and by which
instance; what is kept for when the database is away (the last visitors' languages, a language chosen
kept at once); the words of the apology to the person let down (a file lost named, a link to open again).
And a failure that keeps coming back, one alert per period too.
"""

from __future__ import annotations

import html
import logging
import math
import time
from collections.abc import Callable

from telegram import Bot, Message, Update
from telegram.error import Forbidden, TelegramError

from bot.logs import one_line as reason_of
from conversations.ui.common import LANGUAGE_FOLLOWERS
from conversations.ui.context import BotServices, QualiContext
from locales import N_, Translator, translator_for
from models.tables import FederationRoleName, User
from models.users import federation_ids, get_user, users_by_ids

log = logging.getLogger("qualicoop.errors")  # the error handler's, whose apology reads the language
DOWN, LASTING = "down", "lasting"
ALERT_PERIOD_SECONDS = 15 * 60
LANGUAGES_KEPT = 10_000  # the languages of the last visitors, for an apology while the database is away
Said = str | Callable[[Translator], str]  # an alert as is, or written for each admin in their language


class Outage:
    """Something the bot needs (Telegram's getUpdates, the database) that stopped answering: since
    when, and whether it was reported as lasting."""

    def __init__(self, clock=time.monotonic) -> None:
        self.clock = clock
        self.since: float | None = None
        self.reported = False

    def failed(self, lasting_after: float = math.inf) -> str:
        """What this failure changes: DOWN (the first), LASTING (the first ``lasting_after`` seconds
        or more after it), "" (nothing new to say)."""
        now = self.clock()
        if self.since is None:
            self.since = now
            return DOWN
        if not self.reported and now - self.since >= lasting_after:
            self.reported = True
            return LASTING
        return ""

    def answered(self, asked_at: float | None = None) -> tuple[float, bool] | None:
        """Back (to the request sent at ``asked_at``, now if not said): how long it was away and whether
        it had been reported (None if it was not down)."""
        if self.since is None:
            return None
        lasted, reported = (self.clock() if asked_at is None else asked_at) - self.since, self.reported
        self.since, self.reported = None, False
        return lasted, reported


def database_watch(services: BotServices) -> Outage:
    """The application's watch of the database (made at the first error)."""
    if getattr(services, "database_outage", None) is None:
        services.database_outage = Outage()
    return services.database_outage


def speaks_for_the_bot(services: BotServices) -> bool:
    """Whether this instance tells the admins of an outage: the one sending at its last heartbeat, or
    one that saw no other instance alive (each of several would otherwise tell them the same)."""
    sending = getattr(services, "sending", None)
    return sending is None or sending.was_held or not sending.others_alive


class AlertThrottle:
    """When each distinct error last alerted the admins, and how often it came back since."""

    def __init__(self, period: float = ALERT_PERIOD_SECONDS, clock=time.monotonic) -> None:
        self.period, self.clock = period, clock
        self.last: dict[str, float] = {}
        self.repeats: dict[str, int] = {}

    def should_alert(self, signature: str) -> int | None:
        """None to stay quiet; else the repeats kept quiet since the last alert (0 the first time)."""
        now = self.clock()
        if signature in self.last and now - self.last[signature] < self.period:
            self.repeats[signature] = self.repeats.get(signature, 0) + 1
            return None
        self.last[signature] = now
        return self.repeats.pop(signature, 0)


# what a person is told of each while it lasts, then once it is back (the technical cause is in the log)
DATABASE = (
    N_(
        "The database has not answered for {duration}: Quali’Coop can neither answer anyone nor send "
        "anything until it is back. The technical cause is in the bot’s log."
    ),
    N_("The database answers again, after {duration}: Quali’Coop works normally."),
)
TELEGRAM = (
    N_(
        "Telegram has not answered the bot for {duration}: messages sent to Quali’Coop do not reach it "
        "until Telegram answers again. The technical cause is in the bot’s log."
    ),
    N_("Telegram answers again, after {duration}: Quali’Coop receives messages normally."),
)


# what the person let down is told (bot.errors.apologise); what they sent, not saved, is given back
SORRY = N_(
    "Sorry, something went wrong on our side. What you saved is safe; please try again in a moment or use "
    "/dossier."
)
SORRY_NO_COOP = N_(  # someone in no coop (a coopérateur who voted by a consultation's link, a newcomer)
    "Sorry, something went wrong on our side. What you saved is safe; please try again in a moment or use "
    "/help."
)
SORRY_STAFF = {  # federation staff in no coop have no dossier: their workplace's command (menus.workplace)
    True: N_(
        "Sorry, something went wrong on our side. What you saved is safe; please try again in a moment or "
        "use /committee."
    ),
    False: N_(
        "Sorry, something went wrong on our side. What you saved is safe; please try again in a moment or "
        "use /requests."
    ),
}
SAVED = (  # the update's work stored before its answer failed (a text typed, a button pressed)
    N_(
        "Sorry, something went wrong on our side as I answered, but your message was saved: no need to send "
        "it again."
    ),
    N_("Sorry, something went wrong on our side as I answered, but what you did was taken into account."),
)
LINK_AGAIN = (  # /start <token>: the link opened again (its token unseen in the chat), not /dossier
    N_("Sorry, something went wrong on our side. Please open your invitation link again in a moment."),
    N_("Sorry, something went wrong on our side. Please open the consultation link again in a moment."),
)
FILE_NOT_SAVED = N_(  # a late file's words (bot.updates.inbox.FILE_OVERTAKEN), for a failure
    "Sorry, something went wrong on our side: the file “{name}” was not saved. Please send it again in a "
    "moment."
)
UNNAMED_FILE_NOT_SAVED = N_(
    "Sorry, something went wrong on our side: your file was not saved. Please send it again in a moment."
)
PHOTO_NOT_SAVED = N_(
    "Sorry, something went wrong on our side: the photo was not saved. Please send it again in a moment."
)
CAPTION_BACK = N_("Here is its caption, to add back when you send it again:")
FILE_SAVED = N_(  # stored before the failure (its answer refused, the database gone before the next screen)
    "Sorry, something went wrong on our side as I answered, but the file “{name}” was saved: no need to send "
    "it again."
)
UNNAMED_FILE_SAVED = N_(
    "Sorry, something went wrong on our side as I answered, but your file was saved: no need to send it "
    "again."
)
PHOTO_SAVED = N_(
    "Sorry, something went wrong on our side as I answered, but the photo was saved: no need to send it "
    "again."
)


NOT_SAVED = (PHOTO_NOT_SAVED, FILE_NOT_SAVED, UNNAMED_FILE_NOT_SAVED)  # a photo, a file named, one not
SAVED_FILE = (PHOTO_SAVED, FILE_SAVED, UNNAMED_FILE_SAVED)  # stored before the failure


def file_said(message: Message | None, t: Translator, words: tuple[str, str, str]) -> str | None:
    """A file or a photo named as the sender's app showed it, in ``words`` (``NOT_SAVED``, ``SAVED_FILE``);
    None for another message."""
    photo, named, unnamed = words
    if message is not None and message.photo:
        return t.gettext(photo)
    if message is None or message.document is None:
        return None
    name = message.document.file_name
    return t.gettext(named).format(name=name) if name else t.gettext(unnamed)


def not_saved(message: Message, captioned: bool, t: Translator) -> str:
    """A file or a photo that a failure lost, to send again; its caption (the document's label), if
    ``captioned``, announced: given back after this."""
    said = file_said(message, t, NOT_SAVED)
    return f"{said} {t.gettext(CAPTION_BACK)}" if captioned else said


def outage_said(what: tuple[str, str], lasted: float, back: bool, t: Translator) -> str:
    """The alert of ``what`` (DATABASE, TELEGRAM) not answering for ``lasted`` seconds, or of its end."""
    return t.gettext(what[back]).format(duration=duration(lasted, t))


def duration(seconds: float, t: Translator) -> str:
    """« 75 s » under two minutes, whole minutes under two hours, else hours and minutes (« 10 heures
    et 5 minutes », not « 605 minutes » for a night)."""
    if seconds < 120:
        return t.gettext("{seconds} s").format(seconds=t.format_number(int(seconds)))
    minutes = int(seconds // 60)
    if minutes < 120:
        return minutes_said(minutes, t)
    hours, minutes = divmod(minutes, 60)
    said = t.ngettext("{hours} hour", "{hours} hours", hours).format(hours=t.format_number(hours))
    if not minutes:
        return said
    return t.gettext("{hours} and {minutes}").format(hours=said, minutes=minutes_said(minutes, t))


def minutes_said(minutes: int, t: Translator) -> str:
    """« 1 minute », « 75 minutes »."""
    return t.ngettext("{minutes} minute", "{minutes} minutes", minutes).format(
        minutes=t.format_number(minutes)
    )


async def remember_language(update: Update, context: QualiContext) -> None:
    """Each visitor's language as just read (the one chosen, else their app's), kept for an apology while
    the database does not answer: the last ``LANGUAGES_KEPT`` visitors'."""
    if context.visitor is not None:
        keep_language(context.bot_data, context.visitor.user.id, context.t.language)


async def keep_chosen_language(context: QualiContext) -> None:
    """A language just chosen in the bot (``ui.common.speak``), kept at once: ``remember_language`` read
    the update before it was handled, the language from before the choice."""
    keep_language(context.bot_data, context.visitor.user.id, context.t.language)


LANGUAGE_FOLLOWERS.insert(0, keep_chosen_language)  # first: a follower failing after it changes nothing


def keep_language(services: BotServices, user_id: int, language: str) -> None:
    """Remember a person's language, the least recently seen forgotten first when full."""
    if getattr(services, "reader_languages", None) is None:
        services.reader_languages = {}
    languages: dict[int, str] = services.reader_languages
    languages.pop(user_id, None)
    languages[user_id] = language
    if len(languages) > LANGUAGES_KEPT:
        del languages[next(iter(languages))]


def known_language(services: BotServices, user_id: int) -> str | None:
    """A person's language as last read (``remember_language``), None if not seen since the start."""
    return (getattr(services, "reader_languages", None) or {}).get(user_id)


async def reader_translator(context: QualiContext, update: Update) -> Translator:
    """The language of the person who was let down (error handlers get a fresh context)."""
    sender = update.effective_user
    if sender is None:
        return translator_for(None, context.bot_data.default_language)
    known = known_language(context.bot_data, sender.id)  # as last read, if the database is what failed
    user = User(id=sender.id, language=known, telegram_language=sender.language_code)
    if database_watch(context.bot_data).since is None:
        try:
            async with context.db.transaction() as session:
                user = await get_user(session, sender.id) or user
        except Exception as error:
            log.warning("could not read the language of %s: %s", sender.id, reason_of(error))
    t = translator_for(user, context.bot_data.default_language)
    keep_language(context.bot_data, sender.id, t.language)
    return t


async def tell_admins(
    bot: Bot, services: BotServices, text: Said, *, escaped: bool = False, mark: str = "⚠️"
) -> None:
    """One line to every federation admin, after « ⚠️ Quali’Coop — » (or another mark): ``text`` as is,
    or written for each in their language. The admins are those of the settings and the database's,
    as last read (the database may be what failed)."""
    if database_watch(services).since is None:
        try:
            await remember_admins(services)
        except Exception as error:  # the database itself may be what failed
            log.warning("could not read the admins to alert: %s", reason_of(error))
    known: dict[int, Translator] = getattr(services, "admin_translators", None) or {}
    for admin_id in sorted(set(services.admin_ids) | set(known)):
        t = known.get(admin_id) or translator_for(None, services.default_language)
        said = text if isinstance(text, str) else text(t)
        said = f"{mark} <b>Quali’Coop</b> — {said if escaped else html.escape(said)}"
        try:
            await bot.send_message(admin_id, said)
        except Forbidden:
            log.info("admin %s has not started the bot; alert not delivered", admin_id)
        except TelegramError:
            log.warning("could not alert admin %s", admin_id)


async def remember_admins(services: BotServices) -> None:
    """Read the federation's admins and their languages, kept for when the database does not answer."""
    async with services.database.transaction() as session:
        admins = set(services.admin_ids) | set(await federation_ids(session, FederationRoleName.ADMIN))
        users = await users_by_ids(session, sorted(admins))
    services.admin_translators = {
        admin_id: translator_for(users.get(admin_id), services.default_language) for admin_id in admins
    }
