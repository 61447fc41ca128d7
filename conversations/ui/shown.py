"""Saving where a user moved: nothing between two menus of the same message, else one upsert.

A menu (``states.MENUS``) is a screen whose buttons carry what they act on: the message on display
is its state, so moving from one menu to another in that message saves nothing — pure navigation
commits nothing. The saved position stays the last screen that asked something, or the last one
sent as a new message with its id: a typed text answers the right question, an upload lands in the
right place and an older menu is known as such, whichever instance gets the update.

To redraw the very menu on display (a text typed on it, an out-of-date menu pressed), the process
keeps the last menu it drew per user, as a hint: it holds only while the saved live message is
that message and the saved position the one it was drawn from. After a restart, or when the user's next
update goes to another instance, the saved position is drawn instead: an earlier menu, never a question.
What a saved menu says of its way (from the recap) is then no longer known of the menu on display
(``known_on_display``): a way is taken from the buttons pressed only.

A paste's parts still waiting when the user leaves their question for another one, or for a command,
are taken with that move and given back whole (``take_parts``): they are judged at the question they
were typed at or nowhere.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import replace
from typing import TYPE_CHECKING

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.render.html import MESSAGE_LIMIT, units
from conversations.ui import states
from locales import N_
from models.chat_state import PartsTaken, Position, Where, claim_parts, drop_parts, store_position

if TYPE_CHECKING:  # the context holds the process's ShownMenus: imported for the types only
    from conversations.ui.context import QualiContext

HINTS_KEPT = 10_000  # users; the oldest hint goes first (a hint lost only means an earlier menu)


class ShownMenus:
    """Per user, the menu this process knows on display in the live message: one it drew there without
    saving it, or the one it saved; each with the saved position it stands on."""

    def __init__(self, kept: int = HINTS_KEPT) -> None:
        self._shown: dict[int, tuple[int | None, str, Position]] = {}
        self._kept = kept

    def on_display(self, user_id: int, saved: Where) -> Where:
        """Where the user is: the saved position, or the menu drawn since in the same message. A hint
        the saved position no longer stands for (saved since by another process) is forgotten."""
        hint = self._shown.get(user_id)
        if hint is None:
            return saved
        stands_on = (saved.screen_message_id, as_saved(saved))
        if saved.position.screen not in states.MENUS or hint[:2] != stands_on:
            del self._shown[user_id]
            return saved
        return replace(saved, position=hint[2])

    def knows(self, user_id: int, where: Where) -> bool:
        """Whether ``where`` is what the user has on display: a question (saved at every move), or the
        menu this process drew or saved in that message; not an older menu saved before a restart."""
        hint = self._shown.get(user_id)
        return where.position.screen not in states.MENUS or (
            hint is not None and (hint[0], hint[2]) == (where.screen_message_id, where.position)
        )

    def drew(self, user_id: int, where: Where, position: Position) -> None:
        """A menu was drawn from ``where`` in the live message, unsaved: the latest hint goes last."""
        hint = self._shown.get(user_id)
        known = hint is not None and (hint[0], hint[2]) == (where.screen_message_id, where.position)
        self._keep(user_id, (where.screen_message_id, hint[1] if known else as_saved(where), position))

    def saved(self, user_id: int, after: Where) -> None:
        """The position was saved: it says where the user is."""
        self._keep(user_id, (after.screen_message_id, as_saved(after), after.position))

    def forget(self, user_id: int) -> None:
        """The live message holds no screen of its own (a plain menu): nothing known on display."""
        self._shown.pop(user_id, None)

    def _keep(self, user_id: int, hint: tuple[int | None, str, Position]) -> None:
        """Keep a user's hint, the oldest user's going first beyond the number kept."""
        self._shown.pop(user_id, None)
        if len(self._shown) >= self._kept:
            del self._shown[next(iter(self._shown))]
        self._shown[user_id] = hint


def as_saved(where: Where) -> str:
    """A position as the database holds it (its data as JSON), to tell the saved one that a hint stands on."""
    return where.position.screen + json.dumps(where.position.data, ensure_ascii=False)


def between_menus(where: Where, position: Position, message_id: int | None) -> bool:
    """Whether a move goes from a menu to a menu in the same live message (nothing to save)."""
    return (
        where.screen_message_id is not None
        and message_id in (None, where.screen_message_id)
        and where.position.screen in states.MENUS
        and position.screen in states.MENUS
    )


def on_display(context: QualiContext, saved: Where) -> Where:
    """Where the visitor is: the saved position, or the menu this process drew since in that message."""
    return context.bot_data.shown_menus.on_display(context.visitor.user.id, saved)


def known_on_display(context: QualiContext) -> bool:
    """Whether the visitor's position (``context.where``) is the one on display, as this process knows."""
    where = context.where
    return where is not None and context.bot_data.shown_menus.knows(context.visitor.user.id, where)


async def move(
    context: QualiContext,
    session: AsyncSession,
    where: Where,
    position: Position,
    message_id: int | None = None,
    followed: bool | None = None,
) -> Where:
    """Where the visitor is after moving from ``where`` to ``position``: saved, unless between menus.
    ``followed``: whether messages of its own (its whole text) follow the screen's (``Where``)."""
    shown, user_id = context.bot_data.shown_menus, context.visitor.user.id
    if not followed and between_menus(where, position, message_id):
        shown.drew(user_id, where, position)
        return replace(where, position=position)
    after = await store_position(
        session, user_id, where, position, now=context.now(), message_id=message_id, followed=followed
    )
    shown.saved(user_id, after)
    return after


async def mark_followed(context: QualiContext) -> None:
    """Messages were sent after the screen on display, in it (a text handed back below it): saved so, the
    next screen is drawn below them (``Where.followed``)."""
    where = context.where
    if where is not None and where.screen_message_id is not None and not where.followed:
        async with context.db.transaction() as session:
            context.where = await move(context, session, where, where.position, followed=True)


# ---- a paste's parts: judged at the question they were typed at (conversations.ui.pastes) ----

SPLIT_LENGTH = MESSAGE_LIMIT  # where Telegram's clients cut a long paste
# A part of exactly the split length means more is coming: wait longer for it. If nothing comes,
# the paste was exactly that long, and the user waits these few seconds once.
SPLIT_WAIT_SECONDS = 8.0
GIVEN_BACK = N_("This question is no longer open.")
# parts a process died holding, typed before the person's last move (models.chat_state.judged_where)
MOVED_ON = N_(
    "A restart interrupted my reading of this text, and you moved on meanwhile: "
    "it was not taken as an answer."
)


def at_split_length(text: str) -> bool:
    """Whether a part is as long as the client's cut (in characters or in UTF-16 units)."""
    return max(len(text), units(text)) >= SPLIT_LENGTH


def joined(parts: tuple[str, ...] | list[str]) -> str:
    """The parts as one text: a cut at the split length falls mid-text, any other between paragraphs."""
    text = parts[0]
    for previous, part in itertools.pairwise(parts):
        text += ("" if at_split_length(previous) else "\n") + part
    return text


async def take_parts(context: QualiContext, session: AsyncSession) -> str:
    """The parts of a paste still waiting, taken in ``session``'s transaction to be given back whole
    ("" when none, or when a process judging them claimed them first: it judges them)."""
    try:
        claim = await claim_parts(session, context.visitor.user.id, lambda parts: True, now=context.now())
    except PartsTaken:  # claimed meanwhile by a process judging them
        return ""
    context.parts_waiting = False
    if claim is None:
        return ""
    await drop_parts(session, claim.token)
    return joined(claim.parts)
