"""Screens by name, and the one path every button and every typed answer goes through.

A screen is a data getter + rendering (``@screen(states.X)``); an action (a button) and a text answer
(``@text_answer(states.X)``) lead to the next ``Step``. The wrappers check who is asking, write the change
and the new position in ONE transaction before anything is sent, then draw the screen."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from functools import partial

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Update
from telegram.ext import CallbackQueryHandler

from conversations.render.html import e
from conversations.ui import menus, states
from conversations.ui.callbacks import Callback
from conversations.ui.common import hand_back, recap_kept, refusal
from conversations.ui.context import QualiContext
from conversations.ui.menus import OUT_OF_DATE, draw_new, file_left_behind, is_out_of_date, remember, retire
from conversations.ui.messages import Button, PrivateChat, Screen, answer_while, reply, show, with_notice
from conversations.ui.middleware import require_member, take_dossier_read
from conversations.ui.shown import GIVEN_BACK, move, on_display, take_parts
from models.chat_state import Position, Where, load_where
from models.dossier.current import current_dossier
from models.dossier.reads import DossierError
from models.tables import Dossier

log = logging.getLogger(__name__)

Renderer = Callable[[QualiContext, AsyncSession, dict], Awaitable[Screen]]
_SCREENS: dict[str, Renderer] = {}


@dataclass
class Step:
    """Where an action leads, a notice (HTML) above the screen; ``buttons``: a row first on the keyboard,
    about the notice (« ✏️ Correct »); ``after``: run once the change is committed and the screen shown;
    ``said``: a pressed button's answer (plain, ≤ 200 characters), for a screen that may be drawn again
    unchanged (nothing seen else)."""

    position: Position
    notice: str = ""
    after: Callable[[Update, QualiContext], Awaitable[None]] | None = None
    buttons: list[Button] = field(default_factory=list)
    said: str = ""


@dataclass(frozen=True)
class DataGuard:
    """A guard judging what a button's data names too (whose draft): handed it, pressed or typed alike."""

    judge: Judge


Action = Callable[[QualiContext, AsyncSession, tuple], Awaitable[Step]]
Judge = Callable[[Update, QualiContext, str], Awaitable[bool]]  # who presses, and what the data names
Guard = Callable[[Update, QualiContext], Awaitable[bool]] | DataGuard  # else who presses, only
TextAnswer = Callable[[QualiContext, AsyncSession, dict, str], Awaitable[Step]]
TEXT_SCREENS: dict[str, TextAnswer] = states.TEXT_SCREENS  # read below the router too (ui.menus)
PRESSED: dict[str, tuple[Callback, Action, Judge]] = {}  # each kind of button's action, by its prefix


def screen(name: str) -> Callable[[Renderer], Renderer]:
    """Register the renderer of a named screen."""
    return partial(registered, _SCREENS, name)


def text_answer(name: str) -> Callable[[TextAnswer], TextAnswer]:
    """Register what a typed message means on a screen that asks for text."""
    return partial(registered, TEXT_SCREENS, name)


def registered(table: dict, name: str, handler):
    """``handler`` kept in ``table`` under ``name``, and given back (a decorator's work)."""
    table[name] = handler
    return handler


async def member_dossier(context: QualiContext, session: AsyncSession) -> Dossier:
    """The current dossier of the asking member's coop (NotYours for one taken off the team since)."""
    return await current_dossier(session, context.coop_id)


async def render(context: QualiContext, session: AsyncSession, position: Position) -> Screen:
    """Draw a position; what it pointed to removed by a colleague, or no longer applying: then home, or
    for the committee or an administrator in no coop (a dossier's question left from when they were a
    member) where they work."""
    renderer = _SCREENS.get(position.screen) or _SCREENS[states.HOME]
    try:
        return await renderer(context, session, position.data)
    except DossierError:
        visitor = context.visitor
        staff = visitor is not None and visitor.coop is None and (visitor.is_committee or visitor.is_admin)
        return await _SCREENS[menus.workplace(visitor) if staff else states.HOME](context, session, {})


@dataclass
class Drawn:
    """A committed step and its screen, with the message the screen before was drawn in."""

    step: Step
    screen: Screen
    before: int | None = None
    given_back: bool = False  # a paste waiting at the question left was sent back before the screen


async def commit(
    context: QualiContext,
    act: Callable[[AsyncSession], Awaitable[Step]],
    *,
    drawn_in: Callable[[], int | None] = lambda: None,
    afresh: bool = False,
) -> Drawn:
    """Run an action and save where it leads in ONE transaction, then draw (a failure drawing undoes
    nothing: raised after the commit); ``drawn_in``: the message to edit, if known. A paste waiting at the
    question left goes back first. The way from /recap's ✏️ is kept; a command (``afresh``) starts anew."""
    failure: Exception | None = None
    async with context.db.transaction() as session:  # commits only if something was written
        take_dossier_read(context, session)
        where = await where_now(context, session)
        step = await act(session)
        if not afresh:
            step = replace(step, position=recap_kept(context, step.position))
        left = await take_left_parts(context, session, where.position, step.position)
        after = await move(context, session, where, step.position, drawn_in())
        try:
            screen_ = with_notice(await render(context, session, step.position), step.notice, step.buttons)
        except Exception as error:
            failure = error
    context.where = after
    if not afresh:  # an answer's or a press's work (a command only opens a screen)
        context.work_committed()
    if left:
        chat = PrivateChat.of(context.bot, context.visitor.user.id)
        await hand_back(chat, context, context._(GIVEN_BACK), left)
    if failure is not None:
        raise failure
    return Drawn(step, screen_, where.screen_message_id, bool(left))


async def take_left_parts(
    context: QualiContext, session: AsyncSession, before: Position, after: Position
) -> str:
    """A paste still waiting when the user moves to another question: taken with the move, given back whole
    (judged at the saved position, « ⬅️ Retour » would make it the previous question's answer)."""
    if not context.parts_waiting or after == before or after.screen not in TEXT_SCREENS:
        return ""
    return await take_parts(context, session)


async def where_now(context: QualiContext, session: AsyncSession) -> Where:
    """Where the visitor is: as read with them at the update's start, else (a job) from the database."""
    if context.where is None:
        context.where = on_display(context, await load_where(session, context.visitor.user.id))
    return context.where


def button(callback: Callback, action: Action, guard: Guard = require_member) -> CallbackQueryHandler:
    """A handler for one kind of button: the guard, then the action with typed arguments. One on a message
    older than the screen (or an older version's arguments) is out of date: said so, the screen drawn anew,
    nothing changed, unless it only opens one (``anywhere``); one on a message after it (a reminder, news)
    acts, drawn anew (the news kept whole). A file held and left behind is said not sent."""
    # every guard judged alike, pressed or typed (``press_typed``: no callback query to read the data from)
    admits = guard.judge if isinstance(guard, DataGuard) else lambda up, ctx, _data: guard(up, ctx)

    async def on_press(update: Update, context: QualiContext) -> None:
        query = update.callback_query
        if not await admits(update, context, query.data):
            return
        pressed = query.message.message_id if query.message is not None else None
        fresh: list[str] = []  # « new » when drawn as a new message, « stale » for an out-of-date menu

        async def act(session: AsyncSession) -> Step:
            where = await where_now(context, session)
            if is_out_of_date(pressed, where.screen_message_id):
                if not callback.anywhere:
                    fresh.append("stale")
                    notice = "🔄 " + e(context._(OUT_OF_DATE))
                    return Step(where.position, notice)
                fresh.append("new")
            elif pressed is not None and (pressed != where.screen_message_id or where.followed):
                fresh.append("new")  # below what came after the menu (a reminder, a decision, its whole text)
            return await step_of(context, session, where.position, action, args)

        try:
            args = callback.unpack(query.data)
        except (ValueError, IndexError):  # an older version's arguments (or forged)
            return await out_of_date(update, context)
        try:
            drawn = await commit(context, act, drawn_in=lambda: None if fresh else pressed)
        except DossierError as refused:
            await query.answer(refusal(context, refused.code), show_alert=True)
            return
        except (ValueError, LookupError):  # a row, a code, a field its arguments name is no longer there
            # (or an action's own slip: whose traceback the log keeps, the person getting their screen)
            log.warning("button %r named nothing", query.data, exc_info=True)
            return await out_of_date(update, context)
        # a paste given back came first: the screen follows it as a new message, to answer below
        mode = fresh[0] if fresh else "new" if drawn.given_back else "edit"
        await answer_while(query, draw_pressed(update, context, drawn, mode), drawn.step.said)
        if drawn.step.after is not None:
            await drawn.step.after(update, context)

    PRESSED[callback.prefix] = (callback, action, admits)  # pressed by a word too (``press_typed``)
    return CallbackQueryHandler(on_press, pattern=callback.pattern)


async def out_of_date(update: Update, context: QualiContext) -> None:
    """A button of an older version (or forged): said so, and the current screen as a new message."""
    log.info("refused callback data %r from %s", update.callback_query.data, context.visitor.user.id)
    await update.callback_query.answer(context._(OUT_OF_DATE))
    await open_position(update, context, reopened(context))


def reopened(context: QualiContext) -> Position:
    """Where an out-of-date menu opens: the saved position; their workplace for federation staff in no coop
    at none saved or at the dossier's home (``Where``'s default), which they have not."""
    where, visitor = context.where or Where(), context.visitor
    staff = visitor.coop is None and (visitor.is_admin or visitor.is_committee)
    if staff and (not where.stored or where.position.screen == states.HOME):
        return Position(menus.workplace(visitor))
    return where.position


async def step_of(context: QualiContext, session: AsyncSession, at: Position, action: Action, args) -> Step:
    """A button's action, from the screen at ``at``; a file held there that it leaves behind said not sent."""
    step = await action(context, session, args)
    if left_behind := file_left_behind(context, at, step.position, step.notice):
        step = replace(step, notice="\n".join(filter(None, (step.notice, left_behind))))
    return step


async def press_typed(update: Update, context: QualiContext, label: str, said: str) -> bool:
    """The button ``label`` of the screen on display pressed by a word typed (« retour »): its action,
    ``said`` above the screen it leads to, drawn anew as after an answer; False if the screen has none."""
    async with context.db.transaction() as session:
        shown = await render(context, session, (await where_now(context, session)).position)
    rows = shown.keyboard.inline_keyboard if shown.keyboard is not None else ()
    data = next((key.callback_data for row in rows for key in row if key.text == context._(label)), None)
    callback, action, admits = PRESSED.get(str(data).split(":")[0], (None, None, None))
    if callback is None:
        return False
    if not await admits(update, context, data):
        return True

    async def act(session: AsyncSession) -> Step:
        step = await step_of(context, session, (await where_now(context, session)).position, action, args)
        return replace(step, notice="\n".join(filter(None, (said, step.notice))))

    try:
        args = callback.unpack(data)
        drawn = await commit(context, act, drawn_in=lambda: menus.next_message_id(update))
    except DossierError as refused:
        await reply(update, "⚠️ " + e(refusal(context, refused.code)))
        return True
    await draw_new(update, context, drawn.screen, drawn.before)
    if drawn.step.after is not None:
        await drawn.step.after(update, context)
    return True


async def draw_pressed(update: Update, context: QualiContext, drawn: Drawn, mode: str) -> None:
    """Edit the pressed menu in place; or, from another message (« new », « stale »), draw anew."""
    pressed = update.callback_query.message
    if mode != "edit":
        await draw_new(update, context, drawn.screen, drawn.before)
        if mode == "stale" and pressed is not None:
            await retire(context, update.effective_chat.id, pressed.message_id)
        return
    pressed_id = pressed.message_id if pressed is not None else None
    sent = await show(update, drawn.screen)
    if sent is not None:  # sent anew (too long to edit: the pressed one loses its keyboard), or followed
        await remember(update, context, sent, pressed_id, drawn.screen.followed)  # by its whole text


def on_button(callback: Callback, handler) -> CallbackQueryHandler:
    """A button whose handler does more than draw a screen (sends a file, answers a pop-up). Only data that
    fits it reaches the handler: other arguments go on to the old menus' catch-all (``onboarding.
    stale_button``), out of date as in ``button``; a well-formed one naming another coop's row is the
    handler's to refuse (« not your coop's dossier »)."""
    return CallbackQueryHandler(handler, pattern=callback.fits)


async def open_position(update: Update, context: QualiContext, position: Position, notice: str = "") -> None:
    """Draw a position as given, as a new message (after a command, a file or a refused answer)."""
    drawn = await commit(context, lambda session: nothing(Step(position, notice)), afresh=True)
    await draw_new(update, context, drawn.screen, drawn.before)


async def nothing(step: Step) -> Step:
    """A step that changes nothing (a command opening a screen)."""
    return step
