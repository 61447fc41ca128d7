"""The error handler: log with the update id, apologise to the user, alert the admins briefly.

The same error again and again alerts the admins once per period, then once more with the number of
repeats, instead of once per occurrence. A database that stopped answering is one state, not one
failure per job and per update: one line (no traceback) and one alert when it goes, one of each when
it answers again (asked every few seconds meanwhile).
"""

from __future__ import annotations

import asyncio
import html
import logging
import math
import time

from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from telegram import Bot, Update
from telegram.error import Forbidden, TelegramError
from telegram.ext import Application

from conversations.ui.context import BotServices, QualiContext
from conversations.ui.messages import send_plain
from locales import Translator, translator_for
from models.db import DatabaseUnavailable
from models.operations.inbox import HandledElsewhere
from models.tables import FederationRoleName, User
from models.users import federation_ids, get_user

log = logging.getLogger("qualicoop.errors")
ALERT_PERIOD_SECONDS = 15 * 60
# what a database that does not answer raises (asked again before it is taken for an outage)
DATABASE_ERRORS = (DBAPIError, PoolTimeout, OSError, TimeoutError, DatabaseUnavailable)
PING_SECONDS = 3  # a database that takes longer to answer SELECT 1 is not answering
PROBE_SECONDS = 2  # how often a database that went away is asked again
DOWN, LASTING = "down", "lasting"


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


def reason_of(error: BaseException) -> str:
    """An error in one line: its kind and the first line of its text (a driver's SQL left out)."""
    cause = getattr(error, "orig", None) or error
    text = str(cause).strip().splitlines()
    return f"{type(cause).__name__}: {text[0]}" if text else type(cause).__name__


async def on_error(update: object, context: QualiContext) -> None:
    """Never let a failure reach the user as a traceback or go unnoticed by the admins."""
    update_id = update.update_id if isinstance(update, Update) else None
    if isinstance(context.error, HandledElsewhere):  # not a failure: the instance that took it answers
        log.warning("update %s: %s; this instance's work on it is rolled back", update_id, context.error)
        return
    database_down = await database_is_down(context)
    if database_down:
        await database_went_away(context, update_id)
    else:
        log.error("update %s failed: %r", update_id, context.error, exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat is not None:
        try:
            await apologise(update, await reader_translator(context, update))
        except TelegramError:
            log.warning("could not tell the user about the failure of update %s", update_id)
    if not database_down:
        await alert_admins(context, update_id)
    elif not context.application.running:  # nothing asks it again (stopping): the next failure is news
        database_watch(context.bot_data).answered()


def database_watch(services: BotServices) -> Outage:
    """The application's watch of the database (made at the first error)."""
    if getattr(services, "database_outage", None) is None:
        services.database_outage = Outage()
    return services.database_outage


async def database_is_down(context: QualiContext) -> bool:
    """Whether the failure is the database not answering: one query's own error is not (it is asked)."""
    if not isinstance(context.error, DATABASE_ERRORS):
        return False
    if database_watch(context.bot_data).since is not None:  # known; the probe says when it is back
        return True
    try:
        await asyncio.wait_for(context.db.ping(), PING_SECONDS)
    except Exception:
        return True
    return False


async def database_went_away(context: QualiContext, update_id: int | None) -> None:
    """The first failure of an outage is said once (log and admins); the next ones in a line each."""
    watch, reason = database_watch(context.bot_data), reason_of(context.error)
    if not watch.failed():
        if update_id is not None:  # a person is let down: worth a line; a job's failure is not news
            log.warning("update %s failed: the database does not answer", update_id)
        return
    log.error("the database does not answer (%s): updates and jobs fail until it is back", reason)
    if context.application.running:
        context.application.create_task(wait_for_the_database(context.application, watch))
    await tell_admins(context.bot, context.bot_data, f"the database does not answer: {reason}")


async def wait_for_the_database(application: Application, watch: Outage) -> None:
    """Ask the database every few seconds until it answers, then say so once (log and admins)."""
    services: BotServices = application.bot_data
    while application.running:
        await asyncio.sleep(PROBE_SECONDS)
        try:
            await asyncio.wait_for(services.database.ping(), PING_SECONDS)
        except Exception:
            continue
        lasted, _ = watch.answered()
        log.warning("the database answers again, after %d s", lasted)
        said = f"the database answers again, after {lasted:.0f} s"
        await tell_admins(application.bot, services, said, mark="✅")
        return


async def apologise(update: Update, t: Translator) -> None:
    """Say sorry; a text the failure may have lost goes back whole, to be sent again."""
    typed = update.message.text if update.message is not None else None
    if not typed or typed.startswith("/"):  # a command is typed again as easily
        await update.effective_chat.send_message(
            t.gettext(
                "Sorry, something went wrong on our side. What you saved is safe; please try "
                "again in a moment or use /dossier."
            )
        )
        return
    await update.effective_chat.send_message(
        t.gettext(
            "Sorry, something went wrong on our side: your last message may not have been saved. "
            "Here it is, to send again in a moment:"
        )
    )
    await send_plain(update, typed)


async def reader_translator(context: QualiContext, update: Update) -> Translator:
    """The language of the person who was let down (error handlers get a fresh context)."""
    sender = update.effective_user
    if sender is None:
        return translator_for(None, context.bot_data.default_language)
    user = User(id=sender.id, telegram_language=sender.language_code)  # if the database is what failed
    if database_watch(context.bot_data).since is None:
        try:
            async with context.db.transaction() as session:
                user = await get_user(session, sender.id) or user
        except Exception as error:
            log.warning("could not read the language of %s: %s", sender.id, reason_of(error))
    return translator_for(user, context.bot_data.default_language)


def throttle_of(context: QualiContext) -> AlertThrottle:
    """The application's alert throttle (made at the first error)."""
    services = context.bot_data
    if getattr(services, "alert_throttle", None) is None:
        services.alert_throttle = AlertThrottle()
    return services.alert_throttle


async def alert_admins(context: QualiContext, update_id: int | None) -> None:
    """A short alert about a failure, once per period per error."""
    error = context.error
    signature = f"{type(error).__name__}: {error}"[:300]
    repeats = throttle_of(context).should_alert(signature)
    if repeats is None:
        return
    text = f"update {update_id} — <code>{html.escape(signature)}</code>"
    if repeats:
        text += f" (×{repeats + 1} since the last alert)"
    await tell_admins(context.bot, context.bot_data, text, escaped=True)


async def tell_admins(
    bot: Bot, services: BotServices, text: str, *, escaped: bool = False, mark: str = "⚠️"
) -> None:
    """One line to every federation admin (settings and database; the settings' only, if the database
    does not answer), after « ⚠️ Quali'Coop — » (or another mark)."""
    admins = set(services.admin_ids)
    if database_watch(services).since is None:
        try:
            async with services.database.transaction() as session:
                admins.update(await federation_ids(session, FederationRoleName.ADMIN))
        except Exception as error:  # the database itself may be what failed
            log.warning("could not read the admins to alert: %s", reason_of(error))
    text = f"{mark} <b>Quali'Coop</b> — {text if escaped else html.escape(text)}"
    for admin_id in sorted(admins):
        try:
            await bot.send_message(admin_id, text)
        except Forbidden:
            log.info("admin %s has not started the bot; alert not delivered", admin_id)
        except TelegramError:
            log.warning("could not alert admin %s", admin_id)
