"""Updating progress: the new value of each indicator in turn; the action plan's states and notes are
``action_plan``'s.

Reached from the progress screen (``progress``) once the dossier is admissible; every change is
written with its audit entry like any change of the dossier.
"""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.follow_up import action_plan
from conversations.follow_up.progress import followed_dossier, followed_indicator, walk_at
from conversations.render.formatting import format_value, labelled, shorten, value_example
from conversations.render.html import bold, e, italic
from conversations.ui import callbacks as cb
from conversations.ui import states
from conversations.ui.common import keep_button, nav_row
from conversations.ui.context import QualiContext
from conversations.ui.messages import Screen, keyboard
from conversations.ui.router import Step, button, screen, text_answer
from models.chat_state import Position, load_position
from models.dossier.indicators import update_indicator
from models.dossier.reads import read_snapshot
from models.parsing.values import parse_indicator_value
from models.values import ValueKind


@screen(states.PROGRESS_VALUE)
async def value_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """One indicator of the walk: its values, and the question for the new current value."""
    _ = context._
    t = context.t
    walk = data["walk"]
    indicator, _dossier = await followed_indicator(context, session, walk[data["i"]])
    lines = [
        e(_("Indicator {n}/{total}").format(n=data["i"] + 1, total=len(walk))),
        bold(context.indicator_title(indicator)),
        e(
            _("Now: {now} · target: {target}").format(
                now=format_value(t, indicator.current_value, indicator.value_kind, indicator.unit),
                target=format_value(t, indicator.target_value, indicator.value_kind, indicator.unit),
            )
        ),
        "",
        bold(_("What is its value today?")),
        italic(value_example(context.t, indicator.value_kind, indicator.unit)),
    ]
    yes_no = (
        [(_("Yes"), cb.PROGRESS_YES_NO.pack("y")), (_("No"), cb.PROGRESS_YES_NO.pack("n"))]
        if indicator.value_kind == ValueKind.YES_NO
        else []
    )
    fix = [(_("✏️ Correct"), cb.PROGRESS_AGAIN.pack(data["fix"]))] if "fix" in data else []
    return Screen(
        "\n".join(lines),
        keyboard(
            fix,
            yes_no,
            [keep_button(context, cb.PROGRESS_KEEP.pack())],
            nav_row(context, cb.PROGRESS.pack()),
        ),
    )


async def start_walk(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """✏️ Update the figures: each indicator in turn."""
    dossier = await followed_dossier(context, session)
    walk = [i.id for i in (await read_snapshot(session, dossier)).indicators]
    return Step(
        Position(states.PROGRESS_VALUE, {"walk": walk, "i": 0}) if walk else Position(states.PROGRESS)
    )


def _next(data: dict, notice: str = "", fix: int | None = None) -> Step:
    """The next indicator (``walk_at``), or back to the progress screen."""
    if data["i"] + 1 < len(data["walk"]):
        return Step(Position(states.PROGRESS_VALUE, walk_at(data, data["i"] + 1, fix)), notice)
    return Step(Position(states.PROGRESS, {"walk": data["walk"]}), notice)  # the walk, for ✏️ Correct


@text_answer(states.PROGRESS_VALUE)
async def take_value(context: QualiContext, session: AsyncSession, data: dict, text: str) -> Step:
    """A new current value, read like any indicator value."""
    indicator, _dossier = await followed_indicator(context, session, data["walk"][data["i"]])
    value = parse_indicator_value(text, context.t.language, indicator, unit_open=False)
    return await store_value(context, session, data, value)


async def store_value(context: QualiContext, session: AsyncSession, data: dict, value: str) -> Step:
    """Store the walk's indicator's new value; echo it (« ✏️ Correct » for a number), then the next."""
    indicator, dossier = await followed_indicator(context, session, data["walk"][data["i"]])
    by, now = context.visitor.user.id, context.now()
    await update_indicator(session, dossier, indicator, "current_value", value, actor_id=by, now=now)
    shown = format_value(context.t, value, indicator.value_kind, indicator.unit)
    number = indicator.value_kind == ValueKind.NUMBER  # read from a text: echoed with a way back
    notice = "✅ " + e(labelled(context.t, shorten(context.indicator_title(indicator), 60), shown))
    step = _next(data, notice, data["i"] if number else None)
    if number and step.position.screen == states.PROGRESS:  # the last one: above the progress screen
        step.buttons = [(context._("✏️ Correct"), cb.PROGRESS_AGAIN.pack(data["i"]))]
    return step


async def answer_yes_no(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """« Oui » / « Non » for a yes/no indicator of the walk."""
    position = await load_position(session, context.visitor.user.id)
    if position.screen != states.PROGRESS_VALUE:
        return Step(Position(states.PROGRESS))
    return await store_value(context, session, position.data, "yes" if args[0] == "y" else "no")


async def ask_again(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """« ✏️ Correct »: the walk goes back to that indicator."""
    position = await load_position(session, context.visitor.user.id)
    if position.screen not in (states.PROGRESS_VALUE, states.PROGRESS) or "walk" not in position.data:
        return Step(position)
    if not 0 <= args[0] < len(position.data["walk"]):
        raise IndexError(args[0])
    return Step(Position(states.PROGRESS_VALUE, walk_at(position.data, args[0])))


async def keep_value(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    position = await load_position(session, context.visitor.user.id)
    return (
        _next(position.data) if position.screen == states.PROGRESS_VALUE else Step(Position(states.PROGRESS))
    )


def handlers() -> list:
    """The buttons that update figures and actions."""
    return [
        button(cb.PROGRESS_WALK, start_walk),
        button(cb.PROGRESS_KEEP, keep_value),
        button(cb.PROGRESS_YES_NO, answer_yes_no),
        button(cb.PROGRESS_AGAIN, ask_again),
        *action_plan.handlers(),
    ]
