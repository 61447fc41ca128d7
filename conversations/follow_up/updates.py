"""Updating progress: the new value of each indicator in turn, and the action plan's states and notes.

Reached from the progress screen (``progress``) once the dossier is admissible; every change is
written with its audit entry like any change of the dossier.
"""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.follow_up.progress import followed_action, followed_dossier, followed_indicator
from conversations.render.commitments.bilans import state_of
from conversations.render.formatting import format_owner, format_value, labelled, shorten, value_example
from conversations.render.html import bold, e, italic
from conversations.ui import callbacks as cb
from conversations.ui import states
from conversations.ui.common import back_button, cancel_button, home_button, keep_button, nav_row
from conversations.ui.context import QualiContext
from conversations.ui.messages import Screen, in_rows, keyboard
from conversations.ui.router import Step, button, screen, text_answer
from locales import N_
from models.chat_state import Position, load_position
from models.dossier.indicators import DROPPED, resume_action, update_action, update_indicator
from models.dossier.reads import read_snapshot
from models.parsing.text import check_text
from models.parsing.values import parse_value
from models.values import ValueKind

# the status buttons carry a letter, not the status itself; a drop is the bilan's (bilan_walk), which asks
# its reason and keeps it as the note: a state button here would drop it without one
STATUS_CODES = {"n": "not_started", "p": "in_progress", "d": "done"}
RESUME = "r"  # before a state's code: « Yes, take it up » in that state, on a dropped action
NO_LONGER_DROPPED = N_("This action is no longer dropped: here it is as it stands.")


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
    return Screen(
        "\n".join(lines),
        keyboard(
            yes_no,
            [keep_button(context, cb.PROGRESS_KEEP.pack())],
            nav_row(context, cb.PROGRESS.pack()),
        ),
    )


@screen(states.PROGRESS_ACTIONS)
async def actions_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """Every action of the plan with its state."""
    _ = context._
    dossier = await followed_dossier(context, session)
    snapshot = await read_snapshot(session, dossier)
    lines, buttons = ["✅ " + bold(_("Action plan"))], []
    actions = [a for i in snapshot.indicators for a in snapshot.actions_of(i.id)]
    for n, a in enumerate(actions, 1):  # numbered: two actions may start with the same words
        mark, _words = state_of(context.t, a.status)
        lines.append(
            f"{mark} {n}. {e(shorten(a.description, 80))} — {e(format_owner(context.t, a.owner))}"
            + ("\n    " + italic(shorten(a.note, 200)) if a.note else "")
        )
        buttons.append((f"{mark} {n} · {shorten(a.description, 26)}", cb.PROGRESS_ACTION.pack(a.id)))
    rows = [[b] for b in buttons] + [[back_button(context, cb.PROGRESS.pack()), home_button(context)]]
    return Screen("\n".join(lines), keyboard(*rows))


@screen(states.PROGRESS_ACTION)
async def action_status_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """An action, its state and note, a button per state; a dropped one asks first (``resume_screen``)."""
    _ = context._
    action, _indicator, _dossier = await followed_action(context, session, int(data["id"]))
    if action.status == DROPPED and data.get("resume") in STATUS_CODES:
        return resume_screen(context, action, data["resume"])
    lines = [bold(action.description), e(" ".join(state_of(context.t, action.status)))]
    if action.note:  # a dropped action's note is why it was dropped (the bilan asked)
        why = _("Why it was dropped: {reason}") if action.status == DROPPED else "{reason}"
        lines.append(italic(why.format(reason=action.note)))
    # the bilan's words (one table), two to a row as there: three in a row cut « ⬜ Pas commencée »
    buttons = [
        (" ".join(state_of(context.t, status)), cb.ACTION_STATUS.pack(action.id, code))
        for code, status in STATUS_CODES.items()
    ]
    return Screen(
        "\n".join(lines),
        keyboard(
            *in_rows(buttons),
            [(_("✏️ Note"), cb.ACTION_NOTE.pack(action.id))],
            nav_row(context, cb.PROGRESS_ACTIONS.pack()),
        ),
    )


def resume_screen(context: QualiContext, action, code: str) -> Screen:
    """« Take this action up again? »: a state pressed on an action dropped in the bilan, whose reason,
    kept as its note, would read as the new state's: taken off it, said before."""
    _ = context._
    mark, words = state_of(context.t, STATUS_CODES[code])
    lines = [
        "↩️ " + bold(_("Take this action up again?")),
        e(action.description),
        e(_("It was dropped in the checkpoint report: {reason}").format(reason=action.note or "—")),
        e(_("It will be “{state}”, and its note, the reason it was dropped, will be taken off.")).format(
            state=e(words)
        ),
    ]
    confirm = (f"{mark} " + _("Yes, take it up"), cb.ACTION_STATUS.pack(action.id, RESUME + code))
    return Screen(
        "\n".join(lines), keyboard([confirm, cancel_button(context, cb.PROGRESS_ACTION.pack(action.id))])
    )


@screen(states.PROGRESS_NOTE)
async def note_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    _ = context._
    text = (
        bold(_("Your note on this action?"))
        + "\n"
        + italic(_("e.g. Two training sessions held, one left in June."))
    )
    return Screen(text, keyboard(nav_row(context, cb.PROGRESS_ACTION.pack(data["id"]))))


async def start_walk(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """✏️ Update the figures: each indicator in turn."""
    dossier = await followed_dossier(context, session)
    walk = [i.id for i in (await read_snapshot(session, dossier)).indicators]
    return Step(
        Position(states.PROGRESS_VALUE, {"walk": walk, "i": 0}) if walk else Position(states.PROGRESS)
    )


def _next(data: dict, notice: str = "") -> Step:
    if data["i"] + 1 < len(data["walk"]):
        return Step(Position(states.PROGRESS_VALUE, {**data, "i": data["i"] + 1}), notice)
    return Step(Position(states.PROGRESS, {"walk": data["walk"]}), notice)  # the walk, for ✏️ Correct


@text_answer(states.PROGRESS_VALUE)
async def take_value(context: QualiContext, session: AsyncSession, data: dict, text: str) -> Step:
    """A new current value, read like any indicator value."""
    indicator, _dossier = await followed_indicator(context, session, data["walk"][data["i"]])
    value = parse_value(text, context.t.language, indicator.value_kind, indicator.unit)
    return await store_value(context, session, data, value)


async def store_value(context: QualiContext, session: AsyncSession, data: dict, value: str) -> Step:
    """Store the walk's indicator's new value; echo it (« ✏️ Correct » for a number), then the next."""
    indicator, dossier = await followed_indicator(context, session, data["walk"][data["i"]])
    by, now = context.visitor.user.id, context.now()
    await update_indicator(session, dossier, indicator, "current_value", value, actor_id=by, now=now)
    shown = format_value(context.t, value, indicator.value_kind, indicator.unit)
    step = _next(
        data,
        "✅ "
        + e(
            labelled(
                context.t,
                shorten(context.indicator_title(indicator), 60),
                shown,
            )
        ),
    )
    if indicator.value_kind == ValueKind.NUMBER:
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
    return Step(Position(states.PROGRESS_VALUE, {**position.data, "i": args[0]}))


async def keep_value(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    position = await load_position(session, context.visitor.user.id)
    return (
        _next(position.data) if position.screen == states.PROGRESS_VALUE else Step(Position(states.PROGRESS))
    )


async def open_actions(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    await followed_dossier(context, session)
    return Step(Position(states.PROGRESS_ACTIONS))


async def open_action(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    action, _i, _d = await followed_action(context, session, int(args[0]))
    return Step(Position(states.PROGRESS_ACTION, {"id": action.id}))


async def set_status(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """A state button of an action; on a dropped one, « take it up again? » first, then its « Yes »
    (``RESUME`` and the state)."""
    action, _i, dossier = await followed_action(context, session, int(args[0]))
    code, here = args[1], {"id": action.id}
    if code.startswith(RESUME):
        return await take_up(context, session, dossier, action, code.removeprefix(RESUME))
    if action.status == DROPPED:
        return Step(Position(states.PROGRESS_ACTION, {**here, "resume": code}))
    by, now = context.visitor.user.id, context.now()
    await update_action(session, dossier, action, "status", STATUS_CODES[code], actor_id=by, now=now)
    return Step(Position(states.PROGRESS_ACTIONS))


async def take_up(context: QualiContext, session: AsyncSession, dossier, action, code: str) -> Step:
    """« Yes, take it up »: the state set, the drop's reason taken off the note and said, so that it is
    not lost; an action taken up meanwhile (the button pressed twice, a colleague) is shown as it is."""
    _ = context._
    status = STATUS_CODES[code]
    reason = await resume_action(
        session, dossier, action, status, actor_id=context.visitor.user.id, now=context.now()
    )
    if reason is None:
        return Step(Position(states.PROGRESS_ACTION, {"id": action.id}), "ℹ️ " + e(_(NO_LONGER_DROPPED)))
    said = _("Action taken up again: {state}.").format(state=" ".join(state_of(context.t, status)))
    if reason:
        said += " " + _("The reason it was dropped, taken off its note: {reason}").format(reason=reason)
    return Step(Position(states.PROGRESS_ACTIONS), "↩️ " + e(said))


async def start_note(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    action, _i, _d = await followed_action(context, session, int(args[0]))
    return Step(Position(states.PROGRESS_NOTE, {"id": action.id}))


@text_answer(states.PROGRESS_NOTE)
async def take_note(context: QualiContext, session: AsyncSession, data: dict, text: str) -> Step:
    action, _i, dossier = await followed_action(context, session, int(data["id"]))
    note, by, now = check_text(text, max_length=1000), context.visitor.user.id, context.now()
    await update_action(session, dossier, action, "note", note, actor_id=by, now=now)
    return Step(Position(states.PROGRESS_ACTION, {"id": action.id}), "✅ " + e(context._("Note saved.")))


def handlers() -> list:
    """The buttons that update figures and actions."""
    return [
        button(cb.PROGRESS_WALK, start_walk),
        button(cb.PROGRESS_KEEP, keep_value),
        button(cb.PROGRESS_YES_NO, answer_yes_no),
        button(cb.PROGRESS_AGAIN, ask_again),
        button(cb.PROGRESS_ACTIONS, open_actions),
        button(cb.PROGRESS_ACTION, open_action),
        button(cb.ACTION_STATUS, set_status),
        button(cb.ACTION_NOTE, start_note),
    ]
