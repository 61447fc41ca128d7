"""Typed answers: asking a field, reading the answer, keeping, and colleague conflicts.

The position ``ask`` = {"e": entity, "id": row id, "f": field, "seen": value shown, "wiz": 0/1};
``seen`` is what the user saw when asked, so a colleague's change in between is never overwritten
silently. ``new_indicator`` / ``new_action`` positions create the row from their first answer.
"""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Update
from telegram.ext import MessageHandler, filters

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
from conversations.ui.context import QualiContext
from conversations.ui.messages import Screen, keyboard, reply
from conversations.ui.router import (
    REFUSALS,
    TEXT_SCREENS,
    Step,
    button,
    member_dossier,
    open_position,
    screen,
)
from locales import N_
from models.chat_state import HOME, Position, load_position
from models.dossier.attachments import attachment_of_member, rename_attachment
from models.dossier.writes import (
    UNSET,
    DossierError,
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
from models.parsing.text import InputError

ASK, CONFLICT = "ask", "conflict"
NEW_INDICATOR, NEW_ACTION = "new_indicator", "new_action"

INPUT_ERRORS = {
    "empty": N_("Your answer is empty."),
    "too_short": N_("Your answer is too short."),
    "too_long": N_(
        "Your text has {length} characters; the limit is {limit}. Here it is, so you can shorten it:"
    ),
    "not_a_number": N_("I cannot read « {text} » as a number."),
    "negative": N_("The value cannot be negative."),
    "percent_over_100": N_("A share cannot be more than 100 %."),
    "too_large": N_("This number is too large."),
    "too_precise": N_("Please give at most 4 decimals."),
    "unit_mismatch": N_("This indicator is not measured in that unit."),
    "not_yes_no": N_("Please answer yes or no."),
    "not_a_date": N_("I cannot read « {text} » as a date."),
    "invalid_date": N_("This date does not exist."),
    "date_in_past": N_("This date is already past."),
    "date_too_far": N_("This date is too far ahead."),
    "not_a_link": N_("« {text} » is not a web link: it should start with https://"),
    "missing_time": N_("Please add the time, e.g. 9h or 14h30."),
    "invalid_time": N_("This time does not exist."),
    "weekday_mismatch": N_("The day of the week does not match the date."),
}
BACK, HOME_BUTTON, KEEP = N_("⬅️ Back"), N_("🏠 My dossier"), N_("✅ Keep")


def ask(entity: str, row, name: str, wizard: bool) -> Position:
    """The position that asks one field of a row."""
    return Position(
        ASK, {"e": entity, "id": row.id, "f": name, "seen": encode(getattr(row, name)), "wiz": int(wizard)}
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
        "indicator": f"in:{row.id}",
        "action": f"ac:{row.id}",
        "dossier": "iv",
        "attachment": f"at:{row.id}",
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
            return Step(Position(ASK, {"e": NEW_ACTION, "id": row.id, "wiz": 1}), notice)
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


async def answer(context: QualiContext, session: AsyncSession, data: dict, text: str) -> Step:
    """Apply a typed answer to the question of a position."""
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
        return Step(Position(CONFLICT, {**data, "pending": encode(value), "current": encode(stale.current)}))
    return await next_step(
        context,
        session,
        entity,
        row,
        name,
        bool(data.get("wiz")),
        saved_notice(context, entity, row, name, value),
    )


@screen(ASK)
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
        return Screen(text, keyboard([(_(BACK), f"en:{dossier.id}:{code}"), (_(HOME_BUTTON), "home")]))
    if entity == NEW_ACTION:
        indicator, _dossier = await load_row(context, session, "indicator", int(data["id"]))
        question = QUESTIONS[("action", "description")]
        head = await where(context, session, "indicator", indicator) + " · " + _("New action")
        text = f"{e(head)}\n<b>{e(shorten(indicator.title, 80))}</b>\n\n<b>{e(_(question.prompt))}</b>\n<i>{e(_(question.example))}</i>"
        return Screen(text, keyboard([(_(BACK), f"in:{indicator.id}"), (_(HOME_BUTTON), "home")]))
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
        rows.append([(_(KEEP), "kp")])
    rows.append([(_(BACK), back_data(entity, row)), (_(HOME_BUTTON), "home")])
    return Screen("\n".join(lines), keyboard(*rows))


@screen(CONFLICT)
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
        text, keyboard([(_("Keep mine"), "cf:m"), (_("Keep theirs"), "cf:t")], [(_(HOME_BUTTON), "home")])
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
    if position.screen != ASK or data.get("e") not in ENTITY_CODES.values():
        return Step(position)
    row, _dossier = await load_row(context, session, data["e"], int(data["id"]))
    return await next_step(context, session, data["e"], row, data["f"], bool(data.get("wiz")))


async def resolve_conflict(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """Keep mine (written over the colleague's value) or theirs."""
    position = await load_position(session, context.visitor.user.id)
    data = position.data
    if position.screen != CONFLICT:
        return Step(position)
    entity, name = data["e"], data["f"]
    row, dossier = await load_row(context, session, entity, int(data["id"]))
    if args and args[0] == "m":
        value = decode(name, data["pending"])
        try:
            await write(context, session, entity, dossier, row, name, value, decode(name, data["current"]))
        except StaleValue as stale:  # changed yet again: ask again with the newest value
            return Step(Position(CONFLICT, {**data, "current": encode(stale.current)}))
        notice = saved_notice(context, entity, row, name, value)
    else:
        notice = "✅ " + e(context._("The colleague's value is kept."))
    return await next_step(context, session, entity, row, name, bool(data.get("wiz")), notice)


async def on_text(update: Update, context: QualiContext) -> None:
    """A typed message: the answer to the pending question, if there is one."""
    from conversations.onboarding import not_understood

    if context.visitor is None:
        await not_understood(update, context)
        return
    text = update.effective_message.text
    refusal: InputError | None = None
    blocked: DossierError | None = None
    async with context.db.transaction() as session:
        position = await load_position(session, context.visitor.user.id)
        if position.screen in TEXT_SCREENS:
            try:
                step = await TEXT_SCREENS[position.screen](context, session, position.data, text)
            except InputError as error:
                refusal, step = error, Step(position)
            except (DossierError, ValueError):  # what the screen was about is gone, or no longer theirs
                step = None
        elif context.visitor.coop is None or position.screen == HOME:
            step = None
        elif position.screen != ASK:  # a screen of buttons: say so and draw it again below
            await reply(update, "👇 " + e(context._("Please choose with the buttons of this screen.")))
            step = Step(position)
        else:
            try:
                step = await answer(context, session, position.data, text)
            except InputError as error:
                refusal, step = error, Step(position)
            except DossierError as error:  # submitted, or removed by a colleague, meanwhile
                blocked, step = error, Step(Position(HOME))
    if step is None:
        await not_understood(update, context)
        return
    if refusal is not None:
        await refuse(update, context, refusal, text)
    if blocked is not None:
        message = REFUSALS.get(blocked.code, REFUSALS["not_yours"])
        await reply(
            update,
            "⚠️ "
            + e(context._(message))
            + "\n"
            + e(context._("Here is what you wrote, so that it is not lost:")),
        )
        await update.effective_chat.send_message(text[:4096])
    await open_position(update, context, step.position, step.notice)


async def refuse(update: Update, context: QualiContext, error: InputError, typed: str) -> None:
    """Say what is wrong with an answer; a too-long text is sent back so nothing is lost."""
    params = {**error.params, "text": shorten(typed, 60)}
    message = context._(INPUT_ERRORS.get(error.code, INPUT_ERRORS["not_a_number"]))
    params = {k: (context.t.format_number(v) if isinstance(v, int) else v) for k, v in params.items()}
    await reply(update, "⚠️ " + e(message.format(**params)))
    if error.code == "too_long":
        await update.effective_chat.send_message(typed[:4096])


async def on_other(update: Update, context: QualiContext) -> None:
    """A photo, sticker or file where a written answer is expected."""
    from conversations.onboarding import not_understood

    if context.visitor is None:
        await not_understood(update, context)
        return
    async with context.db.transaction() as session:
        position = await load_position(session, context.visitor.user.id)
    if position.screen not in TEXT_SCREENS and (position.screen != ASK or context.visitor.coop is None):
        await not_understood(update, context)
        return
    await reply(update, "⚠️ " + e(context._("I need a written answer to this question.")))
    await open_position(update, context, position)


def handlers() -> list:
    """Typed answers and the question buttons."""
    return [
        button("fe", edit_field),
        button("kp", keep_value),
        button("cf", resolve_conflict),
        MessageHandler(filters.TEXT & ~filters.COMMAND, on_text),
        MessageHandler(~filters.COMMAND & ~filters.StatusUpdate.ALL, on_other),
    ]
