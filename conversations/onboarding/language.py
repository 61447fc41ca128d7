"""What follows a language chosen in the bot (``ui.common.speak``), with /language or /settings alike.

Telegram shows a chat's own « / » menu before the menus the composition root sets by language code (the
Telegram app's): the person's choice sets their chat's, what /help lists for them (``commands``). And a
question a command left (``ui.left``) names that command as the person now reads it, the name they would
type.
"""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.onboarding.commands import command_as_read, set_chat_menu
from conversations.render.html import e
from conversations.ui import states
from conversations.ui.common import LANGUAGE_FOLLOWERS, home_button, language_keyboard
from conversations.ui.context import QualiContext
from conversations.ui.left import with_left
from conversations.ui.messages import Screen
from conversations.ui.router import screen
from conversations.ui.shown import move
from models.chat_state import Position


async def name_the_command_left(context: QualiContext) -> None:
    """A question left for a command (kept at the home: ``states.LEFT_KEY``): that command named anew, as
    the language chosen calls it (« /settings » for « /parametres »)."""
    where = context.where
    left = where.position.data.get(states.LEFT_KEY) if where is not None else None
    if not isinstance(left, dict) or not isinstance(left.get("by"), str):
        return
    named = command_as_read(context.t, left["by"])
    if named == left["by"]:
        return
    renamed = Position(where.position.screen, {**where.position.data, states.LEFT_KEY: {**left, "by": named}})
    async with context.db.transaction() as session:
        context.where = await move(context, session, where, renamed)


LANGUAGE_SCREEN = "language"  # /language's buttons, a member's saved screen


def languages(context: QualiContext) -> Screen:
    """/language: the supported languages, and a member's way home."""
    home = [home_button(context)] if context.visitor.coop is not None else []  # a member's way home
    return Screen(e(context._("Which language do you prefer?")), language_keyboard(home))


@screen(LANGUAGE_SCREEN)
async def language_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """The languages, as a member's saved screen."""
    return languages(context)


def home_kept(context: QualiContext) -> Position:
    """The home to draw once a language is chosen: the one the person is at, with the trace of a question
    a command left (/language's own): choosing a language moves nobody, the text typed next still
    leads back to that question, as after /settings."""
    where = context.where
    if where is not None and where.position.screen == states.HOME:
        return where.position
    return with_left(context, states.HOME)


LANGUAGE_FOLLOWERS.extend((name_the_command_left, set_chat_menu))
