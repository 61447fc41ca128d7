"""Indicators of a chosen engagement and their action plans."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.dossier.editor.fields import default_target_date
from conversations.dossier.editor.questions import (
    NEW_ACTION,
    NEW_INDICATOR,
    load_row,
    next_step,
    where,
)
from conversations.render.formatting import (
    KIND_LABELS,
    UNIT_LABELS,
    field_label,
    format_due,
    format_value,
    shorten,
)
from conversations.render.html import e
from conversations.ui import callbacks as cb
from conversations.ui import states
from conversations.ui.common import back_button, cancel_button, home_button
from conversations.ui.context import QualiContext
from conversations.ui.messages import Screen, keyboard
from conversations.ui.router import Step, button, member_dossier, screen
from models.chat_state import Position
from models.dossier.rules import action_missing_fields, indicator_missing_fields
from models.dossier.writes import (
    actions_of,
    add_indicator,
    delete_action,
    delete_indicator,
    dossier_of_member,
    read_snapshot,
    update_indicator,
)
from models.values import Unit, ValueKind

KIND_CODES = {"n": ValueKind.NUMBER, "y": ValueKind.YES_NO, "t": ValueKind.TEXT}
UNIT_CODES = {
    "p": Unit.PERCENT,
    "e": Unit.EURO,
    "h": Unit.HOMES,
    "pe": Unit.PEOPLE,
    "c": Unit.COUNT,
    "d": Unit.DAYS,
}


@screen(states.SUGGEST)
async def suggest_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """Pick a suggested indicator of the referential, or write one's own."""
    _ = context._
    code = int(data["code"])
    engagement = context.referential.engagement(code)
    dossier = await member_dossier(context, session)
    lang = context.t.language
    lines = [
        e(_("Axis {axis} · Engagement {code} · New indicator").format(axis=engagement.axis, code=code)),
        f"<b>{code}. {e(engagement.title.get(lang))}</b>",
        "",
        e(_("Pick a suggested indicator or write your own:")),
    ]
    rows = []
    for n, suggestion in enumerate(engagement.suggested_indicators, 1):
        lines.append(f"{n}. {e(suggestion.title.get(lang))}")
        # the position in the list, not the referential's code: any code fits in 64 bytes then
        rows.append(
            [
                (
                    f"{n} · {shorten(suggestion.title.get(lang), 30)}",
                    cb.PICK_SUGGESTION.pack(dossier.id, code, n - 1),
                )
            ]
        )
    rows.append([(_("✏️ My own indicator"), cb.OWN_INDICATOR.pack(dossier.id, code))])
    rows.append([back_button(context, cb.ENGAGEMENT.pack(dossier.id, code)), home_button(context)])
    return Screen("\n".join(lines), keyboard(*rows))


@screen(states.INDICATOR)
async def indicator_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """One indicator with every field, its action plan and a button to edit each."""
    _ = context._
    indicator, dossier = await load_row(context, session, "indicator", int(data["id"]), for_edit=False)
    actions = await actions_of(session, indicator.id)
    t = context.t
    kind = _(KIND_LABELS[ValueKind(indicator.value_kind)]) if indicator.value_kind else "—"
    if indicator.value_kind == ValueKind.NUMBER and indicator.unit:
        kind += f" ({_(UNIT_LABELS[Unit(indicator.unit)])})"
    lines = [
        e(await where(context, session, "indicator", indicator)),
        f"<b>{e(indicator.title)}</b>",
        "",
        f"<b>{e(field_label(t, 'indicator', 'rationale'))}</b> : {e(shorten(indicator.rationale, 600) or '—')}",
        f"<b>{e(field_label(t, 'indicator', 'value_kind'))}</b> : {e(kind)}",
        "<b>"
        + e(_("Current → target"))
        + "</b> : "
        + e(
            _("{current} → {target} by {date}").format(
                current=format_value(t, indicator.current_value, indicator.value_kind, indicator.unit),
                target=format_value(t, indicator.target_value, indicator.value_kind, indicator.unit),
                date=format_due(t, indicator.target_date),
            )
        ),
        "",
        "<b>" + e(_("Action plan")) + "</b>",
    ]
    for action in actions:
        lines.append(
            f"{action.position}. {e(shorten(action.description, 100))} — {e(action.owner or '—')} — "
            + e(format_due(t, action.due_date, action.due_precision))
        )
    if not actions:
        lines.append("⚠️ " + e(_("No action yet.")))
    missing = indicator_missing_fields(indicator)
    if missing:
        lines += [
            "",
            "⚠️ "
            + e(
                _("Missing: {fields}").format(
                    fields=", ".join(field_label(t, "indicator", f) for f in missing)
                )
            ),
        ]
    i = indicator.id
    rows = [
        [(_("✏️ Title"), cb.EDIT_FIELD.pack("i", i, "t")), (_("✏️ Why"), cb.EDIT_FIELD.pack("i", i, "r"))],
        [(_("✏️ Kind"), cb.EDIT_FIELD.pack("i", i, "k"))]
        + (
            [(_("✏️ Unit"), cb.EDIT_FIELD.pack("i", i, "u"))]
            if indicator.value_kind == ValueKind.NUMBER
            else []
        ),
        [
            (_("✏️ Current"), cb.EDIT_FIELD.pack("i", i, "c")),
            (_("✏️ Target"), cb.EDIT_FIELD.pack("i", i, "g")),
            (_("✏️ Date"), cb.EDIT_FIELD.pack("i", i, "d")),
        ],
        *[[(f"📌 {a.position} · {shorten(a.description, 28)}", cb.ACTION.pack(a.id))] for a in actions],
        [(_("➕ Add an action"), cb.ADD_ACTION.pack(i))],
        [(_("🗑 Delete the indicator"), cb.DELETE_INDICATOR.pack(i))],
        [
            back_button(context, cb.ENGAGEMENT.pack(dossier.id, indicator.engagement_code)),
            home_button(context),
        ],
    ]
    return Screen("\n".join(lines), keyboard(*rows))


@screen(states.KIND)
async def kind_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """What kind of value the indicator takes."""
    _ = context._
    indicator, _dossier = await load_row(context, session, "indicator", int(data["id"]))
    lines = [
        e(await where(context, session, "indicator", indicator)),
        f"<b>{e(shorten(indicator.title, 80))}</b>",
        "",
        "<b>" + e(_("What kind of value does it take?")) + "</b>",
    ]
    if indicator.value_kind:
        lines.append(e(_("Currently: {value}").format(value=_(KIND_LABELS[ValueKind(indicator.value_kind)]))))
        lines.append("<i>" + e(_("Changing it clears the current and target values.")) + "</i>")
    rows = [
        [(_(label), cb.SET_KIND.pack(indicator.id, code))]
        for code, label in ((c, KIND_LABELS[k]) for c, k in KIND_CODES.items())
    ]
    rows.append([back_button(context, cb.INDICATOR.pack(indicator.id)), home_button(context)])
    return Screen("\n".join(lines), keyboard(*rows))


@screen(states.UNIT)
async def unit_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """The unit of a numeric indicator."""
    _ = context._
    indicator, _dossier = await load_row(context, session, "indicator", int(data["id"]))
    lines = [
        e(await where(context, session, "indicator", indicator)),
        f"<b>{e(shorten(indicator.title, 80))}</b>",
        "",
        "<b>" + e(_("In which unit is it measured?")) + "</b>",
    ]
    if indicator.unit:
        lines.append(e(_("Currently: {value}").format(value=_(UNIT_LABELS[Unit(indicator.unit)]))))
    buttons = [
        (_(UNIT_LABELS[unit]), cb.SET_UNIT.pack(indicator.id, code)) for code, unit in UNIT_CODES.items()
    ]
    rows = [
        buttons[:3],
        buttons[3:],
        [back_button(context, cb.INDICATOR.pack(indicator.id)), home_button(context)],
    ]
    return Screen("\n".join(lines), keyboard(*rows))


@screen(states.DELETE_INDICATOR)
async def delete_indicator_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """Confirm the deletion of an indicator."""
    _ = context._
    indicator, _dossier = await load_row(context, session, "indicator", int(data["id"]))
    count = len(await actions_of(session, indicator.id))
    text = "⚠️ " + e(
        _("Delete the indicator « {title} » and its {n} action(s)? This cannot be undone.").format(
            title=shorten(indicator.title, 80), n=count
        )
    )
    return Screen(
        text,
        keyboard(
            [
                (_("🗑 Yes, delete"), cb.CONFIRM_DELETE_INDICATOR.pack(indicator.id)),
                cancel_button(context, cb.INDICATOR.pack(indicator.id)),
            ]
        ),
    )


@screen(states.ACTION)
async def action_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """One action of the plan, with a button to edit each field."""
    _ = context._
    action, _dossier = await load_row(context, session, "action", int(data["id"]), for_edit=False)
    t = context.t
    lines = [
        e(await where(context, session, "action", action)),
        "",
        f"<b>{e(field_label(t, 'action', 'description'))}</b> : {e(action.description)}",
        f"<b>{e(field_label(t, 'action', 'owner'))}</b> : {e(action.owner or '—')}",
        f"<b>{e(field_label(t, 'action', 'due_date'))}</b> : {e(format_due(t, action.due_date, action.due_precision))}",
    ]
    missing = action_missing_fields(action)
    if missing:
        lines += [
            "",
            "⚠️ "
            + e(
                _("Missing: {fields}").format(fields=", ".join(field_label(t, "action", f) for f in missing))
            ),
        ]
    a = action.id
    rows = [
        [
            (_("✏️ Action"), cb.EDIT_FIELD.pack("a", a, "d")),
            (_("✏️ Who"), cb.EDIT_FIELD.pack("a", a, "o")),
            (_("✏️ When"), cb.EDIT_FIELD.pack("a", a, "u")),
        ],
        [(_("🗑 Delete the action"), cb.DELETE_ACTION.pack(a))],
        [back_button(context, cb.INDICATOR.pack(action.indicator_id)), home_button(context)],
    ]
    return Screen("\n".join(lines), keyboard(*rows))


@screen(states.DELETE_ACTION)
async def delete_action_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """Confirm the deletion of an action."""
    _ = context._
    action, _dossier = await load_row(context, session, "action", int(data["id"]))
    text = "⚠️ " + e(_("Delete the action « {title} »?").format(title=shorten(action.description, 80)))
    return Screen(
        text,
        keyboard(
            [
                (_("🗑 Yes, delete"), cb.CONFIRM_DELETE_ACTION.pack(action.id)),
                cancel_button(context, cb.ACTION.pack(action.id)),
            ]
        ),
    )


async def start_indicator(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """➕ Add an indicator."""
    await dossier_of_member(session, int(args[0]), context.visitor.coop.id)
    code = context.referential.engagement(int(args[1])).code
    if code not in (await read_snapshot(session, await member_dossier(context, session))).chosen:
        return Step(Position(states.HOME))
    return Step(Position(states.SUGGEST, {"code": code}))


async def pick_suggestion(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """A suggested indicator: created with its title, kind and unit; then its questions."""
    dossier = await dossier_of_member(session, int(args[0]), context.visitor.coop.id)
    suggestion = context.referential.engagement(int(args[1])).suggested_indicators[int(args[2])]
    indicator = await add_indicator(
        session,
        dossier,
        int(args[1]),
        title=suggestion.title.get(context.t.language),
        suggested_code=suggestion.code,
        value_kind=suggestion.kind.value,
        unit=suggestion.unit.value if suggestion.unit else None,
        target_date=default_target_date(context.now().date()),
        actor_id=context.visitor.user.id,
        now=context.now(),
    )
    notice = "✅ " + e(context._("Indicator added: {title}").format(title=indicator.title))
    return await next_step(context, session, "indicator", indicator, "title", True, notice)


async def custom_indicator(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """✏️ My own indicator: ask its title."""
    await dossier_of_member(session, int(args[0]), context.visitor.coop.id)
    return Step(
        Position(
            states.ASK,
            {"e": NEW_INDICATOR, "code": context.referential.engagement(int(args[1])).code, "wiz": 1},
        )
    )


async def open_indicator(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """An indicator button."""
    indicator, _dossier = await load_row(context, session, "indicator", int(args[0]), for_edit=False)
    return Step(Position(states.INDICATOR, {"id": indicator.id}))


async def set_kind(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """A kind button: store it, then the unit (numbers) or the next question."""
    indicator, dossier = await load_row(context, session, "indicator", int(args[0]))
    kind = KIND_CODES[args[1]]
    await update_indicator(
        session,
        dossier,
        indicator,
        "value_kind",
        kind.value,
        actor_id=context.visitor.user.id,
        now=context.now(),
    )
    if kind != ValueKind.NUMBER and indicator.unit:
        await update_indicator(
            session, dossier, indicator, "unit", None, actor_id=context.visitor.user.id, now=context.now()
        )
    notice = "✅ " + e(
        f"{field_label(context.t, 'indicator', 'value_kind')} : {context._(KIND_LABELS[kind])}"
    )
    return await next_step(context, session, "indicator", indicator, "value_kind", True, notice)


async def set_unit(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """A unit button: store it, then the next question."""
    indicator, dossier = await load_row(context, session, "indicator", int(args[0]))
    unit = UNIT_CODES[args[1]]
    await update_indicator(
        session, dossier, indicator, "unit", unit.value, actor_id=context.visitor.user.id, now=context.now()
    )
    notice = "✅ " + e(f"{field_label(context.t, 'indicator', 'unit')} : {context._(UNIT_LABELS[unit])}")
    return await next_step(context, session, "indicator", indicator, "unit", True, notice)


async def ask_delete_indicator(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    indicator, _dossier = await load_row(context, session, "indicator", int(args[0]))
    return Step(Position(states.DELETE_INDICATOR, {"id": indicator.id}))


async def confirm_delete_indicator(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """🗑 Yes, delete (indicator)."""
    indicator, dossier = await load_row(context, session, "indicator", int(args[0]))
    code, title = indicator.engagement_code, indicator.title
    await delete_indicator(session, dossier, indicator, actor_id=context.visitor.user.id, now=context.now())
    return Step(
        Position(states.ENGAGEMENT, {"code": code}),
        "🗑 " + e(context._("Indicator deleted: {title}").format(title=title)),
    )


async def start_action(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """➕ Add an action."""
    indicator, _dossier = await load_row(context, session, "indicator", int(args[0]))
    return Step(Position(states.ASK, {"e": NEW_ACTION, "id": indicator.id, "wiz": 1}))


async def open_action(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    action, _dossier = await load_row(context, session, "action", int(args[0]), for_edit=False)
    return Step(Position(states.ACTION, {"id": action.id}))


async def ask_delete_action(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    action, _dossier = await load_row(context, session, "action", int(args[0]))
    return Step(Position(states.DELETE_ACTION, {"id": action.id}))


async def confirm_delete_action(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """🗑 Yes, delete (action)."""
    action, dossier = await load_row(context, session, "action", int(args[0]))
    indicator_id = action.indicator_id
    await delete_action(session, dossier, action, actor_id=context.visitor.user.id, now=context.now())
    return Step(Position(states.INDICATOR, {"id": indicator_id}), "🗑 " + e(context._("Action deleted.")))


def handlers() -> list:
    """Indicator and action buttons."""
    return [
        button(cb.ADD_INDICATOR, start_indicator),
        button(cb.PICK_SUGGESTION, pick_suggestion),
        button(cb.OWN_INDICATOR, custom_indicator),
        button(cb.INDICATOR, open_indicator),
        button(cb.SET_KIND, set_kind),
        button(cb.SET_UNIT, set_unit),
        button(cb.DELETE_INDICATOR, ask_delete_indicator),
        button(cb.CONFIRM_DELETE_INDICATOR, confirm_delete_indicator),
        button(cb.ADD_ACTION, start_action),
        button(cb.ACTION, open_action),
        button(cb.DELETE_ACTION, ask_delete_action),
        button(cb.CONFIRM_DELETE_ACTION, confirm_delete_action),
    ]
