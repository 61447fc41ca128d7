"""The user's live menu: one screen message at a time, and what an out-of-date menu says.

The message the current screen was last drawn in is saved with the position (``ChatState``). When a
screen is drawn as a new message (after a typed answer, a command, an out-of-date menu), the keyboard
of the screen before is taken off — one ``editMessageReplyMarkup`` — so the chat keeps one live menu
and an answered question loses its buttons. A button pressed on an older message is answered by the
router (``button``) with the current screen, as a new message.
"""

from __future__ import annotations

import logging

from telegram import Message, Update
from telegram.error import TelegramError

from conversations.ui.context import QualiContext
from conversations.ui.messages import Screen, reply, send_plain
from conversations.ui.shown import move
from locales import N_
from models.chat_state import load_where

log = logging.getLogger(__name__)

OUT_OF_DATE = N_("This menu is out of date: here is the dossier.")


def is_out_of_date(pressed: int | None, current: int | None) -> bool:
    """Whether a pressed message is older than the current screen's.

    A newer message (a reminder sent since, or a screen whose id could not be saved) is not: its
    buttons act, and it becomes the current screen.
    """
    return pressed is not None and current is not None and pressed < current


async def retire(context: QualiContext, chat_id: int, message_id: int) -> None:
    """Take the buttons off an old screen message; one already bare, or deleted, needs nothing."""
    try:
        await context.bot.edit_message_reply_markup(chat_id=chat_id, message_id=message_id, reply_markup=None)
    except TelegramError as error:  # « message is not modified », « message to edit not found »…
        log.debug("keyboard of message %s not removed: %s", message_id, error)


def next_message_id(update: Update) -> int | None:
    """The id the bot's next message in this chat will most likely get, when answering a message.

    A chat's message ids count up, the user's messages and the bot's alike: the screen answering a
    typed message is that message's id + 1 unless something else was sent in between. Saved with the
    answer's position, it spares a second commit; ``remember`` saves the real id when it differs (a
    screen in several parts, a reminder sent meanwhile). Until then an older menu is still known as
    such: its id is below the guess.
    """
    message = getattr(update, "message", None)  # a job judging pasted parts answers no message
    return message.message_id + 1 if message is not None else None


async def remember(update: Update, context: QualiContext, sent: Message, before: int | None) -> None:
    """A screen was sent as a new message: retire the one before, save this one as the live menu."""
    if before is not None and before != sent.message_id:
        await retire(context, update.effective_chat.id, before)
    async with context.db.transaction() as session:
        where = context.where or await load_where(session, context.visitor.user.id)
        context.where = await move(context, session, where, where.position, sent.message_id)


async def draw_new(update: Update, context: QualiContext, screen: Screen, before: int | None) -> None:
    """Send a screen as new message(s), the keyboard on the last; it becomes the live menu."""
    sent = await reply(update, screen.text, screen.keyboard)
    await remember(update, context, sent, before)
    await send_plain(update, screen.whole)  # after the menu is saved: it is no screen of its own


async def send_menu(update: Update, context: QualiContext, text: str, markup) -> None:
    """A message whose buttons lead to screens without being one (the review): the live menu now."""
    before = context.where.screen_message_id if context.where is not None else None
    if context.where is None:
        async with context.db.transaction() as session:
            before = (await load_where(session, context.visitor.user.id)).screen_message_id
    sent = await reply(update, text, markup)
    await remember(update, context, sent, before)
