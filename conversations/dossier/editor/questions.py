"""Typed answers: asking a field, reading the answer, keeping, and colleague conflicts.

The position ``ask`` = {"e": entity, "id": row id, "f": field, "seen": value shown, "wiz": 0/1};
``seen`` is what the user saw when asked, so a colleague's change in between is never overwritten
silently. ``new_indicator`` / ``new_action`` positions create the row from their first answer.
"""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.dossier.editor.fields import (
    BUTTON_FIELDS,
    ENTITY_CODES,
    FIELD_CODES,
    QUESTIONS,
    WIZARDS,
    decode,
    default_target_date,
    display,
    encode,
    example_for,
    parse_answer,
)
from conversations.render.formatting import field_label, shorten
from conversations.render.html import e
from conversations.ui import callbacks as cb
from conversations.ui import common, states
from conversations.ui.common import back_button, home_button
from conversations.ui.context import QualiContext
from conversations.ui.messages import Screen, keyboard
from conversations.ui.router import Step, button, member_dossier, screen, text_answer
from models.chat_state import Position, load_position
from models.dossier.attachments import attachment_of_member, rename_attachment
from models.dossier.writes import (
    UNSET,
    NotYours,
    StaleValue,
    action_of_member,
    actions_of,
    add_action,
    add_indicator,
    dossier_of_member,
    indicator_of_member,
    update_action,
    update_indicator,
    update_involvement,
)
from models.parsing.due_dates import DueDate

NEW_INDICATOR, NEW_ACTION = "new_indicator", "new_action"
KEEP = common.KEEP


def ask(entity: str, row, name: str, wizard: bool) -> Position:
    """The position that asks one field of a row."""
    return Position(
        states.ASK,
        {"e": entity, "id": row.id, "f": name, "seen": encode(getattr(row, name)), "wiz": int(wizard)},
    )


async def load_row(context: QualiContext, session: AsyncSession, entity: str, row_id: int, *, for_edit=True):
    """The row of a field and its dossier, checked against the member's coop."""
    coop_id = context.visitor.coop.id
    if entity == "indicator":
        return await indicator_of_member(session, row_id, coop_id, for_edit=for_edit)
    if entity == "action":
        action, _indicator, dossier = await action_of_member(session, row_id, coop_id, for_edit=for_edit)
        return action, dossier
    if entity == "attachment":
        return await attachment_of_member(session, row_id, coop_id, for_edit=for_edit)
    dossier = await dossier_of_member(session, row_id, coop_id, for_edit=for_edit)
    return dossier, dossier


async def where(context: QualiContext, session: AsyncSession, entity: str, row) -> str:
    """The one line saying where the user is."""
    _ = context._
    if entity == "dossier":
        return _("Approach and involvement")
    if entity == "attachment":
        return _("Documents")
    indicator = row
    if entity == "action":
        indicator, _dossier = await load_row(context, session, "indicator", row.indicator_id, for_edit=False)
    axis = context.referential.engagement(indicator.engagement_code).axis
    text = _("Axis {axis} · Engagement {code} · Indicator {n}").format(
        axis=axis, code=indicator.engagement_code, n=indicator.position
    )
    if entity == "action":
        text += " · " + _("Action {n}").format(n=row.position)
    return text


def back_data(entity: str, row) -> str:
    """Where « Back » leads from a question about this row."""
    return {
        "indicator": cb.INDICATOR.pack(row.id),
        "action": cb.ACTION.pack(row.id),
        "dossier": cb.INVOLVEMENT.pack(),
        "attachment": cb.ATTACHMENT.pack(row.id),
    }[entity]


async def next_step(
    context: QualiContext, session: AsyncSession, entity: str, row, name: str, wizard: bool, notice: str = ""
) -> Step:
    """After a field: the next one of the wizard, or back to the row's screen."""
    if wizard:
        sequence = WIZARDS[entity]
        for following in sequence[sequence.index(name) + 1 :]:
            if following in BUTTON_FIELDS:
                needed = following == "value_kind" or row.value_kind == "number"
                if needed and not getattr(row, following):
                    return Step(Position(BUTTON_FIELDS[following], {"id": row.id, "wiz": 1}), notice)
                continue
            return Step(ask(entity, row, following, True), notice)
        if entity == "indicator" and not await actions_of(session, row.id):
            return Step(Position(states.ASK, {"e": NEW_ACTION, "id": row.id, "wiz": 1}), notice)
    target = {
        "indicator": ("indicator", row.id),
        "dossier": ("involvement", None),
        "attachment": ("docs", None),
    }.get(entity)
    if entity == "action":
        target = ("indicator", row.indicator_id)
    return Step(Position(target[0], {"id": target[1]} if target[1] else {}), notice)


async def write(context, session, entity, dossier, row, name, value, expected) -> None:
    """Store a parsed answer (a due date also stores its precision)."""
    actor, now = context.visitor.user.id, context.now()
    if isinstance(value, DueDate):
        if entity == "action":
            await update_action(
                session, dossier, row, "due_date", value.value, actor_id=actor, expected=expected, now=now
            )
            await update_action(
                session, dossier, row, "due_precision", value.precision, actor_id=actor, now=now
            )
            return
        value = value.value
    if entity == "indicator":
        await update_indicator(session, dossier, row, name, value, actor_id=actor, expected=expected, now=now)
    elif entity == "action":
        await update_action(session, dossier, row, name, value, actor_id=actor, expected=expected, now=now)
    elif entity == "attachment":
        await rename_attachment(
            session,
            dossier,
            row,
            value,
            actor_id=actor,
            by_direction=context.visitor.is_direction,
            expected=expected,
            now=now,
        )
    else:
        await update_involvement(session, dossier, name, value, actor_id=actor, expected=expected, now=now)


def saved_notice(context: QualiContext, entity: str, row, name: str, value: object) -> str:
    """Echo of what was understood and stored."""
    return f"✅ <b>{e(field_label(context.t, entity, name))}</b> : {e(shorten(display(context, entity, name, row, value), 200))}"


@text_answer(states.ASK)
async def answer(context: QualiContext, session: AsyncSession, data: dict, text: str) -> Step:
    """Apply a typed answer to the question of a position."""
    if context.visitor.coop is None:
        raise NotYours("no longer a member of a coop")
    entity = data["e"]
    if entity == NEW_INDICATOR:
        dossier = await dossier_of_member(
            session, (await member_dossier(context, session)).id, context.visitor.coop.id
        )
        title = parse_answer(context, "indicator", "title", None, text)
        indicator = await add_indicator(
            session,
            dossier,
            int(data["code"]),
            title=title,
            actor_id=context.visitor.user.id,
            target_date=default_target_date(context.now().date()),
            now=context.now(),
        )
        return await next_step(
            context,
            session,
            "indicator",
            indicator,
            "title",
            True,
            saved_notice(context, "indicator", indicator, "title", title),
        )
    if entity == NEW_ACTION:
        indicator, dossier = await load_row(context, session, "indicator", int(data["id"]))
        description = parse_answer(context, "action", "description", None, text)
        action = await add_action(
            session, dossier, indicator, description, actor_id=context.visitor.user.id, now=context.now()
        )
        return await next_step(
            context,
            session,
            "action",
            action,
            "description",
            True,
            saved_notice(context, "action", action, "description", description),
        )
    name = data["f"]
    row, dossier = await load_row(context, session, entity, int(data["id"]))
    value = parse_answer(context, entity, name, row, text)
    try:
        await write(
            context, session, entity, dossier, row, name, value, decode(name, data.get("seen", UNSET))
        )
    except StaleValue as stale:
        return Step(
            Position(states.CONFLICT, {**data, "pending": encode(value), "current": encode(stale.current)})
        )
    return await next_step(
        context,
        session,
        entity,
        row,
        name,
        bool(data.get("wiz")),
        saved_notice(context, entity, row, name, value),
    )


@screen(states.ASK)
async def ask_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """One question, its example, the current value and a way to keep it."""
    _ = context._
    entity = data["e"]
    if entity == NEW_INDICATOR:
        code = int(data["code"])
        engagement = context.referential.engagement(code)
        dossier = await member_dossier(context, session)
        head = _("Axis {axis} · Engagement {code} · New indicator").format(axis=engagement.axis, code=code)
        text = f"{e(head)}\n\n<b>{e(_(QUESTIONS[('indicator', 'title')].prompt))}</b>\n<i>{e(_(QUESTIONS[('indicator', 'title')].example))}</i>"
        return Screen(
            text,
            keyboard([back_button(context, cb.ENGAGEMENT.pack(dossier.id, code)), home_button(context)]),
        )
    if entity == NEW_ACTION:
        indicator, _dossier = await load_row(context, session, "indicator", int(data["id"]))
        question = QUESTIONS[("action", "description")]
        head = await where(context, session, "indicator", indicator) + " · " + _("New action")
        text = f"{e(head)}\n<b>{e(shorten(indicator.title, 80))}</b>\n\n<b>{e(_(question.prompt))}</b>\n<i>{e(_(question.example))}</i>"
        return Screen(
            text,
            keyboard([back_button(context, cb.INDICATOR.pack(indicator.id)), home_button(context)]),
        )
    name = data["f"]
    row, _dossier = await load_row(context, session, entity, int(data["id"]))
    question = QUESTIONS[(entity, name)]
    lines = [e(await where(context, session, entity, row))]
    if data.get("wiz"):
        sequence = WIZARDS[entity]
        lines[0] += " · " + e(_("Step {n}/{total}").format(n=sequence.index(name) + 1, total=len(sequence)))
    if entity == "indicator" and name != "title":
        lines.append(f"<b>{e(shorten(row.title, 80))}</b>")
    lines += ["", f"<b>{e(_(question.prompt))}</b>", f"<i>{e(example_for(context, entity, name, row))}</i>"]
    current = getattr(row, name)
    rows = []
    if current not in (None, ""):
        lines += [
            "",
            e(
                _("Currently: {value}").format(
                    value=shorten(display(context, entity, name, row, current), 300)
                )
            ),
        ]
        rows.append([(_(KEEP), cb.KEEP.pack())])
    rows.append([back_button(context, back_data(entity, row)), home_button(context)])
    return Screen("\n".join(lines), keyboard(*rows))


@screen(states.CONFLICT)
async def conflict_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """A colleague saved this field while the user was typing: which value to keep?"""
    _ = context._
    entity, name = data["e"], data["f"]
    row, _dossier = await load_row(context, session, entity, int(data["id"]))
    label = field_label(context.t, entity, name)
    mine = display(context, entity, name, row, decode(name, data["pending"]))
    theirs = display(context, entity, name, row, decode(name, data["current"]))
    text = "\n".join(
        [
            e(await where(context, session, entity, row)),
            "",
            "⚠️ " + e(_("A colleague changed « {field} » while you were typing.").format(field=label)),
            "",
            e(_("Their value: {value}").format(value=shorten(theirs, 1500))),
            e(_("Your answer: {value}").format(value=shorten(mine, 1500))),
            "",
            e(_("Which one do we keep?")),
        ]
    )
    return Screen(
        text,
        keyboard(
            [
                (_("Keep mine"), cb.RESOLVE_CONFLICT.pack("m")),
                (_("Keep theirs"), cb.RESOLVE_CONFLICT.pack("t")),
            ],
            [home_button(context)],
        ),
    )


async def edit_field(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """✏️ on a field: ask it (or open its button screen), then come back to the row."""
    entity = ENTITY_CODES[args[0]]
    name = FIELD_CODES[entity][args[2]]
    row, _dossier = await load_row(context, session, entity, int(args[1]))
    if name in BUTTON_FIELDS:
        return Step(Position(BUTTON_FIELDS[name], {"id": row.id, "wiz": 0}))
    return Step(ask(entity, row, name, False))


async def keep_value(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """« Keep »: leave the field as it is and move on."""
    position = await load_position(session, context.visitor.user.id)
    data = position.data
    if position.screen != states.ASK or data.get("e") not in ENTITY_CODES.values():
        return Step(position)
    row, _dossier = await load_row(context, session, data["e"], int(data["id"]))
    return await next_step(context, session, data["e"], row, data["f"], bool(data.get("wiz")))


async def resolve_conflict(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """Keep mine (written over the colleague's value) or theirs."""
    position = await load_position(session, context.visitor.user.id)
    data = position.data
    if position.screen != states.CONFLICT:
        return Step(position)
    entity, name = data["e"], data["f"]
    row, dossier = await load_row(context, session, entity, int(data["id"]))
    if args and args[0] == "m":
        value = decode(name, data["pending"])
        try:
            await write(context, session, entity, dossier, row, name, value, decode(name, data["current"]))
        except StaleValue as stale:  # changed yet again: ask again with the newest value
            return Step(Position(states.CONFLICT, {**data, "current": encode(stale.current)}))
        notice = saved_notice(context, entity, row, name, value)
    else:
        notice = "✅ " + e(context._("The colleague's value is kept."))
    return await next_step(context, session, entity, row, name, bool(data.get("wiz")), notice)


def handlers() -> list:
    """Typed answers and the question buttons."""
    return [
        button(cb.EDIT_FIELD, edit_field),
        button(cb.KEEP, keep_value),
        button(cb.RESOLVE_CONFLICT, resolve_conflict),
    ]
