"""The error handler: log with the update id, apologise to the user, alert the admins briefly."""

from __future__ import annotations

import html
import logging

from telegram import Update
from telegram.error import Forbidden, TelegramError

from conversations.ui.context import QualiContext
from locales import Translator, translator_for
from models.tables import FederationRoleName, User
from models.users import federation_ids, get_user

log = logging.getLogger("qualicoop.errors")


async def on_error(update: object, context: QualiContext) -> None:
    """Never let a failure reach the user as a traceback or go unnoticed by the admins."""
    update_id = update.update_id if isinstance(update, Update) else None
    log.error("update %s failed: %r", update_id, context.error, exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat is not None:
        t = await reader_translator(context, update)
        try:
            await update.effective_chat.send_message(
                t.gettext(
                    "Sorry, something went wrong on our side. What you saved is safe; please try "
                    "again in a moment or use /dossier."
                )
            )
        except TelegramError:
            log.warning("could not tell the user about the failure of update %s", update_id)
    await alert_admins(context, update_id)


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


async def alert_admins(context: QualiContext, update_id: int | None) -> None:
    """A short alert to every federation admin (settings and database)."""
    admins = set(context.bot_data.admin_ids)
    try:
        async with context.db.transaction() as session:
            admins.update(await federation_ids(session, FederationRoleName.ADMIN))
    except Exception:  # the database itself may be what failed
        log.exception("could not read the admins to alert")
    error = context.error
    text = "⚠️ <b>Quali'Coop</b> — update {} — <code>{}</code>".format(
        update_id, html.escape(f"{type(error).__name__}: {error}"[:300])
    )
    for admin_id in sorted(admins):
        try:
            await context.bot.send_message(admin_id, text)
        except Forbidden:
            log.info("admin %s has not started the bot; alert not delivered", admin_id)
        except TelegramError:
            log.warning("could not alert admin %s", admin_id)
