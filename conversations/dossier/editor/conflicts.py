"""A colleague saved a field while the user was typing: both values are shown, the user chooses. The
user's own change elsewhere (the Mini App, another device) is shown alike, said as theirs."""

from __future__ import annotations

from dataclasses import replace

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.dossier.editor.positions import decode, encode, question
from conversations.dossier.editor.questions import next_step, saved_notice, store
from conversations.render.formatting import quoted, shorten
from conversations.render.html import e, italic
from conversations.ui import callbacks as cb
from conversations.ui import states
from conversations.ui.common import handing_back, home_button
from conversations.ui.context import QualiContext
from conversations.ui.messages import Screen, keyboard
from conversations.ui.router import Step, button, screen
from locales import N_
from models.audit import last_writer
from models.chat_state import Position, load_position
from models.dossier.reads import StaleValue

EXTRACT = 1500  # each value's share of the screen; a longer text follows it whole
FOLLOWING = {  # which of the two texts, cut above, follow the screen whole
    (True, False): N_("Your colleague’s whole text follows in the next message."),
    (False, True): N_("Your whole answer follows in the next message, so that it is not lost."),
    (True, True): N_("Your colleague’s whole text follows, then yours."),
}
# the same screen when the value found is the user's own, written elsewhere (the Mini App, another
# device): said as theirs, as the Mini App's 409 (``elsewhere``) and « ✅ Keep » say it
OWN_FOLLOWING = {
    (True, False): N_("The whole saved text follows in the next message."),
    (False, True): FOLLOWING[False, True],
    (True, True): N_("The whole saved text follows, then your answer."),
}
WORDS = {  # (whose change, the value found, its button, what « keep it » says), as found in the audit
    False: (N_("A colleague changed « {field} » while you were typing."), N_("Their value: {value}"),
            N_("Keep theirs"), N_("The colleague’s value is kept."), FOLLOWING),
    True: (N_("You changed {field} elsewhere while you were typing."), N_("What is saved: {value}"),
           N_("Keep the saved one"), N_("The saved answer is kept."), OWN_FOLLOWING),
}  # fmt: skip


async def own_change(context: QualiContext, session: AsyncSession, entity, row, spec) -> bool:
    """Whether the value found was written last by the user themself, elsewhere (the audit says who)."""
    return await last_writer(session, entity.name, row.id, spec.name) == context.visitor.user.id


@screen(states.CONFLICT)
async def conflict_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """Their value, the user's answer, and a button for each."""
    _ = context._
    entity, spec, data = question(data)
    row, _dossier = await entity.load(session, int(data["id"]), context.coop_id, for_edit=True)
    mine = spec.display(context.t, row, decode(data["pending"]))
    theirs = spec.display(context.t, row, decode(data["current"]))
    own = await own_change(context, session, entity, row, spec)
    changed, found, keep, _kept, following = WORDS[own]
    # the colleague's sentence quotes the field itself (one id with the Mini App's script)
    field = quoted(context.t.language, _(spec.label)) if own else _(spec.label)
    text = "\n".join(
        [
            e(await entity.where(context, session, row)),
            "",
            "⚠️ " + e(_(changed).format(field=field)),
            "",
            e(_(found).format(value=shorten(theirs, EXTRACT))),
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
        text += "\n" + italic(_(following[long_theirs, long_mine]))
    choices = [
        (_("Keep mine"), cb.RESOLVE_CONFLICT.pack("m")),
        (_(keep), cb.RESOLVE_CONFLICT.pack("t")),
    ]
    rows = [[choice] for choice in choices] if own else [choices]  # « Keep the saved one » is long
    return Screen(text, keyboard(*rows, [home_button(context)]), whole)


async def resolve_conflict(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """Keep mine (written over the colleague's value) or theirs."""
    position = await load_position(session, context.visitor.user.id)
    if position.screen != states.CONFLICT:
        return Step(position)
    entity, spec, data = question(position.data)
    row, dossier = await entity.load(session, int(data["id"]), context.coop_id, for_edit=True)
    if args[0] != "m":
        kept = WORDS[await own_change(context, session, entity, row, spec)][3]
        notice = "✅ " + e(context._(kept))
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
