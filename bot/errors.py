"""The error handler: log with the update id, apologise to the user, alert the admins briefly.

The same error again and again (a database that went away, a network down) alerts the admins once
per period, then once more with the number of repeats, instead of once per occurrence.
"""

from __future__ import annotations

import html
import logging
import time

from telegram import Update
from telegram.error import Forbidden, TelegramError

from conversations.ui.context import QualiContext
from conversations.ui.messages import send_plain
from locales import Translator, translator_for
from models.operations.inbox import HandledElsewhere
from models.tables import FederationRoleName, User
from models.users import federation_ids, get_user

log = logging.getLogger("qualicoop.errors")
ALERT_PERIOD_SECONDS = 15 * 60


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


async def on_error(update: object, context: QualiContext) -> None:
    """Never let a failure reach the user as a traceback or go unnoticed by the admins."""
    update_id = update.update_id if isinstance(update, Update) else None
    if isinstance(context.error, HandledElsewhere):  # not a failure: the instance that took it answers
        log.warning("update %s: %s; this instance's work on it is rolled back", update_id, context.error)
        return
    log.error("update %s failed: %r", update_id, context.error, exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat is not None:
        try:
            await apologise(update, await reader_translator(context, update))
        except TelegramError:
            log.warning("could not tell the user about the failure of update %s", update_id)
    await alert_admins(context, update_id)


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
    try:
        async with context.db.transaction() as session:
            user = await get_user(session, sender.id) or user
    except Exception:
        log.exception("could not read the language of %s", sender.id)
    return translator_for(user, context.bot_data.default_language)


def throttle_of(context: QualiContext) -> AlertThrottle:
    """The application's alert throttle (made at the first error)."""
    services = context.bot_data
    if getattr(services, "alert_throttle", None) is None:
        services.alert_throttle = AlertThrottle()
    return services.alert_throttle


async def alert_admins(context: QualiContext, update_id: int | None) -> None:
    """A short alert to every federation admin (settings and database), once per period per error."""
    error = context.error
    signature = f"{type(error).__name__}: {error}"[:300]
    repeats = throttle_of(context).should_alert(signature)
    if repeats is None:
        return
    admins = set(context.bot_data.admin_ids)
    try:
        async with context.db.transaction() as session:
            admins.update(await federation_ids(session, FederationRoleName.ADMIN))
    except Exception:  # the database itself may be what failed
        log.exception("could not read the admins to alert")
    text = f"⚠️ <b>Quali'Coop</b> — update {update_id} — <code>{html.escape(signature)}</code>"
    if repeats:
        text += f" (×{repeats + 1} since the last alert)"
    for admin_id in sorted(admins):
        try:
            await context.bot.send_message(admin_id, text)
        except Forbidden:
            log.info("admin %s has not started the bot; alert not delivered", admin_id)
        except TelegramError:
            log.warning("could not alert admin %s", admin_id)
