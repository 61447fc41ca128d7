"""A colleague saved a field while the user was typing: both values are shown, the user chooses. The
user's own change elsewhere (the Mini App, another device) is shown alike, said as theirs.

The box shows the value stored now, whenever it is drawn; on a value changed since it opened, either
button says who changed it and to what, as the question's « Keep » does (« keep mine » then asks again,
never writing over a value unseen). The user's answer is read in the terms the question was asked in (an
indicator's kind and unit), and a term changed while the box is open (the colleague's unit, after their
value) keeps neither: said as a typed answer is told it, the question asked again in the new terms
(``meanwhile``). Its row removed meanwhile, the box's buttons lead to the overview as the question's do,
the answer given back whole; the dossier submitted meanwhile, to its home, said as a typed answer is told.
"""

from __future__ import annotations

from dataclasses import replace

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.dossier.editor.entities import Entity
from conversations.dossier.editor.gone import asked_row, or_removed
from conversations.dossier.editor.meanwhile import as_asked, terms_changed, who_changed
from conversations.dossier.editor.positions import decode, encode, question
from conversations.dossier.editor.questions import next_step, saved_notice, store
from conversations.render.fields import FieldSpec
from conversations.render.formatting import quoted, shorten
from conversations.render.html import e, italic
from conversations.ui import callbacks as cb
from conversations.ui import states
from conversations.ui.common import answer_refusal, handing_back, home_button
from conversations.ui.context import QualiContext
from conversations.ui.messages import Screen, keyboard
from conversations.ui.router import Step, button, screen
from locales import N_, Translator
from models.audit import last_writer
from models.chat_state import Position, load_position
from models.dossier.reads import DossierLocked, StaleValue

EXTRACT = 1500  # each value's share of the screen; a longer text follows it whole
FOLLOWING = {  # which of the two texts, cut above, follow the screen whole
    (True, False): N_("Your colleague’s whole text follows below."),
    (False, True): N_("Your whole answer follows below, so that it is not lost."),
    (True, True): N_("Your colleague’s whole text follows, then yours."),
}
# the same screen when the value found is the user's own, written elsewhere (the Mini App, another
# device): said as theirs, as the Mini App's 409 (``elsewhere``) and « ✅ Keep » say it
OWN_FOLLOWING = {
    (True, False): N_("The whole saved text follows below."),
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
    mine = spec.display(context.t, as_asked(entity, row, data), decode(data["pending"], spec))  # as typed
    # theirs as stored now, in its own terms: the box redrawn after a further change (the Mini App left)
    # shows the value its buttons keep, with the words the audit says of it (whose change)
    theirs = spec.display(context.t, row, getattr(row, spec.name))
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


def answer_shown(t: Translator, entity: Entity, row, spec: FieldSpec, data: dict) -> str:
    """The user's answer the box holds, as it shows it (in the terms it was typed in; "" for none)."""
    mine = decode(data["pending"], spec)
    return spec.display(t, as_asked(entity, row, data), mine) if mine not in (None, "") else ""


async def held_answer(context: QualiContext, session: AsyncSession) -> str:
    """The answer the box on display holds, stored nowhere: given back whole once its row was removed."""
    position = await load_position(session, context.visitor.user.id)
    if position.screen != states.CONFLICT:
        return ""
    entity, spec, data = question(position.data)
    return answer_shown(context.t, entity, None, spec, data)


async def resolve_conflict(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """Keep mine (written over the colleague's value) or theirs; neither once a term the answer was typed
    in changed (a unit, a kind: said, asked again in the new terms, as a typed answer is)."""
    position = await load_position(session, context.visitor.user.id)
    if position.screen != states.CONFLICT:
        return Step(position)
    entity, spec, data = question(position.data)
    try:
        row, dossier = await entity.load(session, int(data["id"]), context.coop_id, for_edit=True)
    except DossierLocked as locked:  # submitted since the box opened: neither kept, the way on
        return await closed_meanwhile(context, session, (entity, spec, data), locked.code, args[0] == "m")
    typed = answer_shown(context.t, entity, row, spec, data) if args[0] == "m" else ""
    told = await terms_changed(context, session, entity, row, spec, data, typed)
    if told is not None:  # « 12,5 » typed as a percentage is not stored as 12,5 €
        return told
    if args[0] != "m":
        return await keep_theirs(context, session, entity, row, spec, data)
    value = decode(data["pending"], spec)
    try:
        await store(context, session, entity, dossier, row, spec, value, decode(data["current"], spec))
    except StaleValue as stale:  # changed since the box opened: said (it may show it already), asked again
        notice = "ℹ️ " + e(await who_changed(context, session, entity, row, spec.name))
        return Step(Position(states.CONFLICT, {**data, "current": encode(stale.current)}), notice)
    notice = saved_notice(context, spec, row, value)
    return await next_step(context, session, entity, row, spec, bool(data.get("wiz")), notice)


async def keep_theirs(
    context: QualiContext, session: AsyncSession, entity: Entity, row, spec: FieldSpec, data: dict
) -> Step:
    """« Keep theirs »: said (changed since the box opened, who changed it and what it is now, as the
    question's « Keep » says it), the next question; a text of the user's that the box did not send whole
    given back below it, so that it is not lost."""
    if getattr(row, spec.name) != decode(data["current"], spec):  # as the model compares it on a write
        notice = "ℹ️ " + e(await who_changed(context, session, entity, row, spec.name))
    else:
        notice = "✅ " + e(context._(WORDS[await own_change(context, session, entity, row, spec)][3]))
    step = await next_step(context, session, entity, row, spec, bool(data.get("wiz")), notice)
    mine = set_aside(context.t, row, spec, data)
    return replace(step, after=handing_back(mine)) if mine else step


def set_aside(t: Translator, row, spec: FieldSpec, data: dict) -> str:
    """The user's text that « Keep theirs » gives back, so that it is not lost: a long one the box did not
    send whole ("" for any other)."""
    mine = decode(data["pending"], spec)
    if not (spec.is_long_text and isinstance(mine, str) and mine.strip()):
        return ""
    return mine if len(spec.display(t, row, mine)) <= EXTRACT else ""


async def closed_meanwhile(
    context: QualiContext, session: AsyncSession, asked: tuple, code: str, keep_mine: bool
) -> Step:
    """The dossier submitted (or closed) while the box was open: said as a typed answer is told it, and
    the home; « Keep mine » gives the answer back whole (« Keep theirs » as it would), nothing written."""
    (entity, spec, data), t = asked, context.t
    row, _dossier = await entity.load(session, int(data["id"]), context.coop_id, for_edit=False)
    mine = answer_shown(t, entity, row, spec, data) if keep_mine else set_aside(t, row, spec, data)
    notice = "⚠️ " + e(answer_refusal(context, code))
    return Step(Position(states.HOME), notice, after=handing_back(mine) if mine.strip() else None)


def handlers() -> list:
    """The two buttons of a conflict (its row removed meanwhile: the overview, the answer given back)."""
    return [button(cb.RESOLVE_CONFLICT, or_removed(resolve_conflict, asked_row, held_answer))]
