"""Fields answered with buttons: an indicator's kind of value and its unit (or a unit typed freely).

A choice is stored like a typed answer, against what the screen showed: a kind or unit a colleague
changed since (or the user, elsewhere) is never replaced unsaid, nor the values it would clear. The
kind screen is a menu (nothing saved when it opens from the indicator's ✏️): its buttons carry the kind
it showed. The unit screen is a question, saved with what it showed (``seen``), as its typed unit is. A
kind button also carries a short mark of each value a new kind clears (``marks``): a colleague's change
to one since is refused as a changed kind is, said, nothing cleared; a unit button the same (the page too).
"""

from __future__ import annotations

import hashlib
import logging
import re

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.dossier.editor.entities import INDICATOR, Write, shown_title
from conversations.dossier.editor.gone import or_removed, row
from conversations.dossier.editor.meanwhile import no_longer_asked, values_told
from conversations.dossier.editor.positions import ask, expected
from conversations.dossier.editor.questions import back_data, next_step, saved_notice, where_step
from conversations.render.fields import FieldSpec
from conversations.render.formatting import KIND_LABELS, UNIT_LABELS, quoted, shorten, unit_label
from conversations.render.html import bold, e, italic
from conversations.ui import callbacks as cb
from conversations.ui import states
from conversations.ui.common import back_button, home_button, keep_button
from conversations.ui.context import QualiContext
from conversations.ui.menus import OUT_OF_DATE
from conversations.ui.messages import Screen, keyboard
from conversations.ui.router import Step, button, screen, text_answer, where_now
from locales import Translator
from models.dossier.reads import UNSET, NotYours, StaleValue, indicator_of_member
from models.parsing.values import KIND_CLEARS, STORED_VALUES, kind_clears, parse_unit, unit_clears
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
NO_KIND = "-"  # a kind button's second letter when its screen showed no kind yet
CLEARED = KIND_CLEARS  # what a new kind may clear, in the fields' order
MARK = 6  # hex digits of each one's mark on a kind button: 18 in all, its data at most 43 bytes
MARKS = re.compile(f"(?:[0-9a-f]{{{MARK * len(CLEARED)}}})?")  # none: an older version's button
VALUES = STORED_VALUES  # what a new unit clears: a unit button carries their marks after its code
UNIT_MARKS = MARK * len(VALUES)  # 12 hex digits; a code of 2 letters at most before them (« pe »)
UNIT_MARKED = re.compile(f"(?:[0-9a-f]{{{UNIT_MARKS}}})?")  # none: an older version's button

log = logging.getLogger(__name__)


async def heading(
    context: QualiContext, session: AsyncSession, indicator, name: str, data: dict, prompt: str
) -> list[str]:
    """Where the user is (and the wizard's step), the indicator, and the question."""
    spec, wizard = INDICATOR.field(name), bool(data.get("wiz"))
    return [
        e(await where_step(context, session, INDICATOR, indicator, spec, wizard)),
        bold(shorten(shown_title(context, indicator), 80)),
        "",
        bold(prompt),
    ]


@screen(states.KIND)
async def kind_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """What kind of value the indicator takes."""
    _ = context._
    indicator, _dossier = await indicator_of_member(session, int(data["id"]), context.coop_id)
    lines = await heading(
        context, session, indicator, "value_kind", data, _("What kind of value does it take?")
    )
    if indicator.value_kind:
        lines.append(e(_("Currently: {value}").format(value=_(KIND_LABELS[ValueKind(indicator.value_kind)]))))
        lines.append(italic(_("Changing it clears the current and target values.")))
    shown = next((code for code, kind in KIND_CODES.items() if kind == indicator.value_kind), NO_KIND)
    rows = [  # each button: the kind it chooses, the one this screen shows, then the values it clears
        [(_(KIND_LABELS[kind]), cb.SET_KIND.pack(indicator.id, code + shown + marks(indicator)))]
        for code, kind in KIND_CODES.items()
    ]
    rows.append([back_button(context, back(indicator, "value_kind", data)), home_button(context)])
    return Screen("\n".join(lines), keyboard(*rows))


@screen(states.UNIT)
async def unit_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """The unit of a numeric indicator."""
    _ = context._
    indicator, _dossier = await indicator_of_member(session, int(data["id"]), context.coop_id)
    lines = await heading(context, session, indicator, "unit", data, _("In which unit is it measured?"))
    lines.append(italic(_("Choose below, or type your own unit (e.g. working days).")))
    if indicator.unit:
        lines.append(e(_("Currently: {value}").format(value=unit_label(context.t, indicator.unit))))
        lines.append(italic(_("Changing it clears the current and target values.")))
    elif any(getattr(indicator, name) not in (None, "") for name in VALUES):  # a first unit: what fits stays
        lines.append(italic(_("A value that does not fit the chosen unit will be cleared.")))
    buttons = [  # each button: the unit it chooses, then the marks of the values it clears
        (_(UNIT_LABELS[unit]), cb.SET_UNIT.pack(indicator.id, code + marks(indicator, VALUES)))
        for code, unit in UNIT_CODES.items()
    ]
    rows = [buttons[:3], buttons[3:]]
    if indicator.unit:  # as every question with a value (a coop's own unit has no button of its own)
        rows.append([keep_button(context, cb.KEEP.pack())])  # the question's Keep: its position says which
    rows.append([back_button(context, back(indicator, "unit", data)), home_button(context)])
    return Screen("\n".join(lines), keyboard(*rows))


def mark(value: object) -> str:
    """A value's mark on a kind button: the same value, the same mark (None apart from any text)."""
    return hashlib.sha256(repr(value).encode()).hexdigest()[:MARK]


def marks(indicator, names: tuple[str, ...] = CLEARED) -> str:
    """The marks of the values a new kind (or unit: ``VALUES``) clears, as the screen shows the indicator
    (a change of anything else, its title, its rationale, is no reason to refuse the choice)."""
    return "".join(mark(getattr(indicator, name)) for name in names)


def marks_changed(indicator, clears: tuple, seen_marks: str, names: tuple = CLEARED) -> tuple[str, ...]:
    """What a choice would clear (``clears``) that is no longer what a screen marked ``seen_marks`` showed."""
    shown = {name: seen_marks[i * MARK : (i + 1) * MARK] for i, name in enumerate(names)}
    return tuple(name for name in clears if mark(getattr(indicator, name)) != shown[name])


def back(indicator, name: str, data: dict) -> str:
    """« Back »: the previous question within the wizard, else the indicator."""
    return back_data(INDICATOR, indicator, INDICATOR.field(name), bool(data.get("wiz")))


async def choose(
    context: QualiContext, session: AsyncSession, indicator_id: int, name: str, value: str, seen: object,
    read: tuple | None = None,
) -> Step:  # fmt: skip
    """Store a choice like a typed answer, then go on with the indicator's questions; ``seen``: what the
    screen showed (UNSET: not known), a colleague's change since refused as ``overtaken``; ``read``: the
    indicator and its dossier, read already by the button (not read twice)."""
    indicator, dossier = read or await indicator_of_member(session, indicator_id, context.coop_id)
    spec = INDICATOR.field(name)
    cleared = unit_cleared(context, indicator, spec, value)  # said once stored
    visitor = context.visitor.user.id
    told = await no_longer_asked(context.t, visitor, session, INDICATOR, indicator, spec, value)
    if told is not None:  # a unit on an indicator a colleague made a text one meanwhile: nothing stored
        return Step(INDICATOR.done(indicator), "\n".join(e(line) for line in told))
    write = Write(name, value, seen, context.visitor.user.id, False, context.now())
    try:
        await INDICATOR.write(session, dossier, indicator, write)
    except StaleValue:  # changed since the screen was drawn: nothing written
        return await overtaken(context, session, indicator, spec, value)
    notice = "\n".join([saved_notice(context, spec, indicator, value), *cleared])
    # a new kind clears the values; the wizard asks them again (and the unit, for a number)
    return await next_step(context, session, INDICATOR, indicator, spec, True, notice)


def unit_cleared(context: QualiContext, indicator, spec: FieldSpec, unit: str) -> list[str]:
    """The lines, escaped, that name the values a unit clears, read before it is stored: a number's first
    unit those that do not fit it (« “Target value” cleared: “150” does not fit this unit. »), a unit
    replaced both (« … “12 working days” was in the previous unit. »); [] for another field."""
    if spec.name != "unit":
        return []
    if indicator.unit is None:
        said = context._("{field} cleared: {value} does not fit this unit.")
    else:
        said = context._("{field} cleared: {value} was in the previous unit.")
    language = context.t.language
    return [
        e(said.format(
            field=quoted(language, context._(INDICATOR.field(name).label)),
            value=quoted(language, shorten(INDICATOR.field(name).display(context.t, indicator, stored), 60)),
        ))
        for name in unit_clears(indicator, unit)
        if (stored := getattr(indicator, name)) is not None
    ]  # fmt: skip


async def overtaken(
    context: QualiContext, session: AsyncSession, indicator, spec: FieldSpec, value, changed: tuple = ()
) -> Step:
    """A choice made on a screen a change overtook (the kind or unit it showed is no longer the row's, or
    ``changed``: values the new kind clears): who changed each and to what, the answer not saved, and the
    question asked again as it now stands (in the wizard still, if it was), where the same choice is then
    taken, knowing what it replaces."""
    told = changed or (spec.name,)
    lines = await values_told(
        context.t, context.visitor.user.id, session, INDICATOR, indicator, told, spec, value
    )
    wizard = bool(on_display(context, indicator_id=indicator.id, screen=spec.choice).get("wiz"))
    return Step(ask(INDICATOR, indicator, spec, wizard), "\n".join(e(line) for line in lines))


def on_display(context: QualiContext, indicator_id: int, screen: str) -> dict:
    """The data of the choice screen on display, if it is this one about this indicator; else {}."""
    where = context.where
    at = where.position if where is not None else None
    mine = at is not None and at.screen == screen and at.data.get("id") == indicator_id
    return at.data if mine else {}


async def choice_overtaken(
    t: Translator, visitor_id: int, session: AsyncSession, row, spec: FieldSpec, value, seen, shown: dict
) -> list[str] | None:
    """The lines, as plain text, that refuse the Mini App's change of kind or unit (``spec``) sent with the
    one (``seen``) and the values (``shown``: by field, as stored) its page showed, when a value it clears
    changed since: the chat's buttons, by their marks, refuse the same. None otherwise (a kind or unit
    changed since is the domain's conflict; a kind not listed, the parser's refusal)."""
    if spec.name == "value_kind" and value in KIND_CODES.values() and seen == row.value_kind:
        clears = kind_clears(row, str(value))
    elif spec.name == "unit" and seen == row.unit:
        clears = unit_clears(row, str(value))
    else:
        return None
    names = [name for name in clears if name in shown and shown[name] != getattr(row, name)]
    return await values_told(t, visitor_id, session, INDICATOR, row, names, spec, value) if names else None


async def set_kind(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """A kind button: store it (the domain drops a unit that no longer fits), then the next question.
    Its code is the kind chosen, the kind shown, then the marks of the values it clears (an older
    version's, without the kind or the marks: not known, not compared)."""
    chosen, shown, seen_marks = args[1][:1], args[1][1:2], args[1][2:]
    if chosen not in KIND_CODES or shown not in ("", NO_KIND, *KIND_CODES) or not MARKS.fullmatch(seen_marks):
        return await not_drawn(context, session, args)
    seen = UNSET if not shown else None if shown == NO_KIND else KIND_CODES[shown].value
    kind = KIND_CODES[chosen].value
    if seen_marks:  # what the screen showed of the values it clears (an older version's: not known)
        indicator, dossier = await indicator_of_member(session, args[0], context.coop_id)
        clears = kind_clears(indicator, kind) if indicator.value_kind == seen else ()
        changed = marks_changed(indicator, clears, seen_marks)
        if changed:  # changed since (the kind itself: said as such by ``choose``): nothing cleared unsaid
            return await overtaken(context, session, indicator, INDICATOR.field("value_kind"), kind, changed)
        return await choose(context, session, args[0], "value_kind", kind, seen, (indicator, dossier))
    return await choose(context, session, args[0], "value_kind", kind, seen)


async def set_unit(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """A unit button: store it, then the next question. Its code is the unit chosen, then the marks of the
    values it clears (an older version's, a code alone: not compared), refused as the kind's are."""
    code, seen_marks = (args[1], "") if len(args[1]) <= 2 else (args[1][:-UNIT_MARKS], args[1][-UNIT_MARKS:])
    if code not in UNIT_CODES or not UNIT_MARKED.fullmatch(seen_marks):
        return await not_drawn(context, session, args)
    seen = expected(on_display(context, args[0], states.UNIT))  # UNSET: a question saved before ``seen``
    unit = UNIT_CODES[code].value
    if seen_marks:  # what the screen showed of the values it clears
        indicator, dossier = await indicator_of_member(session, args[0], context.coop_id)
        clears = unit_clears(indicator, unit) if seen is UNSET or indicator.unit == seen else ()
        changed = marks_changed(indicator, clears, seen_marks, VALUES)
        if changed:  # changed since (the unit itself: said as such by ``choose``): nothing cleared unsaid
            return await overtaken(context, session, indicator, INDICATOR.field("unit"), unit, changed)
        return await choose(context, session, args[0], "unit", unit, seen, (indicator, dossier))
    return await choose(context, session, args[0], "unit", unit, seen)


async def not_drawn(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """A code no version's button carries (forged, garbled): out-of-date data, as the router answers
    data it cannot read, the screen on display again and nothing stored; logged as refused, not as a slip
    (a KeyError the router would keep with its traceback)."""
    log.info("refused choice %r from %s", args, context.visitor.user.id)
    return Step((await where_now(context, session)).position, "🔄 " + e(context._(OUT_OF_DATE)))


@text_answer(states.UNIT)
async def own_unit(context: QualiContext, session: AsyncSession, data: dict, text: str) -> Step:
    """A unit typed instead of chosen (« jours ouvrés »): kept as typed, unless it is a listed one or the
    one shown, spelt otherwise (« Jours ouvrés »: the same, its values kept)."""
    if context.visitor.coop is None:
        raise NotYours("no longer a member of a coop")
    seen = expected(data)
    read = await indicator_of_member(session, int(data["id"]), context.coop_id)
    unit = parse_unit(text, read[0].unit if seen is UNSET else seen)
    return await choose(context, session, int(data["id"]), "unit", unit, seen, read)


def handlers() -> list:
    """The kind and unit buttons."""
    return [
        button(cb.SET_KIND, or_removed(set_kind, row("indicator"))),
        button(cb.SET_UNIT, or_removed(set_unit, row("indicator"))),
    ]
