"""The Mini App seen from the chat: the menu button that opens it, the message once it is left."""

from __future__ import annotations

import logging

from telegram import MenuButtonWebApp, WebAppInfo
from telegram.ext import Application

from conversations.render.html import e
from conversations.ui.common import app_url
from conversations.ui.messages import PrivateChat
from conversations.ui.middleware import context_for_user
from conversations.ui.router import open_position
from locales import N_, translator
from models.chat_state import take_unreported

log = logging.getLogger("qualicoop.web")

MENU_BUTTON = N_("Dossier")


async def set_menu_button(application: Application) -> None:
    """The chat's menu button opens the Mini App, when the bot serves it; otherwise it is left alone."""
    url = app_url(application.bot_data)
    if url is None:
        return
    label = translator(application.bot_data.default_language).gettext(MENU_BUTTON)
    await application.bot.set_chat_menu_button(menu_button=MenuButtonWebApp(label, WebAppInfo(url)))


async def report_changes(application: Application, user_id: int, token: str) -> int:
    """The Mini App was left: if it changed something, one message saying so above the screen the chat
    is at, drawn again with the current data (the home only for a chat at home, or nowhere yet).

    A question or a conflict box stays usable below the notice: a text typed next still answers it, its
    buttons still act. A screen that no longer applies (its row removed) falls back as the router's
    redraws do (``router.render``); its answer's own guards still hold (a value changed since the
    question was asked leads to the conflict box). The count is taken and marked as told in one
    transaction, so leaving twice (the page hidden, then closed) never tells the same changes twice.
    """
    async with application.bot_data.database.transaction() as session:
        news = await take_unreported(session, token, user_id)
    if not news:
        return 0
    context = await context_for_user(application, user_id)
    if context is None or context.visitor.coop is None:
        return news
    notice = "✅ " + e(
        context.t.ngettext("{n} field updated from the app", "{n} fields updated from the app", news).format(
            n=news
        )
    )
    await open_position(PrivateChat.of(application.bot, user_id), context, context.where.position, notice)
    return news
