"""Preparing the bilan: each indicator's value checked in turn, each action's state (texts: bilan_texts).

Values and states are written to the dossier itself (with the audit trail), so /progres and the
bilan never disagree; a dropped action needs its reason, kept as the action's note, written only over
the state and reason seen when 🚫 was pressed (a colleague's change meanwhile: both shown, one chosen).
"""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.follow_up import bilan_texts
from conversations.follow_up.bilan import editable_report, given_back
from conversations.follow_up.bilan_closed import CODES, answer_while_ahead, screen_while_ahead, while_ahead
from conversations.follow_up.progress import followed_action, walk_at
from conversations.render.commitments.bilans import ACTION_STATES, state_of
from conversations.render.commitments.words import colon
from conversations.render.formatting import format_due, format_owner, format_value, shorten, value_example
from conversations.render.html import bold, e, italic
from conversations.ui import callbacks as cb
from conversations.ui import states
from conversations.ui.common import keep_button, nav_row
from conversations.ui.context import QualiContext
from conversations.ui.messages import Screen, in_rows, keyboard
from conversations.ui.router import Step, button, screen, text_answer
from models.chat_state import Position, load_position
from models.dossier.indicators import update_action, update_indicator
from models.dossier.reads import StaleValue, action_of_member, indicator_of_member, read_snapshot
from models.label.bilans import DROPPED, drop_action, mark_reviewed, reviewed_ids, value_dates
from models.parsing.text import check_text
from models.parsing.values import parse_indicator_value
from models.values import ValueKind

STATUS_CODES = {"n": "not_started", "p": "in_progress", "d": "done", "x": DROPPED}


def _next(data: dict, screen_name: str, notice: str = "", fix: int | None = None) -> Step:
    """The next item of a walk (``walk_at``), or back to the bilan (with the values' walk: « ✏️ Correct »)."""
    if data["i"] + 1 < len(data["walk"]):
        return Step(Position(screen_name, walk_at(data, data["i"] + 1, fix)), notice)
    kept = {"walk": data["walk"], "k": data.get("k")} if screen_name == states.BILAN_VALUE else {}
    return Step(Position(states.BILAN, kept), notice)


@screen(states.BILAN_VALUE)
@screen_while_ahead
async def value_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """One indicator: its latest value with its date, and the question for today's."""
    _ = context._
    dossier, _report = await editable_report(context, session, data.get("k"))
    indicator, _dossier = await indicator_of_member(
        session, data["walk"][data["i"]], dossier.coop_id, for_edit=False, in_dossier=dossier.id
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
    yes_no = (
        [(_("Yes"), cb.BILAN_YES_NO.pack("y")), (_("No"), cb.BILAN_YES_NO.pack("n"))]
        if indicator.value_kind == ValueKind.YES_NO
        else []
    )
    fix = [(_("✏️ Correct"), cb.BILAN_AGAIN.pack(data["fix"]))] if "fix" in data else []
    return Screen(
        "\n".join(lines),
        keyboard(
            fix,
            yes_no,
            [keep_button(context, cb.BILAN_SAME.pack()), (_("⏭ Skip"), cb.BILAN_SKIP.pack())],
            nav_row(context, cb.BILAN.pack()),
        ),
    )


@screen(states.BILAN_ACTION)
@screen_while_ahead
async def action_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """One action: its state now, and a button per state."""
    _ = context._
    dossier, _report = await editable_report(context, session, data.get("k"))
    action, indicator, _d = await action_of_member(
        session, data["walk"][data["i"]], dossier.coop_id, for_edit=False, in_dossier=dossier.id
    )
    mark, words = state_of(context.t, action.status)
    due = format_due(context.t, action.due_date, action.due_precision, action=True)
    lines = [
        e(_("Report · Action {n}/{total}").format(n=data["i"] + 1, total=len(data["walk"]))),
        e(shorten(context.indicator_title(indicator), 80)),
        bold(action.description),
        e(f"{format_owner(context.t, action.owner)} · {due}"),
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
            nav_row(context, cb.BILAN.pack()),
        ),
    )


async def start_values(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """📈 Values: each indicator in turn, from the first not checked yet (of the bilan the screen showed)."""
    dossier, report = await editable_report(context, session, CODES[args[0]])
    walk = [i.id for i in (await read_snapshot(session, dossier)).indicators]
    checked = reviewed_ids(report)
    first = next((n for n, indicator_id in enumerate(walk) if indicator_id not in checked), 0)
    data = {"walk": walk, "i": first, "k": report.checkpoint_kind}
    return Step(Position(states.BILAN_VALUE, data) if walk else Position(states.BILAN))


@text_answer(states.BILAN_VALUE)
@answer_while_ahead
async def take_value(context: QualiContext, session: AsyncSession, data: dict, text: str) -> Step:
    """Today's value, typed."""
    dossier, _report = await editable_report(context, session, data.get("k"))
    indicator, _d = await indicator_of_member(
        session, data["walk"][data["i"]], dossier.coop_id, for_edit=False, in_dossier=dossier.id
    )
    value = parse_indicator_value(text, context.t.language, indicator, unit_open=False)
    return await _store_value(context, session, data, value)


async def yes_no_value(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """« Oui » / « Non » for a yes/no indicator: stored as the same answer typed."""
    position = await _position(context, session, states.BILAN_VALUE)
    if position is None or args[0] not in ("y", "n"):
        return Step(Position(states.BILAN))
    return await _store_value(context, session, position.data, "yes" if args[0] == "y" else "no")


async def _store_value(context: QualiContext, session: AsyncSession, data: dict, value: str) -> Step:
    """Today's value: written to the indicator (dated by the audit trail), checked for the bilan."""
    dossier, report = await editable_report(context, session, data.get("k"))
    indicator, _d = await indicator_of_member(
        session, data["walk"][data["i"]], dossier.coop_id, for_edit=False, in_dossier=dossier.id
    )
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
    number = indicator.value_kind == ValueKind.NUMBER  # read from a text: echoed with a way back
    step = _next(data, states.BILAN_VALUE, "✅ " + e(notice), data["i"] if number else None)
    if number and step.position.screen == states.BILAN:  # the last one: above the bilan
        step.buttons = [(context._("✏️ Correct"), cb.BILAN_AGAIN.pack(data["i"]))]
    return step


async def correct_value(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """« ✏️ Correct »: the walk goes back to that indicator's question."""
    position = await _position(context, session, states.BILAN_VALUE, states.BILAN)
    walk = position.data.get("walk", []) if position else []
    if not 0 <= args[0] < len(walk):  # an old echo, or the walk left since
        return Step(Position(states.BILAN))
    await editable_report(context, session, position.data.get("k"))
    return Step(Position(states.BILAN_VALUE, walk_at(position.data, args[0])))


async def same_value(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """✅ Keep (the value is still right): checked, with the date it was last set."""
    position = await _position(context, session, states.BILAN_VALUE)
    if position is None:
        return Step(Position(states.BILAN))
    _dossier, report = await editable_report(context, session, position.data.get("k"))
    await mark_reviewed(session, report, position.data["walk"][position.data["i"]], context.now())
    return _next(position.data, states.BILAN_VALUE)


async def skip_value(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """⏭ Skip: the next indicator, this one left not checked (the next « 📈 Values » starts there)."""
    position = await _position(context, session, states.BILAN_VALUE)
    if position is None:
        return Step(Position(states.BILAN))
    await editable_report(context, session, position.data.get("k"))
    return _next(position.data, states.BILAN_VALUE)


async def start_actions(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """✅ Actions: each action of the plan in turn (for the bilan the screen showed)."""
    dossier, report = await editable_report(context, session, CODES[args[0]])
    snapshot = await read_snapshot(session, dossier)
    walk = [a.id for i in snapshot.indicators for a in snapshot.actions_of(i.id)]
    data = {"walk": walk, "i": 0, "k": report.checkpoint_kind}
    return Step(Position(states.BILAN_ACTION, data) if walk else Position(states.BILAN))


async def set_status(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """A state button; « dropped » asks why first, « unchanged » (or « ✅ Keep » the reason) goes on, « r »
    shows the action again (« ⬅️ Back » from a conflict: my reason given back), m / t keep my reason or a
    colleague's change made while I typed it. A state button is the last word: nothing typed is lost (a
    colleague's reason stays the note)."""
    action, _i, _d = await followed_action(context, session, args[0])  # first: another coop's action, or
    # an earlier cycle's, is refused, the position left as it was
    position = await _position(context, session, states.BILAN_ACTION, states.BILAN_REASON)
    if position is None or position.data["walk"][position.data["i"]] != args[0]:
        return Step(Position(states.BILAN))
    dossier, report = await editable_report(context, session, position.data.get("k"))
    code, walk = args[1], _walk(position.data)
    if code in ("m", "t") and "mine" in position.data:
        return await _resolve(context, session, position.data, code)
    if code in ("r", "m", "t"):  # back to the action (an older choice's button too); left by « ⬅️ Back »,
        # the conflict screen gives back the reason typed, as « Keep theirs » does
        return Step(Position(states.BILAN_ACTION, walk), after=given_back(position.data))
    if code == "x":  # what the reason may replace: a colleague's change after this is not overwritten unseen
        return Step(Position(states.BILAN_REASON, {**walk, "seen": [action.status, action.note]}))
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
    await mark_reviewed(session, report, action.id, context.now(), "actions")  # gone through, as « Keep »
    return _next(walk, states.BILAN_ACTION)  # from the reason's question too: its « seen » left behind


@text_answer(states.BILAN_REASON)
@answer_while_ahead
async def take_reason(context: QualiContext, session: AsyncSession, data: dict, text: str) -> Step:
    """The reason: the action is dropped, its note says why (typed on the conflict screen: anew)."""
    return await _drop(context, session, data, check_text(text, max_length=1000))


async def _drop(context: QualiContext, session: AsyncSession, data: dict, reason: str) -> Step:
    """Dropped for this reason, unless a colleague changed its state or reason meanwhile: both shown."""
    dossier, report = await editable_report(context, session, data.get("k"))
    action, _i, _d = await action_of_member(
        session, data["walk"][data["i"]], dossier.coop_id, for_edit=False, in_dossier=dossier.id
    )
    seen = data.get("seen")  # None: a question asked before this rule, as before
    try:
        await drop_action(session, dossier, action, reason, seen, context.visitor.user.id, context.now())
    except StaleValue as stale:
        return Step(Position(states.BILAN_REASON, {**_walk(data), "seen": stale.current, "mine": reason}))
    await mark_reviewed(session, report, action.id, context.now(), "actions")
    return _next(_walk(data), states.BILAN_ACTION, "🚫 " + e(shorten(action.description, 60)))


async def _resolve(context: QualiContext, session: AsyncSession, data: dict, choice: str) -> Step:
    """Keep mine (over the colleague's state and reason, which were shown) or theirs (mine handed back)."""
    if choice == "m":
        return await _drop(context, session, data, data["mine"])
    step = _next(_walk(data), states.BILAN_ACTION, "✅ " + e(context._("The colleague’s value is kept.")))
    step.after = given_back(data)
    return step


def _walk(data: dict) -> dict:
    """The walk's place alone, without a reason's question or conflict."""
    return {key: data[key] for key in ("walk", "i", "k") if key in data}


async def _position(context: QualiContext, session: AsyncSession, *screens: str):
    """The saved position if it is on one of these screens (a button of an old walk is ignored)."""
    position = await load_position(session, context.visitor.user.id)
    return position if position.screen in screens else None


def handlers() -> list:
    """The walks' buttons and the texts, each answering a checkpoint closed meanwhile (``bilan_closed``)."""
    return [
        button(cb.BILAN_VALUES, while_ahead(start_values)),
        button(cb.BILAN_SAME, while_ahead(same_value)),
        button(cb.BILAN_SKIP, while_ahead(skip_value)),
        button(cb.BILAN_YES_NO, while_ahead(yes_no_value)),
        button(cb.BILAN_AGAIN, while_ahead(correct_value)),
        button(cb.BILAN_ACTIONS, while_ahead(start_actions)),
        button(cb.BILAN_ACTION_STATUS, while_ahead(set_status)),
        *bilan_texts.handlers(),
    ]
