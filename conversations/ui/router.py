"""Screens by name, and the wrappers every button and typed answer of the dossier goes through.

A screen is a data getter + rendering (``@screen("name")``); an action turns a button press or an
answer into the next ``Position``. The wrappers check who is asking, write the change and the new
position in one transaction before anything is sent, then draw the screen.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Update
from telegram.ext import CallbackQueryHandler

from conversations.ui.context import QualiContext
from conversations.ui.messages import Screen, reply, show
from conversations.ui.middleware import require_member
from locales import N_
from models.chat_state import Position, save_position
from models.coops import current_dossier
from models.dossier.writes import DossierError, DossierLocked, NotYours
from models.tables import Dossier

log = logging.getLogger(__name__)

Renderer = Callable[[QualiContext, AsyncSession, dict], Awaitable[Screen]]
_SCREENS: dict[str, Renderer] = {}

REFUSALS = {
    NotYours.code: N_("This button is not for your coop's dossier, or what it pointed to was removed."),
    DossierLocked.code: N_("The dossier has been submitted: it can no longer be changed here. 🔒"),
    "limit_reached": N_("That is the maximum for this part of the dossier."),
    "not_followed": N_(
        "Progress is followed once the validation committee has declared the dossier admissible."
    ),
    "transition_refused": N_("This decision is not possible at this stage of the dossier."),
    "not_allowed": N_("Your role does not allow this."),
}


@dataclass
class Step:
    """Where an action leads, with an optional notice (HTML) shown above the screen.

    ``after`` runs once the change is committed and the screen shown (e.g. notifications).
    """

    position: Position
    notice: str = ""
    after: Callable[[Update, QualiContext], Awaitable[None]] | None = None


def screen(name: str) -> Callable[[Renderer], Renderer]:
    """Register the renderer of a named screen."""

    def register(renderer: Renderer) -> Renderer:
        _SCREENS[name] = renderer
        return renderer

    return register


async def member_dossier(context: QualiContext, session: AsyncSession) -> Dossier:
    """The current dossier of the asking member's coop."""
    return await current_dossier(session, context.visitor.coop.id)


async def render(context: QualiContext, session: AsyncSession, position: Position) -> Screen:
    """Draw a position; what it pointed to may have been removed by a colleague: then home."""
    renderer = _SCREENS.get(position.screen) or _SCREENS["home"]
    try:
        return await renderer(context, session, position.data)
    except NotYours:
        return await _SCREENS["home"](context, session, {})


def with_notice(screen_: Screen, notice: str) -> Screen:
    """Put a notice line above a screen."""
    return Screen(f"{notice}\n\n{screen_.text}" if notice else screen_.text, screen_.keyboard)


async def go(update: Update, context: QualiContext, session: AsyncSession, step: Step) -> Screen:
    """Save the new position (same transaction as the change) and draw it."""
    await save_position(session, context.visitor.user.id, step.position, now=context.now())
    return with_notice(await render(context, session, step.position), step.notice)


Action = Callable[[QualiContext, AsyncSession, list[str]], Awaitable[Step]]


Guard = Callable[[Update, QualiContext], Awaitable[bool]]
TextAnswer = Callable[[QualiContext, AsyncSession, dict, str], Awaitable[Step]]
TEXT_SCREENS: dict[str, TextAnswer] = {}


def text_answer(name: str) -> Callable[[TextAnswer], TextAnswer]:
    """Register what a typed message means on a screen that asks for text (besides fields)."""

    def register(handler: TextAnswer) -> TextAnswer:
        TEXT_SCREENS[name] = handler
        return handler

    return register


def button(prefix: str, action: Action, guard: Guard = require_member) -> CallbackQueryHandler:
    """A handler for callback data ``prefix`` or ``prefix:arg:arg``, after the guard's check."""

    async def on_press(update: Update, context: QualiContext) -> None:
        query = update.callback_query
        if not await guard(update, context):
            return
        args = query.data.split(":")[1:]
        try:
            async with context.db.transaction() as session:
                step = await action(context, session, args)
                drawn = await go(update, context, session, step)
        except DossierError as refusal:
            text = REFUSALS.get(refusal.code, REFUSALS[NotYours.code])
            await query.answer(context._(text), show_alert=True)
            return
        except (ValueError, IndexError, KeyError):  # malformed or forged callback data
            log.info("refused callback data %r from %s", query.data, context.visitor.user.id)
            await query.answer(context._(REFUSALS[NotYours.code]), show_alert=True)
            return
        await query.answer()
        await show(update, drawn)
        if step.after is not None:
            await step.after(update, context)

    return CallbackQueryHandler(on_press, pattern=rf"^{prefix}(:|$)")


async def open_position(update: Update, context: QualiContext, position: Position, notice: str = "") -> None:
    """Draw a position as a new message (after a command or a typed answer)."""
    async with context.db.transaction() as session:
        drawn = await go(update, context, session, Step(position, notice))
    await reply(update, drawn.text, drawn.keyboard)
