"""Fields answered with buttons: an indicator's kind of value and its unit."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.dossier.editor.entities import INDICATOR, Write
from conversations.dossier.editor.questions import next_step, saved_notice
from conversations.render.formatting import KIND_LABELS, UNIT_LABELS, shorten
from conversations.render.html import bold, e, italic
from conversations.ui import callbacks as cb
from conversations.ui import states
from conversations.ui.common import back_button, home_button
from conversations.ui.context import QualiContext
from conversations.ui.messages import Screen, keyboard
from conversations.ui.router import Step, button, screen
from models.dossier.reads import UNSET, indicator_of_member
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


async def heading(context: QualiContext, session: AsyncSession, indicator, prompt: str) -> list[str]:
    """Where the user is, the indicator, and the question."""
    return [
        e(await INDICATOR.where(context, session, indicator)),
        bold(shorten(indicator.title, 80)),
        "",
        bold(prompt),
    ]


@screen(states.KIND)
async def kind_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """What kind of value the indicator takes."""
    _ = context._
    indicator, _dossier = await indicator_of_member(session, int(data["id"]), context.visitor.coop.id)
    lines = await heading(context, session, indicator, _("What kind of value does it take?"))
    if indicator.value_kind:
        lines.append(e(_("Currently: {value}").format(value=_(KIND_LABELS[ValueKind(indicator.value_kind)]))))
        lines.append(italic(_("Changing it clears the current and target values.")))
    rows = [
        [(_(KIND_LABELS[kind]), cb.SET_KIND.pack(indicator.id, code))] for code, kind in KIND_CODES.items()
    ]
    rows.append([back_button(context, cb.INDICATOR.pack(indicator.id)), home_button(context)])
    return Screen("\n".join(lines), keyboard(*rows))


@screen(states.UNIT)
async def unit_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """The unit of a numeric indicator."""
    _ = context._
    indicator, _dossier = await indicator_of_member(session, int(data["id"]), context.visitor.coop.id)
    lines = await heading(context, session, indicator, _("In which unit is it measured?"))
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


async def choose(
    context: QualiContext, session: AsyncSession, indicator_id: int, name: str, value: str
) -> Step:
    """Store a choice like a typed answer, then go on with the indicator's questions."""
    indicator, dossier = await indicator_of_member(session, indicator_id, context.visitor.coop.id)
    spec = INDICATOR.field(name)
    write = Write(name, value, UNSET, context.visitor.user.id, False, context.now())
    await INDICATOR.write(session, dossier, indicator, write)
    notice = saved_notice(context, spec, indicator, value)
    # a new kind clears the values; the wizard asks them again (and the unit, for a number)
    return await next_step(context, session, INDICATOR, indicator, spec, True, notice)


async def set_kind(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """A kind button: store it (the domain drops a unit that no longer fits), then the next question."""
    return await choose(context, session, args[0], "value_kind", KIND_CODES[args[1]].value)


async def set_unit(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """A unit button: store it, then the next question."""
    return await choose(context, session, args[0], "unit", UNIT_CODES[args[1]].value)


def handlers() -> list:
    """The kind and unit buttons."""
    return [button(cb.SET_KIND, set_kind), button(cb.SET_UNIT, set_unit)]
