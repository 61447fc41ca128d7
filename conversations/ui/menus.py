"""The user's live menu: one screen message at a time, and what an out-of-date menu says.

The message the current screen was last drawn in is saved with the position (``ChatState``). When a
screen is drawn as a new message (after a typed answer, a command, an out-of-date menu), the keyboard
of the screen before is taken off — one ``editMessageReplyMarkup`` — so the chat keeps one live menu
and an answered question loses its buttons. A button pressed on an older message is answered by the
router (``button``) with the current screen, as a new message. A command leaves a question
waiting for a text or a file (``leave_for_command``): its answer stands between the user and it;
what the person typed or sent there comes back to them.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import replace

from telegram import Message, Update
from telegram.error import TelegramError
from telegram.ext import CommandHandler, filters

from conversations.render.html import e
from conversations.ui import states
from conversations.ui.common import hand_back
from conversations.ui.context import QualiContext, Visitor
from conversations.ui.messages import Screen, reply, send_plain
from conversations.ui.shown import GIVEN_BACK, move, take_parts
from locales import N_
from models.chat_state import Position, load_where

log = logging.getLogger(__name__)

OUT_OF_DATE = N_("This menu is out of date: here is where you are.")  # a coop's or the federation's screen


def is_out_of_date(pressed: int | None, current: int | None) -> bool:
    """Whether a pressed message is older than the current screen's.

    A newer message (a reminder sent since, or a screen whose id could not be saved) is not: its
    buttons act, their screen drawn as a new message that becomes the current one (the router).
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


async def remember(
    update: Update, context: QualiContext, sent: Message, before: int | None, followed: bool = False
) -> None:
    """A screen was sent as a new message: retire the one before, save this one as the live menu;
    ``followed``: the screen's own messages follow it (``Screen.followed``), saved so."""
    if before is not None and before != sent.message_id:
        await retire(context, update.effective_chat.id, before)
    async with context.db.transaction() as session:
        where = context.where or await load_where(session, context.visitor.user.id)
        context.where = await move(context, session, where, where.position, sent.message_id, followed)


async def draw_new(update: Update, context: QualiContext, screen: Screen, before: int | None) -> None:
    """Send a screen as new message(s), the keyboard on the last; it becomes the live menu."""
    sent = await reply(update, screen.text, screen.keyboard)
    await remember(update, context, sent, before, screen.followed)
    await send_plain(update, screen.whole)  # after the menu is saved: it is no screen of its own


async def send_menu(update: Update, context: QualiContext, text: str, markup) -> None:
    """A message whose buttons lead to screens without being one (the review): the live menu now."""
    before = context.where.screen_message_id if context.where is not None else None
    if context.where is None:
        async with context.db.transaction() as session:
            before = (await load_where(session, context.visitor.user.id)).screen_message_id
    sent = await reply(update, text, markup)
    await remember(update, context, sent, before)
    context.bot_data.shown_menus.forget(context.visitor.user.id)  # the position's screen is not on display


# how a chat's « / » menu is set, registered by ``onboarding.commands`` (its lists are onboarding's own):
# "visitor" sets the visitor's as they now are, "stranger" (context, user id, Telegram app's language) a
# stranger's; a journey changing what someone may use (a consultation's link, an erasure) calls them here
CHAT_MENUS: dict[str, Callable[..., Awaitable[None]]] = {}


async def set_chat_menu(context: QualiContext) -> None:
    """The visitor's chat's « / » menu, what /help lists for them now (``CHAT_MENUS``)."""
    if (setter := CHAT_MENUS.get("visitor")) is not None:
        await setter(context)


async def set_stranger_menu(context: QualiContext, user_id: int, app_language: str | None) -> None:
    """A chat's « / » menu as someone's the bot does not know (erased): what works for a newcomer."""
    if (setter := CHAT_MENUS.get("stranger")) is not None:
        await setter(context, user_id, app_language)


HELD_GIVEN_BACK = N_("This question is no longer open: what you had typed there was neither sent nor saved.")
FILE_NOT_SENT = N_("{name} was not sent.")
FILE_SEND_AGAIN = N_("To send it, go back to that question and send the file again.")


def workplace(visitor: Visitor) -> str:
    """Where a person works, where /cancel brings them back: a coop's member to the dossier home, the
    committee to its list, an administrator to the inbox (neither has a dossier home of their own)."""
    if visitor.coop is not None:
        return states.HOME
    return states.COMMITTEE if visitor.is_committee else states.INBOX


async def leave_for_command(update: Update, context: QualiContext) -> None:
    """A command sent while the saved position waits for a typed text or a file: that question is left
    before the command runs, as /cancel leaves it.

    The command's answer (a screen, the help, a file) now stands between the user and the question:
    a text typed next is no answer to it, nor does a file go where the upload waited. So the position
    becomes where the person works (``workplace``), with no live menu until the command draws one
    (the question's buttons, which read the position back, are taken off), and nothing typed or sent
    there is lost: what the question held (``give_back_held``) and a paste still waiting are given
    back whole. A command sent anywhere else costs nothing more. A text Telegram took for a command
    while a paste's parts wait is no command: the middleware took it as the next part before. A command
    no handler knows (a typo: « /dosier », « /retour ») did nothing: the question stays open, a paste's
    parts still wait for it, and the answer to it says so (``onboarding.welcome.lost``).
    Someone in no coop and with no role keeps the ballot a consultation's link opened, their one screen;
    any other question they are at was a role's or a team's taken from them meanwhile (``qualicoop admin
    remove``): left for the home, without a trace to reopen it (nobody's to answer now), what it held
    given back, so that the text typed next is their ordinary message.
    """
    where, visitor = context.where, context.visitor
    if update.message is None or not filters.COMMAND.check_update(update) or where is None:
        return
    screen = where.position.screen
    staff_or_member = visitor.coop is not None or visitor.is_committee or visitor.is_admin
    if not staff_or_member and screen in (states.BALLOT, states.BALLOT_COMMENT):
        return  # someone reached by a consultation's link: its ballot is never left
    if not at_question(where.position):
        return  # a menu, a walk, a confirmation, a ballot: their buttons act, a text typed points at them
    if staff_or_member and not known_command(update, context):
        return  # a typo (/dosier) does nothing: the question stays open, and ``onboarding.lost`` says so
    to = workplace_after(update, visitor, where.position) if staff_or_member else Position(states.HOME)
    async with context.db.transaction() as session:
        left = await take_parts(context, session) if context.parts_waiting else ""
        bare = replace(where, screen_message_id=None)  # saved so: its message is no menu any more
        context.where = await move(context, session, bare, to)
    if where.screen_message_id is not None:
        await retire(context, update.effective_chat.id, where.screen_message_id)
    await give_back_held(update, context, where.position)
    if left:
        await hand_back(update, context, context._(GIVEN_BACK), left)


def at_question(position: Position) -> bool:
    """Whether the position waits for a typed text or a file (a file held at a new request's subject too)."""
    screen = position.screen
    return screen in states.TEXT_SCREENS or screen in states.FILE_SCREENS or file_held(position) is not None


def command_handlers(context: QualiContext) -> Iterator[CommandHandler]:
    """Every command handler registered, in every group."""
    for group in context.application.handlers.values():
        yield from (handler for handler in group if isinstance(handler, CommandHandler))


def known_command(update: Update, context: QualiContext) -> bool:
    """Whether a handler takes this command (its words, its bot's name, its filters: « /start c_… »)."""
    return any(handler.check_update(update) for handler in command_handlers(context))


def command_named(context: QualiContext, name: str) -> bool:
    """Whether ``name`` is one of the bot's commands, in either language, whoever it is addressed to."""
    return any(name.lower() in handler.commands for handler in command_handlers(context))


def workplace_after(update: Update, visitor: Visitor, left: Position) -> Position:
    """Where a command leaves a question for: the workplace (the dossier's home, the committee's list, the
    inbox), keeping a trace of the question left, saved in the same statement, so that a text typed next
    leads back to it (``ui.left``): an announcement's date or a decision's comment as much as a field."""
    command = update.message.text.split()[0].split("@")[0]
    trace = {"screen": left.screen, "data": left.data, "by": command}
    return Position(workplace(visitor), {states.LEFT_KEY: trace})


async def give_back_held(update: Update, context: QualiContext, left: Position) -> None:
    """What a question left held, typed or sent at the steps before it (``states.TYPED_KEYS``,
    ``states.FILE_KEY``): each text back whole, to copy; the file said not sent, and how to send it."""
    for key in states.TYPED_KEYS:
        typed = left.data.get(key)
        if isinstance(typed, str) and typed.strip():
            await hand_back(update, context, context._(HELD_GIVEN_BACK), typed)
    if line := file_not_sent(context, left):
        await reply(update, line)


def file_held(position: Position) -> dict | None:
    """The file a question holds, received and not sent yet (``states.FILE_KEY``); None when none."""
    file = position.data.get(states.FILE_KEY)
    return file if isinstance(file, dict) and file.get("name") else None


def file_not_sent(context: QualiContext, left: Position) -> str:
    """« 📎 plan.pdf was not sent. To send it, … » for the file the question left held ("" for none), in
    the words its journey registered for that screen (``states.FILE_LEFT``, ``states.FILE_AGAIN``)."""
    file = file_held(left)
    if file is None:
        return ""
    not_sent = context._(states.FILE_LEFT.get(left.screen, FILE_NOT_SENT)).format(name=file["name"])
    again = context._(states.FILE_AGAIN.get(left.screen, FILE_SEND_AGAIN))
    return "📎 " + e(f"{not_sent} {again}")


def file_left_behind(context: QualiContext, before: Position, after: Position, notice: str) -> str:
    """A button leaving the screens that hold a file (🏠, « ⬅️ Back » out of them, Cancel): the line
    saying it was not sent ("" when none was held, or none is left behind).

    The move keeps it when the position it leads to holds it still (« ⬅️ Back » from step 2/2, a page
    of the request it waits for). A journey that sends, adds or drops the file on that button says so
    itself, naming the file in the step's notice (« Document saved: plan.pdf », « plan.pdf was not
    added… », the list's « plan.pdf was not sent »): said once, never twice nor wrongly."""
    file = file_held(before)
    if file is None or file_held(after) == file or e(file["name"]) in notice:
        return ""
    return file_not_sent(context, before)


# ---- updates handled late: overtaken by their sender's next one (webhook), or their answer stored and its
# reply lost to a kill (polling gives the update again; the webhook's next instance, a paste's next judging
# find it owed: ``bot.updates.inbox``, ``ui.pastes``)

# what the message did is on the screen (the next question, a document listed, its text given back): the
# words say only what happened
RESTARTED_AFTER_IT = N_("The assistant restarted just after your last message. Here is where you are now.")


async def give_back_overtaken(update: Update, context: QualiContext) -> None:
    """An update handled too late (``bot.updates.inbox``): what it carried is said not taken, a text given
    back whole, a file or a voice note named; a pressed button or a command is dropped, its sender has
    moved on."""
    said = context.bot_data.overtaken_updates.pop(update.update_id)
    if said is not None:
        await hand_back(update, context, context._(said.why).format(**said.names), said.text)


def resumed(context: QualiContext, number: int) -> bool:
    """Whether an update was handled before a kill, its answer lost with the process (polling gives it
    again, ``bot.updates.polling``): not handled twice, its sender told where they are."""
    polled = context.bot_data.polled
    return polled is not None and number in polled.resumed


async def show_where_they_are(update: Update, context: QualiContext) -> None:
    """What they sent was handled just before a restart that lost its answer: the screen they are at now
    (the next question, the document's list), unless more parts of a paste wait to be judged with it."""
    if context.parts_waiting:  # their judging answers them (``ui.pastes``)
        return
    await resume_here(update, context)


async def resume_here(update: Update, context: QualiContext) -> None:
    """The screen they are at now, as a new message, under « The assistant restarted just after… »."""
    from conversations.ui.router import open_position  # here: the router imports this module

    await open_position(update, context, context.where.position, "ℹ️ " + e(context._(RESTARTED_AFTER_IT)))
