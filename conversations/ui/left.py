"""A question left for a command: the text typed next comes back whole, with the way back to it.

A command sent at a question leaves it for the dossier's home (``menus.leave_for_command``), which
keeps a trace of the question left (``states.LEFT_KEY``), saved in the same statement as that move.
A text typed there next was most likely meant for that question (its answer, after rereading the
recap): it is given back whole, saying which command closed the question, with « ↩️ Reopen the
question », which opens it again; the person then sends the text again. The trace goes with the next
position saved (any screen drawn as a new message, /dossier, /cancel); between menus of one message
the menu on display is where the person is, and it has none.
"""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Update

from conversations.render.html import e
from conversations.ui import callbacks as cb
from conversations.ui import states
from conversations.ui.common import hand_back
from conversations.ui.context import QualiContext
from conversations.ui.menus import send_menu
from conversations.ui.messages import keyboard, send_plain
from conversations.ui.router import Step, button, where_now
from locales import N_
from models.chat_state import Position

CLOSED_BY = N_(
    "The question you were answering was closed by {command}: this text was not taken as its answer."
)
SEND_AGAIN = N_("To answer it, reopen it, then send your text again.")
REOPEN = N_("↩️ Reopen the question")


def question_left(position: Position) -> dict | None:
    """The trace of the question a command left, kept at the home it led to (None: none)."""
    left = position.data.get(states.LEFT_KEY)
    return left if isinstance(left, dict) and isinstance(left.get("screen"), str) else None


async def typed_after_leaving(
    update: Update, context: QualiContext, left: dict, text: str, first: bool
) -> None:
    """A text typed at the home a command led to from a question: which command closed the question,
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


def handlers() -> list:
    """The way back to a question left."""
    return [button(cb.QUESTION_LEFT, reopen)]
