"""Preparing the bilan: each indicator's value checked in turn, each action's state, the two texts.

Values and states are written to the dossier itself (with the audit trail), so /progres and the
bilan never disagree; a dropped action needs its reason, kept as the action's note.
"""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.follow_up.bilan import editable_report
from conversations.render.commitments.bilans import ACTION_STATES, state_of
from conversations.render.commitments.words import colon
from conversations.render.formatting import format_due, format_value, shorten, value_example
from conversations.render.html import bold, e, italic
from conversations.ui import callbacks as cb
from conversations.ui import states
from conversations.ui.common import back_button, keep_button
from conversations.ui.context import QualiContext
from conversations.ui.messages import Screen, in_rows, keyboard
from conversations.ui.router import Step, button, screen, text_answer
from models.chat_state import Position, load_position
from models.dossier.indicators import update_action, update_indicator
from models.dossier.reads import action_of_member, indicator_of_member, read_snapshot
from models.label.bilans import DROPPED, TEXT_MAX, mark_reviewed, set_text, value_dates
from models.parsing.text import check_text
from models.parsing.values import parse_value

STATUS_CODES = {"n": "not_started", "p": "in_progress", "d": "done", "x": DROPPED}
TEXTS = {"d": ("difficulties", states.BILAN_DIFFICULTIES), "h": ("help_wanted", states.BILAN_HELP)}


def _next(data: dict, screen_name: str, notice: str = "") -> Step:
    """The next item of a walk, or back to the bilan."""
    if data["i"] + 1 < len(data["walk"]):
        return Step(Position(screen_name, {**data, "i": data["i"] + 1}), notice)
    return Step(Position(states.BILAN), notice)


@screen(states.BILAN_VALUE)
async def value_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """One indicator: its latest value with its date, and the question for today's."""
    _ = context._
    dossier, _report = await editable_report(context, session)
    indicator, _dossier = await indicator_of_member(
        session, data["walk"][data["i"]], dossier.coop_id, for_edit=False
    )
    on = (await value_dates(session, dossier, [indicator.id]))[indicator.id]
    value = lambda stored: format_value(context.t, stored, indicator.value_kind, indicator.unit)  # noqa: E731
    lines = [
        e(_("Report · Indicator {n}/{total}").format(n=data["i"] + 1, total=len(data["walk"]))),
        bold(context.indicator_title(indicator)),
        e(
            _("Latest value: {value} ({date}) · target: {target}").format(
                value=value(indicator.current_value),
                date=format_due(context.t, on),
                target=value(indicator.target_value),
            )
        ),
        "",
        bold(_("What is its value today?")),
        italic(value_example(context.t, indicator.value_kind, indicator.unit)),
    ]
    return Screen(
        "\n".join(lines),
        keyboard([(_("✅ Still right"), cb.BILAN_SAME.pack())], [back_button(context, cb.BILAN.pack())]),
    )


@screen(states.BILAN_ACTION)
async def action_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """One action: its state now, and a button per state."""
    _ = context._
    dossier, _report = await editable_report(context, session)
    action, indicator, _d = await action_of_member(
        session, data["walk"][data["i"]], dossier.coop_id, for_edit=False
    )
    mark, words = state_of(context.t, action.status)
    lines = [
        e(_("Report · Action {n}/{total}").format(n=data["i"] + 1, total=len(data["walk"]))),
        e(shorten(context.indicator_title(indicator), 80)),
        bold(action.description),
        e(f"{action.owner or '—'} · {format_due(context.t, action.due_date, action.due_precision)}"),
        f"{mark} {e(words)}" + (f" — {italic(action.note)}" if action.note else ""),
    ]
    buttons = [
        (f"{m} {_(w)}", cb.BILAN_ACTION_STATUS.pack(action.id, code))
        for code, (m, w) in zip(STATUS_CODES, ACTION_STATES.values(), strict=True)
    ]
    return Screen(
        "\n".join(lines),
        keyboard(
            *in_rows(buttons),
            [(_("➡️ Unchanged"), cb.BILAN_ACTION_STATUS.pack(action.id, "k"))],
            [back_button(context, cb.BILAN.pack())],
        ),
    )


@screen(states.BILAN_REASON)
async def reason_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """Why the action was dropped."""
    _ = context._
    text = (
        bold(_("Why was this action dropped?"))
        + "\n"
        + italic(_("e.g. The partner left the project; replaced by action 3."))
    )
    action_id = data["walk"][data["i"]]
    return Screen(text, keyboard([back_button(context, cb.BILAN_ACTION_STATUS.pack(action_id, "r"))]))


@screen(states.BILAN_DIFFICULTIES)
@screen(states.BILAN_HELP)
async def text_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """The difficulties met, or the help wanted: the current text whole, and the question."""
    _ = context._
    _dossier, report = await editable_report(context, session)
    name, _state = TEXTS[data["t"]]
    question = (
        _("Which difficulties did you meet?")
        if name == "difficulties"
        else _("Which help would you like from the federation?")
    )
    example = (
        _("e.g. Few tenants came to the meetings; the survey was late.")
        if name == "difficulties"
        else _("e.g. An example of a tenant survey used by another coop.")
    )
    lines = [bold(question), italic(example)]
    rows = []
    if getattr(report, name):
        lines = [e(_("Now:")), e(getattr(report, name)), "", *lines]
        rows.append([keep_button(context, cb.BILAN.pack())])
    if name == "help_wanted":
        rows.append([(_("🙅 No help needed"), cb.BILAN_NO_HELP.pack())])
    return Screen("\n".join(lines), keyboard(*rows, [back_button(context, cb.BILAN.pack())]))


async def start_values(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """📈 Values: each indicator in turn."""
    dossier, _report = await editable_report(context, session)
    walk = [i.id for i in (await read_snapshot(session, dossier)).indicators]
    return Step(Position(states.BILAN_VALUE, {"walk": walk, "i": 0}) if walk else Position(states.BILAN))


@text_answer(states.BILAN_VALUE)
async def take_value(context: QualiContext, session: AsyncSession, data: dict, text: str) -> Step:
    """Today's value: written to the indicator (dated by the audit trail), checked for the bilan."""
    dossier, report = await editable_report(context, session)
    indicator, _d = await indicator_of_member(
        session, data["walk"][data["i"]], dossier.coop_id, for_edit=False
    )
    value = parse_value(text, context.t.language, indicator.value_kind, indicator.unit)
    await update_indicator(
        session,
        dossier,
        indicator,
        "current_value",
        value,
        actor_id=context.visitor.user.id,
        now=context.now(),
    )
    await mark_reviewed(session, report, indicator.id, context.now())
    shown = format_value(context.t, value, indicator.value_kind, indicator.unit)
    notice = shorten(context.indicator_title(indicator), 60) + colon(context.t.language) + shown
    return _next(data, states.BILAN_VALUE, "✅ " + e(notice))


async def same_value(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """✅ Still right: checked, with the date it was last set."""
    _dossier, report = await editable_report(context, session)
    position = await _position(context, session, states.BILAN_VALUE)
    if position is None:
        return Step(Position(states.BILAN))
    await mark_reviewed(session, report, position.data["walk"][position.data["i"]], context.now())
    return _next(position.data, states.BILAN_VALUE)


async def start_actions(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """✅ Actions: each action of the plan in turn."""
    dossier, _report = await editable_report(context, session)
    snapshot = await read_snapshot(session, dossier)
    walk = [a.id for i in snapshot.indicators for a in snapshot.actions_of(i.id)]
    return Step(Position(states.BILAN_ACTION, {"walk": walk, "i": 0}) if walk else Position(states.BILAN))


async def set_status(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """A state button; « dropped » asks why first, « unchanged » goes on, « r » shows the action again."""
    dossier, _report = await editable_report(context, session)
    position = await _position(context, session, states.BILAN_ACTION, states.BILAN_REASON)
    if position is None or position.data["walk"][position.data["i"]] != args[0]:
        return Step(Position(states.BILAN))
    action, _i, _d = await action_of_member(session, args[0], dossier.coop_id, for_edit=False)
    code = args[1]
    if code == "r":
        return Step(Position(states.BILAN_ACTION, position.data))
    if code == "x":
        return Step(Position(states.BILAN_REASON, position.data))
    if code != "k":
        await update_action(
            session,
            dossier,
            action,
            "status",
            STATUS_CODES[code],
            actor_id=context.visitor.user.id,
            now=context.now(),
        )
    return _next(position.data, states.BILAN_ACTION)


@text_answer(states.BILAN_REASON)
async def take_reason(context: QualiContext, session: AsyncSession, data: dict, text: str) -> Step:
    """The reason: the action is dropped, its note says why."""
    dossier, _report = await editable_report(context, session)
    action, _i, _d = await action_of_member(session, data["walk"][data["i"]], dossier.coop_id, for_edit=False)
    reason = check_text(text, max_length=1000)
    for name, value in (("status", DROPPED), ("note", reason)):
        await update_action(
            session, dossier, action, name, value, actor_id=context.visitor.user.id, now=context.now()
        )
    return _next(data, states.BILAN_ACTION, "🚫 " + e(shorten(action.description, 60)))


async def ask_text(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """✏️ Difficulties / ✏️ Help wanted."""
    await editable_report(context, session)
    return Step(Position(TEXTS[args[0]][1], {"t": args[0]}))


async def _save_text(context: QualiContext, session: AsyncSession, code: str, value: str) -> Step:
    """One of the two texts, saved with its audit entry."""
    dossier, report = await editable_report(context, session)
    name = TEXTS[code][0]
    await set_text(session, report, name, value, context.visitor.user.id, dossier.coop_id, context.now())
    return Step(Position(states.BILAN), "✅ " + e(context._("Saved.")))


@text_answer(states.BILAN_DIFFICULTIES)
@text_answer(states.BILAN_HELP)
async def take_text(context: QualiContext, session: AsyncSession, data: dict, text: str) -> Step:
    """The typed text (3,000 characters at most)."""
    return await _save_text(context, session, data["t"], check_text(text, max_length=TEXT_MAX))


async def no_help(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """🙅 No help needed."""
    return await _save_text(context, session, "h", "")


async def _position(context: QualiContext, session: AsyncSession, *screens: str):
    """The saved position if it is on one of these screens (a button of an old walk is ignored)."""
    position = await load_position(session, context.visitor.user.id)
    return position if position.screen in screens else None


def handlers() -> list:
    """The walks' buttons and the texts."""
    return [
        button(cb.BILAN_VALUES, start_values),
        button(cb.BILAN_SAME, same_value),
        button(cb.BILAN_ACTIONS, start_actions),
        button(cb.BILAN_ACTION_STATUS, set_status),
        button(cb.BILAN_TEXT, ask_text),
        button(cb.BILAN_NO_HELP, no_help),
    ]
