"""A colleague saved a field while the user was typing: both values are shown, the user chooses."""

from __future__ import annotations

from dataclasses import replace

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.dossier.editor.positions import decode, encode, question
from conversations.dossier.editor.questions import next_step, saved_notice, store
from conversations.render.formatting import shorten
from conversations.render.html import e, italic
from conversations.ui import callbacks as cb
from conversations.ui import states
from conversations.ui.common import handing_back, home_button
from conversations.ui.context import QualiContext
from conversations.ui.messages import Screen, keyboard
from conversations.ui.router import Step, button, screen
from locales import N_
from models.chat_state import Position, load_position
from models.dossier.reads import StaleValue

EXTRACT = 1500  # each value's share of the screen; a longer text follows it whole
FOLLOWING = {  # which of the two texts, cut above, follow the screen whole
    (True, False): N_("Your colleague’s whole text follows in the next message."),
    (False, True): N_("Your whole answer follows in the next message, so that it is not lost."),
    (True, True): N_("Your colleague’s whole text follows, then yours."),
}


@screen(states.CONFLICT)
async def conflict_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """Their value, the user's answer, and a button for each."""
    _ = context._
    entity, spec, data = question(data)
    row, _dossier = await entity.load(session, int(data["id"]), context.coop_id, for_edit=True)
    mine = spec.display(context.t, row, decode(data["pending"]))
    theirs = spec.display(context.t, row, decode(data["current"]))
    text = "\n".join(
        [
            e(await entity.where(context, session, row)),
            "",
            "⚠️ " + e(_("A colleague changed « {field} » while you were typing.").format(field=_(spec.label))),
            "",
            e(_("Their value: {value}").format(value=shorten(theirs, EXTRACT))),
            e(_("Your answer: {value}").format(value=shorten(mine, EXTRACT))),
            "",
            e(_("Which one do we keep?")),
        ]
    )
    # cut above: theirs follows whole to read before choosing, and the user's, stored nowhere yet,
    # whatever they do next (« 🏠 », /cancel)
    long_theirs, long_mine = len(theirs) > EXTRACT, len(mine) > EXTRACT
    whole = (theirs,) * long_theirs + (mine,) * long_mine
    if whole:
        text += "\n" + italic(_(FOLLOWING[long_theirs, long_mine]))
    choices = [
        (_("Keep mine"), cb.RESOLVE_CONFLICT.pack("m")),
        (_("Keep theirs"), cb.RESOLVE_CONFLICT.pack("t")),
    ]
    return Screen(text, keyboard(choices, [home_button(context)]), whole)


async def resolve_conflict(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """Keep mine (written over the colleague's value) or theirs."""
    position = await load_position(session, context.visitor.user.id)
    if position.screen != states.CONFLICT:
        return Step(position)
    entity, spec, data = question(position.data)
    row, dossier = await entity.load(session, int(data["id"]), context.coop_id, for_edit=True)
    if args[0] != "m":
        notice = "✅ " + e(context._("The colleague’s value is kept."))
        step = await next_step(context, session, entity, row, spec, bool(data.get("wiz")), notice)
        mine = decode(data["pending"])
        shown = spec.display(context.t, row, mine) if mine not in (None, "") else ""
        if spec.is_long_text and isinstance(mine, str) and mine.strip() and len(shown) <= EXTRACT:
            return replace(step, after=handing_back(mine))
        return step
    value = decode(data["pending"])
    try:
        await store(context, session, entity, dossier, row, spec, value, decode(data["current"]))
    except StaleValue as stale:  # changed yet again: ask again with the newest value
        return Step(Position(states.CONFLICT, {**data, "current": encode(stale.current)}))
    notice = saved_notice(context, spec, row, value)
    return await next_step(context, session, entity, row, spec, bool(data.get("wiz")), notice)


def handlers() -> list:
    """The two buttons of a conflict."""
    return [button(cb.RESOLVE_CONFLICT, resolve_conflict)]
