"""The error handler: log with the update id, apologise to the user, alert the admins briefly.

Failing after the update's work was stored (a reply Telegram refused), it says so and shows where the person
now is; only a text nothing stored goes back. One who blocked the bot is marked so, no failure for the admins.
The same error again and again alerts the admins once per period, known by its kind and where our code
raised it (never its text, which may quote a member's: the log has it), secrets removed as from logs. A
database that stopped answering is one state, not one failure per job and per update: one line (no
traceback) when it goes and one when it is back (asked every few seconds meanwhile). The admins are told in
their language if it lasts a minute, by one instance: the sender at its last heartbeat (or one alone).
"""

from __future__ import annotations

import asyncio
import html
import logging
from functools import partial

from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from telegram import CallbackQuery, Update, User
from telegram.constants import ChatType
from telegram.error import Forbidden, TelegramError
from telegram.ext import Application

from bot.logs import Redaction, where_raised
from bot.logs import one_line as reason_of
from bot.outages import (
    DATABASE,
    LASTING,
    LINK_AGAIN,
    SAVED,
    SAVED_FILE,
    SORRY,
    SORRY_NO_COOP,
    SORRY_STAFF,
    AlertThrottle,
    Outage,
    database_watch,
    file_said,
    not_saved,
    outage_said,
    reader_translator,
    speaks_for_the_bot,
    tell_admins,
)
from bot.outages import Said as Said  # the runner's and the composition root's, with the alerts
from bot.outages import remember_admins as remember_admins
from conversations.ui.context import BotServices, QualiContext
from conversations.ui.messages import PrivateChat, send_plain
from conversations.ui.middleware import context_for_user
from conversations.ui.router import open_position, reopened
from locales import Translator
from models.consultations.store import LINK_PREFIX
from models.db import DatabaseUnavailable
from models.operations.inbox import HandledElsewhere
from models.parsing.text import typed_text
from models.users import mark_blocked

log = logging.getLogger("qualicoop.errors")
# what a database that does not answer raises (asked again before it is taken for an outage)
DATABASE_ERRORS = (DBAPIError, PoolTimeout, OSError, TimeoutError, DatabaseUnavailable)
PING_SECONDS = 3  # a database that takes longer to answer SELECT 1 is not answering
PROBE_SECONDS = 2  # how often a database that went away is asked again
DATABASE_ALERT_SECONDS = 60  # an outage shorter than this (a restart, a failover) is only logged


async def on_error(update: object, context: QualiContext) -> None:
    """Never let a failure reach the user as a traceback or go unnoticed by the admins."""
    update_id = update.update_id if isinstance(update, Update) else None
    what = failed_work(update_id, context)
    if isinstance(context.error, HandledElsewhere):  # not a failure: the instance that took it answers
        log.warning("%s: %s; this instance's work on it is rolled back", what, context.error)
        return
    error = context.error  # a database connection found dead: SQLAlchemy renews the pool's (models.db)
    database_down = await database_is_down(context.bot_data, error)
    lost = not database_down and isinstance(error, DBAPIError) and error.connection_invalidated
    if database_down:
        await database_went_away(context, what if update_id is not None else None)
    elif lost:
        log.warning("%s failed: its database connection was closed (a restart or a failover)", what)
    blocked = await tell_the_sender(update, context, what)
    if blocked and isinstance(error, Forbidden):  # the failure was answering them: none of ours
        log.info("%s: its sender blocked the bot, marked so", what)
    elif not database_down and not lost:
        log.error("%s failed: %r", what, error, exc_info=error)
        await alert_admins(context, what)
    elif not context.application.running:  # nothing asks it again (stopping): the next failure is news
        database_watch(context.bot_data).answered()


def failed_work(update_id: int | None, context: QualiContext) -> str:
    """What failed, for the log: an update, a job of the queue, or a run in the background (its task)."""
    if update_id is not None:
        return f"update {update_id}"
    if context.job is not None:
        return f'the job "{context.job.name}"'
    task = asyncio.current_task()
    named = task is not None and not task.get_name().startswith("Task-")
    return f'the background run "{task.get_name()}"' if named else "a background run"


async def database_is_down(services: BotServices, error: BaseException) -> bool:
    """Whether the failure is the database not answering: one query's own error is not (it is asked)."""
    if not isinstance(error, DATABASE_ERRORS):
        return False
    if database_watch(services).since is not None:  # known; the probe says when it is back
        return True
    return not await database_answers(services.database)


async def database_away(services: BotServices, error: BaseException) -> bool:
    """Whether work failed for the database's state, not its own (the error handler's outage or connection
    cut: a line, no traceback); a query's error while the database answers (a constraint, a serialization
    failure, bad SQL) is a bug, its traceback logged. The webhook's, the Mini App's and the stop's alike."""
    cut = isinstance(error, DBAPIError) and error.connection_invalidated  # on_error's « lost »
    return cut or await database_is_down(services, error)


def sql_bug(error: BaseException) -> bool:
    """Whether a database error is the query's own fault, bound to fail again (a wrong column, bad syntax
    or data), not the database's state of the moment (locked, a deadlock, a timeout, gone)."""
    if not isinstance(error, DBAPIError):
        return False
    cause = error.orig
    if getattr(cause, "sqlite_errorname", None) == "SQLITE_ERROR":  # busy, locked, full: codes of their own
        return True
    return str(getattr(cause, "sqlstate", "") or "")[:2] in ("42", "22")  # PostgreSQL: syntax, rule, data


async def database_answers(database) -> bool:
    """Whether the database answers a ``SELECT 1`` in time (a query's own SQL error is not an outage)."""
    try:
        await asyncio.wait_for(database.ping(), PING_SECONDS)
    except Exception:
        return False
    return True


async def database_went_away(context: QualiContext, update: str | None) -> None:
    """The first failure of an outage is one line, and the probe starts; the next ones a line each if
    a person is let down (a job's failure is not news)."""
    watch, reason = database_watch(context.bot_data), reason_of(context.error)
    if not watch.failed():
        if update is not None:
            log.warning("%s failed: the database does not answer", update)
        return
    log.error("the database does not answer (%s): updates and jobs fail until it is back", reason)
    if context.application.running:
        context.application.create_task(wait_for_the_database(context.application, watch))


async def wait_for_the_database(application: Application, watch: Outage) -> None:
    """Ask the database every few seconds until it answers; tell the admins if it lasts, and when back."""
    services: BotServices = application.bot_data
    while application.running:
        await asyncio.sleep(PROBE_SECONDS)
        try:
            await asyncio.wait_for(services.database.ping(), PING_SECONDS)
        except Exception:
            if speaks_for_the_bot(services) and watch.failed(DATABASE_ALERT_SECONDS) == LASTING:
                lasted = watch.clock() - watch.since
                log.warning("the database has not answered for %d s: the admins are told", lasted)
                await tell_admins(application.bot, services, partial(outage_said, DATABASE, lasted, False))
            continue
        lasted, told = watch.answered()
        log.warning("the database answers again, after %d s", lasted)
        if told:
            await tell_admins(
                application.bot, services, partial(outage_said, DATABASE, lasted, True), mark="✅"
            )
        return


async def tell_the_sender(update: object, context: QualiContext, what: str) -> bool:
    """Apologise to the person let down, if any; True if they blocked the bot (then marked so, as the
    sending pipeline does: nobody writes to them until they come back)."""
    if not isinstance(update, Update) or update.effective_chat is None:
        return False
    await stop_loading(update.callback_query)
    try:
        await apologise(update, context, await reader_translator(context, update))
    except Forbidden:  # the apology refused too: the failure was surely answering them
        if update.effective_chat.type != ChatType.PRIVATE:
            return False
        try:
            async with context.db.transaction() as session:
                await mark_blocked(session, update.effective_chat.id)
        except Exception as error:  # the database away: they are marked at the next send to them
            log.warning("could not mark %s as blocked: %s", update.effective_chat.id, reason_of(error))
        return True
    except TelegramError:
        log.warning("could not tell the user about the failure of %s", what)
    return False


async def stop_loading(query: CallbackQuery | None) -> None:
    """A press answered, that its button stops loading in the person's app (the failure may have come
    before its handler answered it; one answered already is refused: said in the log only)."""
    if query is None:
        return
    try:
        await query.answer()
    except TelegramError as error:
        log.debug("the failed press was answered already: %s", reason_of(error))


def work_was_stored(update: Update, context: QualiContext) -> bool:
    """Whether the update's work (a typed answer, a press) was committed before it failed."""
    sender = update.effective_user
    committed = getattr(context.bot_data, "committed_updates", {})
    return sender is not None and committed.get(sender.id) == update.update_id


async def apologise(update: Update, context: QualiContext, t: Translator) -> None:
    """Say sorry. Stored before the failure, the update's work is said saved, with where the person now
    is; else a text the failure lost goes back whole, to be sent again."""
    message = update.message  # a text given back as typed: a formatted link keeps its address
    typed = typed_text(message.text, message.entities) if message is not None else ""
    if work_was_stored(update, context):
        saved = file_said(message, t, SAVED_FILE) or t.gettext(SAVED[not typed])
        if not await show_where_they_are(context, update.effective_user.id, saved):
            await update.effective_chat.send_message(html.escape(saved))
        return
    if message is not None and (message.document is not None or message.photo):
        caption = typed_text(message.caption, message.caption_entities)  # the document's label, as typed
        await update.effective_chat.send_message(html.escape(not_saved(message, bool(caption.strip()), t)))
        await send_plain(update, caption)
        return
    if typed.startswith("/start ") and len(typed.split()) > 1:  # a link opened: its token is not seen
        consultation = typed.split()[1].startswith(LINK_PREFIX)
        await update.effective_chat.send_message(t.gettext(LINK_AGAIN[consultation]))
        return
    if not typed or typed.startswith("/"):  # a command is typed again as easily
        await update.effective_chat.send_message(await sorry(context, update.effective_user, t))
        return
    await update.effective_chat.send_message(
        t.gettext(
            "Sorry, something went wrong on our side: your last message may not have been saved. "
            "Here it is, to send again in a moment:"
        )
    )
    await send_plain(update, typed)


async def show_where_they_are(context: QualiContext, user_id: int, saved: str) -> bool:
    """The screen of the position stored with the work, ``saved`` above it, as a new message; False if
    it cannot be drawn (the database away, the person erased, Telegram refusing that screen: a 400 that
    would refuse it again, then the plain line goes); one who blocked the bot raised (Forbidden)."""
    if database_watch(context.bot_data).since is not None:
        return False
    try:
        theirs = await context_for_user(context.application, user_id)
        if theirs is not None and theirs.visitor is not None:
            chat = PrivateChat.of(context.bot, user_id)
            await open_position(chat, theirs, reopened(theirs), "⚠️ " + html.escape(saved))
            return True
    except Forbidden:
        raise
    except Exception as error:
        log.warning("could not show %s where they are: %s", user_id, reason_of(error))
    return False


async def sorry(context: QualiContext, sender: User | None, t: Translator) -> str:
    """« Sorry… », and the way on: /dossier, or for federation staff in no coop their workplace's command."""
    if sender is not None and database_watch(context.bot_data).since is None:
        try:
            theirs = await context_for_user(context.application, sender.id)
        except Exception as error:  # the database may be what failed
            log.warning("could not read who %s is: %s", sender.id, reason_of(error))
            theirs = None
        visitor = theirs.visitor if theirs is not None else None
        if visitor is not None and visitor.coop is None:  # no dossier: staff's workplace, or /help
            staff = visitor.is_admin or visitor.is_committee
            return t.gettext(SORRY_STAFF[visitor.is_committee] if staff else SORRY_NO_COOP)
    return t.gettext(SORRY)


def throttle_of(context: QualiContext) -> AlertThrottle:
    """The application's alert throttle (made at the first error)."""
    services = context.bot_data
    if getattr(services, "alert_throttle", None) is None:
        services.alert_throttle = AlertThrottle()
    return services.alert_throttle


async def alert_admins(context: QualiContext, what: str) -> None:
    """A short alert about a failure, once per period per error: its kind and where our code raised it,
    never its message (a member's text may be quoted in it: « invalid literal for int(): '…' »), which
    the log keeps; secrets removed."""
    redact = getattr(context.bot_data, "redaction", None) or Redaction([context.bot.token])
    signature = redact(where_raised(context.error))[:300]
    repeats = throttle_of(context).should_alert(signature)
    if repeats is None:
        return
    text = f"{html.escape(what, quote=False)} — <code>{html.escape(signature)}</code>"
    if repeats:
        text += f" (×{repeats + 1} since the last alert)"
    await tell_admins(context.bot, context.bot_data, text, escaped=True)
