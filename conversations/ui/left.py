"""A question left for a command: the text typed next comes back whole, with the way back to it.

A command sent at a question leaves it for where the person works (``menus.leave_for_command``): the
dossier's home, the committee's list, the federation's inbox, which keeps a trace of the question left
(``states.LEFT_KEY``), saved in the same statement as that move.
A text typed there next was most likely meant for that question (its answer, after rereading the
recap): it is given back whole, saying which command closed the question, with « ↩️ Reopen the
question », which opens it again; the person then sends the text again. The trace goes with the next
position saved (any screen drawn as a new message, /dossier, /cancel); between menus of one message
the menu on display is where the person is, and it has none.

Any other text typed on a screen of buttons (``not_a_question``) points at the buttons, or at the file a
screen waits for; someone's words there (more than a button's label: ``someones_words``) come back whole
below it, as a paste's every part. On the home, or from someone in no coop, they come back the same, and
« not understood » with the way forward comes below the last part, as a screen does. On a list of
requests (the coop's, the federation's inbox) a text is surely a message meant for someone: it is given
back whole, with the way to send it (``MEANT_AS_A_MESSAGE``). A paste's parts there get one answer
(``first_of_paste``).

At a question, a text sent as a reply to an earlier message of the bot (Telegram's « Reply », a swipe
on a phone: an earlier question, to correct its answer) is meant for that one, not for the question
asked: it is not stored but given back whole, the question asked again below, saying that the next
message answers it and how an earlier answer is corrected (``replied_to_earlier``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Update

from conversations.render.html import e
from conversations.ui import callbacks as cb
from conversations.ui import states
from conversations.ui.common import BACK, answer_refusal, hand_back, not_understood
from conversations.ui.context import QualiContext
from conversations.ui.menus import draw_new, send_menu
from conversations.ui.messages import keyboard, send_plain, with_notice
from conversations.ui.middleware import (
    CORRECT_BY_BACK,
    CORRECT_BY_PENCIL,
    NEXT_ASKED,
    not_a_member,
    require_member,
)
from conversations.ui.other_messages import file_asked, given_back, said_with
from conversations.ui.router import Step, button, commit, nothing, open_position, where_now
from conversations.ui.shown import SPLIT_WAIT_SECONDS, at_split_length, known_on_display
from locales import N_
from models.chat_state import Position
from models.dossier.reads import NotYours

CLOSED_BY = N_(
    "The question you were answering was closed by {command}: this text was not taken as its answer."
)
SEND_AGAIN = N_("To answer it, reopen it, then send your text again.")
REOPEN = N_("↩️ Reopen the question")
CHOOSE_BUTTONS = N_("Please choose with the buttons of this screen.")


def question_left(position: Position) -> dict | None:
    """The trace of the question a command left, kept at the workplace it led to (None: none)."""
    left = position.data.get(states.LEFT_KEY)
    return left if isinstance(left, dict) and isinstance(left.get("screen"), str) else None


def with_left(context: QualiContext, screen_name: str) -> Position:
    """A screen a command opens (/settings, /language), with the trace of the question that command left:
    the text typed next still leads back to it."""
    left = context.where.position.data.get(states.LEFT_KEY) if context.where is not None else None
    return Position(screen_name, {states.LEFT_KEY: left} if left else {})


async def typed_after_leaving(
    update: Update, context: QualiContext, left: dict, text: str, first: bool
) -> None:
    """A text typed at the workplace a command led to from a question: which command closed the question,
    the text whole, then the way back to it, below, where the question opens again (a paste's next
    part: only given back, after the first)."""
    if not first:
        await send_plain(update, text)
        return
    closed = context._(CLOSED_BY).format(command=left.get("by") or "/")
    await hand_back(update, context, closed, text)
    reopen = keyboard([(context._(REOPEN), cb.QUESTION_LEFT.pack())])
    await send_menu(update, context, "↩️ " + e(context._(SEND_AGAIN)), reopen)


async def reopen(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """↩️ Reopen the question: the position the command left, as it was; gone meanwhile, where one is."""
    where = await where_now(context, session)
    left = question_left(where.position)
    if left is None:
        return Step(where.position)
    data = left.get("data")
    return Step(Position(left["screen"], data if isinstance(data, dict) else {}))


# a text typed on a list of requests: surely a message, to the coops or to the federation, that went
# nowhere; given back whole, with the way to send it (a stray word there is given back too: harmless)
MEANT_AS_A_MESSAGE = {  # the text follows, introduced by hand_back: not « here it is » twice
    states.INBOX: N_(
        "Your text was sent to no coop. To reply to a coop, open its request, press “✍️ Reply” and send "
        "it again."
    ),
    states.REQUESTS: N_(
        "Your text was not sent to the federation. To send it, open its request (or start a new one) and "
        "send it again."
    ),
    states.REQUEST_SUBJECT: N_(
        "Your text was not sent to the federation. To send it, choose your request’s subject first, then "
        "send it again."
    ),
}


# a screen of buttons about a row a colleague may remove (an indicator's kind question…), registered by
# its journey: where a text typed there leads once that row is gone meanwhile (None while it is there)
WhenGone = Callable[[QualiContext, AsyncSession, dict], Awaitable[Position | None]]
WHEN_GONE: dict[str, WhenGone] = {}


# A text typed on a screen of buttons is given back whole when it is someone's words rather than a button's
# label typed: over 30 characters (longer than any label a person would type for a button) or on more than
# one line. « nombre », « Axe 2 », « engagement 5 please » are only pointed at the buttons, on display just
# above; a justification typed at « What kind of value does it take? », a letter pasted where its file is
# awaited, come back to be copied where they belong.
WORDS_OVER = 30


async def off_the_team(context: QualiContext, position: Position) -> str | None:
    """Why a text typed at a team's question goes nowhere once its writer is in no coop (taken off while
    it waited to be judged), as to anything they send; None for a member, the federation's staff, or a
    ballot's guest (in no coop: a text on its ballot is its comment)."""
    visitor = context.visitor
    if visitor.coop is not None or visitor.is_committee or visitor.is_admin:
        return None
    return None if position.screen in (states.BALLOT, states.BALLOT_COMMENT) else await not_a_member(context)


def someones_words(text: str) -> bool:
    """Whether a text typed on a screen of buttons is more than a button's label (``WORDS_OVER``)."""
    typed = text.strip()
    return len(typed) > WORDS_OVER or "\n" in typed


async def not_a_question(
    update: Update, context: QualiContext, position: Position, text: str, first: bool
) -> None:
    """Text on a screen of buttons: on a list of requests, given back whole (``typed_on_a_list``); on
    one whose row a colleague removed, said so (``typed_on_a_gone_row``); on one waiting for a file,
    what to send (``file_asked``); elsewhere, the buttons, or at the home (and for someone in no coop nor
    on the federation's staff) the way forward. Said once a paste; someone's words (``someones_words``)
    given back whole, a paste's next parts below the first, the screen again below the last (at the home,
    « not understood »)."""
    if meant_as_a_message(context, position):
        await typed_on_a_list(update, context, position, text, first)
        return
    staff = context.visitor.is_admin or context.visitor.is_committee  # their screens of buttons alike
    if (context.visitor.coop is None and not staff) or position.screen == states.HOME:
        if not first or someones_words(text):  # a paste's every part, as on any screen of buttons
            await given_back(update, context, text, first)
        if not at_split_length(text):  # else more is coming: the way forward below the last part
            await not_understood(update, context)
        return
    if not first:  # given back with the first part, which is no button's label (4,096 characters)
        await send_plain(update, text)
    elif await typed_on_a_gone_row(update, context, position, text):
        return
    else:
        asked = file_asked(context, position)
        said = "📎 " + e(asked) if asked is not None else "👇 " + e(context._(CHOOSE_BUTTONS))
        await said_with(update, context, said, text if someones_words(text) else "")
    if not at_split_length(text):  # else more is coming: the screen goes below the last part
        await open_position(update, context, position)


async def typed_on_a_gone_row(update: Update, context: QualiContext, position: Position, text: str) -> bool:
    """A text typed on a screen about a row removed meanwhile (``WHEN_GONE``): said as a typed answer is
    told, above the screen the journey leads to; a text of more than a word given back whole, as it may
    be meant for a question (a single word is a guess at a button, on display just above). False when
    the row is there, or the screen names none."""
    when_gone = WHEN_GONE.get(position.screen)
    if when_gone is None or context.visitor.coop is None:
        return False
    async with context.db.transaction() as session:
        led_to = await when_gone(context, session, position.data)
    if led_to is None:
        return False
    removed = answer_refusal(context, NotYours.code)  # what a typed answer and a button are told
    if len(text.split()) > 1:
        await hand_back(update, context, removed, text)
        await open_position(update, context, led_to)
    else:
        await open_position(update, context, led_to, "⚠️ " + e(removed))
    return True


def meant_as_a_message(context: QualiContext, position: Position) -> bool:
    """Whether a text typed here is surely a message: on the inbox for an admin, on the coop's list of
    requests or a new request's subject for its member."""
    if position.screen == states.INBOX:
        return context.visitor.is_admin
    return position.screen in (states.REQUESTS, states.REQUEST_SUBJECT) and context.visitor.coop is not None


async def typed_on_a_list(
    update: Update, context: QualiContext, position: Position, text: str, first: bool
) -> None:
    """A text typed on a list of requests: sent to nobody, so given back whole with the way to send it,
    the list drawn again below if it is what is on display (a paste's next parts: only given back)."""
    if not first:
        await send_plain(update, text)
        return
    await hand_back(update, context, context._(MEANT_AS_A_MESSAGE[position.screen]), text)
    if known_on_display(context):  # not over a plain menu drawn since (/announce's choice)
        await open_position(update, context, position)


def first_of_paste(context: QualiContext, user_id: int, text: str) -> bool:
    """Whether a text on a screen of buttons (or replying to an earlier message) is answered: not when it
    follows a part of a paste cut at the split length (Telegram's next part of the same paste) within the
    wait for it (``pasting``)."""
    hints, follows = context.bot_data.pasting_on_buttons, pasting(context, user_id)
    started = hints.pop(user_id, None)
    if at_split_length(text):  # more is coming
        if len(hints) >= 10_000:  # forgotten all at once when full, as a hint may be
            hints.clear()
        hints[user_id] = started if follows else context.now()
    return not follows


def pasting(context: QualiContext, user_id: int) -> bool:
    """Whether a paste answered as a whole (``first_of_paste``) is still arriving: a part cut at the split
    length came within the wait for the next one."""
    started = context.bot_data.pasting_on_buttons.get(user_id)
    return started is not None and context.now() - started <= timedelta(seconds=SPLIT_WAIT_SECONDS)


# a text replying to an earlier message of the bot, at a question: meant for that one, so not stored
REPLIED_EARLIER = N_(
    "You replied to an earlier message, not to the question now asked: your text was not saved."
)


def replies_earlier(update: Update, context: QualiContext) -> bool:
    """Whether a text typed at one of the dossier's questions replies to a message of the bot sent before
    the screen on display (an earlier question, most likely to correct it); not to that screen or the
    messages below it, one's own, none. Elsewhere (a ballot's comment, a figure asked by a reminder's
    button) a reply to the notice above is a comment on what it announced: an answer as any other."""
    replied, where = update.effective_message.reply_to_message, context.where
    by_bot = replied is not None and replied.from_user is not None and replied.from_user.is_bot
    shown = where.screen_message_id if where.position.screen == states.ASK else None
    return by_bot and shown is not None and replied.message_id < shown


async def replied_to_earlier(update: Update, context: QualiContext, position: Position, text: str) -> bool:
    """A text at a question replying to an earlier message (``replies_earlier``): not stored but given back
    whole, then the question asked again below (``ask_again``). A paste's next parts (replies or not)
    come back plain, the question drawn after the last. False: an answer to the question asked."""
    user_id = context.visitor.user.id
    if not pasting(context, user_id) and not replies_earlier(update, context):
        return False
    if first_of_paste(context, user_id, text):
        await hand_back(update, context, context._(REPLIED_EARLIER), text)
    else:
        await send_plain(update, text)
    if not at_split_length(text):  # else more is coming: the question goes below the last part
        await ask_again(update, context, position)
    return True


async def ask_again(update: Update, context: QualiContext, position: Position) -> None:
    """The question asked again as a new message, saying that the next message answers it and how an
    earlier answer is corrected (« ⬅️ Back » when the screen has it, else its ✏️)."""
    drawn = await commit(context, lambda session: nothing(Step(position)), afresh=True)
    rows = drawn.screen.keyboard.inline_keyboard if drawn.screen.keyboard is not None else ()
    back = any(pressed.text == context._(BACK) for row in rows for pressed in row)
    said = f"{context._(NEXT_ASKED)} {context._(CORRECT_BY_BACK if back else CORRECT_BY_PENCIL)}"
    await draw_new(update, context, with_notice(drawn.screen, "👇 " + e(said)), drawn.before)


async def has_a_workplace(update: Update, context: QualiContext) -> bool:
    """Whoever a command leads from a question to a workplace (``menus.workplace``): a coop's member, the
    committee, an administrator; anyone else is told how to join, as on any member's button."""
    visitor = context.visitor
    if visitor is not None and (visitor.is_committee or visitor.is_admin):
        return True
    return await require_member(update, context)


def handlers() -> list:
    """The way back to a question left, for everyone a command may lead away from one."""
    return [button(cb.QUESTION_LEFT, reopen, has_a_workplace)]
