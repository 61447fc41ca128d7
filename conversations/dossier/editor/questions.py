"""The field editor: asking one field, reading the answer, keeping a value, and the wizards.

A typed answer is parsed by its field's parser and stored through its entity's writer, with the next
position, in one transaction (the router's). ``seen`` in the position is what the user saw when
asked: a colleague's change in between is never overwritten silently (see ``conflicts``).
Everything here reads the tables of ``entities``: no branch on an entity's name.
"""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.dossier.editor.entities import BY_CODE, Entity, Write
from conversations.dossier.editor.gone import asked_row, choice_asked, field_row, or_removed
from conversations.dossier.editor.meanwhile import terms_changed, who_changed
from conversations.dossier.editor.positions import ask, encode, expected, question
from conversations.dossier.editor.removal import with_draft_again
from conversations.render.fields import Answer, FieldSpec, field_anchor
from conversations.render.formatting import colon, shorten
from conversations.render.gaps import lower_first
from conversations.render.html import bold, e, italic, whole_below
from conversations.render.input_errors import answer_at
from conversations.ui import callbacks as cb
from conversations.ui import states
from conversations.ui.common import back_button, home_button, keep_button, open_app_row
from conversations.ui.context import QualiContext
from conversations.ui.messages import Screen, keyboard
from conversations.ui.router import Step, button, screen, text_answer
from locales import N_
from models.chat_state import Position, load_position
from models.dossier.indicators import TitleTaken
from models.dossier.reads import UNSET, NotAllowed, NotYours, StaleValue

CURRENT_PREVIEW = 300  # a current value longer than this is cut on its question, and sent whole after
CORRECT = N_("✏️ Correct")
# an echo above a screen other than the next question (the row's, with ✏️ buttons of its own): which field
CORRECT_FIELD = N_("✏️ Correct: {field}")


async def next_step(
    context: QualiContext,
    session: AsyncSession,
    entity: Entity,
    row,
    spec: FieldSpec,
    wizard: bool,
    notice: str = "",
) -> Step:
    """After a field: the next one the wizard asks for this row, or back to the row's screen (on the way
    from the recap still, when the question was); a save that made a ready dossier a draft says so."""
    notice = with_draft_again(context.t, session, notice)
    if wizard:
        following = entity.fields[entity.fields.index(spec) + 1 :]
        for candidate in following:
            if not candidate.applies(row) or (candidate.choice and getattr(row, candidate.name)):
                continue  # a choice already made (a suggested indicator's kind) is not asked again
            return Step(ask(entity, row, candidate, True), notice)
        then = await entity.then(session, row) if entity.then else None
        if then is not None:
            if "new" in then.data:  # a new row's first question (an action): « Back » is the one answered
                then.data["back"] = reask(entity, row, spec, True)
            return Step(then, notice)
    return Step(entity.done(row), notice)  # from the recap: its way back kept by the router


def saved_notice(context: QualiContext, spec: FieldSpec, row, value: object) -> str:
    """Echo of what was understood and stored: « ✅ Valeur cible : 25 % »."""
    shown = e(shorten(spec.display(context.t, row, value), 200))
    return f"✅ {bold(context._(spec.label))}{colon(context.t)} {shown}"


def answer_context(context: QualiContext) -> Answer:
    """What a parser needs besides the text: the user's language, today in Paris, the next meeting."""
    return answer_at(context.t.language, context.now(), context.bot_data.committee_dates)


def parse(context: QualiContext, spec: FieldSpec, row, text: str) -> object:
    """A typed answer as the value to store; InputError when it cannot be."""
    return spec.parse(text, row, answer_context(context))


async def store(
    context: QualiContext, session: AsyncSession, entity: Entity, dossier, row, spec, value, seen
) -> None:
    """Write one parsed value through the entity's domain function (audit, version, conflict rule)."""
    write = Write(
        spec.name, value, seen, context.visitor.user.id, context.visitor.is_direction, context.now()
    )
    await entity.write(session, dossier, row, write)


def reask(entity: Entity, row, spec: FieldSpec, wizard: bool) -> str:
    """The callback data that asks a field again, within the wizard or on its own."""
    return (cb.ASK_IN_WIZARD if wizard else cb.EDIT_FIELD).pack(entity.code, row.id, spec.code)


def walk(entity: Entity, row) -> list[FieldSpec]:
    """The questions the wizard asks for a row: those that apply, or may once an earlier choice is
    made (a unit, before the kind), less those its creation answered (a suggestion's kind and unit)."""
    if row is None:
        return list(entity.fields)
    preset, undecided, path = entity.preset(row), False, []
    for spec in entity.fields:
        if spec.name not in preset and (undecided or spec.applies(row)):
            path.append(spec)
        undecided = undecided or bool(spec.choice and not getattr(row, spec.name))
    return path


def back_data(entity: Entity, row, spec: FieldSpec, wizard: bool) -> str:
    """« Back » from a question: in the wizard, the previous question it asks; else the row."""
    before = entity.fields.index(spec)
    earlier = [s for s in walk(entity, row) if entity.fields.index(s) < before and s.applies(row)]
    return reask(entity, row, earlier[-1], True) if earlier and wizard else entity.back(row)


def step_of(context: QualiContext, n: int, total: int) -> str:
    """« Étape 3/7 »."""
    return context._("Step {n}/{total}").format(n=n, total=total)


async def where_step(
    context: QualiContext, session: AsyncSession, entity: Entity, row, spec: FieldSpec, wizard: bool
) -> str:
    """« Axe 1 · Engagement 1 · Indicateur 1 », and « · Étape 3/7 » within the wizard, counted on the
    questions this row is asked (a field left out of them, reached by « Back », has no count)."""
    head = await entity.where(context, session, row)
    path = walk(entity, row)
    if not wizard or spec not in path:
        return head
    return f"{head} · {step_of(context, path.index(spec) + 1, len(path))}"


async def accept(context: QualiContext, session: AsyncSession, data: dict, value: object) -> Step:
    """Store an understood answer, echo it (with « ✏️ Correct » for a number or a date), move on."""
    entity, spec, data = question(data)
    row, dossier = await entity.load(session, int(data["id"]), context.coop_id, for_edit=True)
    wizard = bool(data.get("wiz"))
    try:
        await store(context, session, entity, dossier, row, spec, value, expected(data))
    except StaleValue as stale:  # a colleague saved this field meanwhile: the user chooses
        pending = {**data, "pending": encode(value), "current": encode(stale.current)}
        return Step(Position(states.CONFLICT, pending))
    notice = saved_notice(context, spec, row, value)
    remark = await entity.remark(context.t, session, row, spec.name)  # kept, but said: after the target
    notice += f" — {e(remark)}" if remark else ""
    step = await next_step(context, session, entity, row, spec, wizard, notice)
    if spec.correct(row):
        fix = reask(entity, row, spec, wizard)
        if step.position.screen == states.ASK:  # held by the next question: redrawn with it (a refusal)
            step.position = Position(states.ASK, {**step.position.data, "fix": fix})
        else:  # above the row's screen (the wizard done): which field, not one more ✏️ among the row's
            step.buttons = [(context._(CORRECT_FIELD).format(field=lower_first(context._(spec.label))), fix)]
    return step


@text_answer(states.ASK)
async def answer(context: QualiContext, session: AsyncSession, data: dict, text: str) -> Step:
    """A typed answer to a question: parsed, stored with the next position, in one transaction."""
    if context.visitor.coop is None:
        raise NotYours("no longer a member of a coop")
    entity, spec, data = question(data)
    if "new" in data:
        parent, dossier = await entity.new.parent(context, session, int(data["new"]))
        value = parse(context, spec, None, text)
        try:
            row = await entity.new.create(context, session, dossier, parent, value)
        except TitleTaken as taken:  # its engagement has it already (nothing written): that one continued
            return await entity.new.taken(context, session, taken.indicator)
        return await next_step(
            context, session, entity, row, spec, True, saved_notice(context, spec, row, value)
        )
    row, _dossier = await entity.load(session, int(data["id"]), context.coop_id, for_edit=True)
    # a colleague changed the unit or kind meanwhile: the text is not read in terms the user never saw
    told = await terms_changed(context, session, entity, row, spec, data, text)
    return told or await accept(context, session, data, parse(context, spec, row, text))


@screen(states.ASK)
async def ask_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """One question: where the user is, the question, an example, ready answers, the current value, Keep."""
    entity, spec, data = question(data)
    coop_id = context.coop_id
    wizard = bool(data.get("wiz"))
    if "new" in data:
        parent, dossier = await entity.new.parent(context, session, int(data["new"]))
        head, subject, row = (
            f"{await entity.new.where(context, session, parent)} · {step_of(context, 1, len(entity.fields))}",
            entity.new.subject(context, parent),
            None,
        )
        back = data.get("back") or entity.new.back(parent, dossier)  # in a wizard: the question before
    else:
        row, _dossier = await entity.load(session, int(data["id"]), coop_id, for_edit=True)
        head, back = (
            await where_step(context, session, entity, row, spec, wizard),
            back_data(entity, row, spec, wizard),
        )
        subject = entity.subject(context, row) if spec is not entity.fields[0] else None
    lines = [e(head)] + ([bold(shorten(subject, 80))] if subject else [])
    example = spec.example_for(context.t, row, answer_context(context))  # the bot's clock, as its refusals
    lines += ["", bold(context._(spec.prompt)), italic(example)]
    options = spec.options(context.t, row, answer_context(context))
    lines += [e(option.says) for option in options if option.says]
    rows = [[(option.label, cb.ANSWER_OPTION.pack(n)) for n, option in enumerate(options)]]
    if "fix" in data:  # « ✏️ Correct » the answer echoed above, first, as long as this question is asked
        rows.insert(0, [(context._(CORRECT), data["fix"])])
    current = getattr(row, spec.name) if row is not None else None
    whole = ""
    if current not in (None, ""):
        shown = entity.reads(context, row, spec)  # a kept suggestion's title in the reader's language
        lines += ["", e(context._("Currently: {value}").format(value=shorten(shown, CURRENT_PREVIEW)))]
        whole = shown if len(shown) > CURRENT_PREVIEW else ""  # cut on the question: it follows whole
        if whole:
            lines.append(italic(whole_below(context.t, whole)))
        rows.append([keep_button(context, cb.KEEP.pack())])
    if spec.is_long_text:  # the desk, for a text written at length
        focus = {"focus": field_anchor(entity.name, row.id, spec.name)} if row is not None else {}
        rows.append(open_app_row(context, **focus))
    rows.append([back_button(context, back), home_button(context)])
    text = "\n".join(line for line in lines if line != italic(""))
    return Screen(text, keyboard(*rows), whole)


async def asked_field(
    context: QualiContext, session: AsyncSession, args: tuple
) -> tuple[Entity, object, FieldSpec]:
    """The row and field a ✏️ names, if the visitor may change them: a field they may not (the letter,
    the direction's) is refused at its button, by the rule its save applies, before anything is typed."""
    entity = BY_CODE[args[0]]
    row, _dossier = await entity.load(session, args[1], context.coop_id, for_edit=True)
    spec = entity.field_by_code(args[2])
    if not spec.applies(row):
        raise KeyError(spec.name)
    if not entity.may_change(row, context.visitor.is_direction):
        raise NotAllowed(f"{entity.name} {row.id} is not theirs to change")
    return entity, row, spec


async def edit_field(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """✏️ on a field: ask it (or open its button screen), then come back to the row."""
    entity, row, spec = await asked_field(context, session, args)
    return Step(ask(entity, row, spec, False))  # a long value follows it whole


async def ask_in_wizard(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """« ⬅️ Back » to the previous question, or « ✏️ Correct » an answer, within the wizard."""
    entity, row, spec = await asked_field(context, session, args)
    return Step(ask(entity, row, spec, True))


async def answer_option(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """A ready answer's button (« Oui », the default date): stored like the same answer typed."""
    position = await load_position(session, context.visitor.user.id)
    if position.screen != states.ASK or "new" in position.data:
        return Step(position)
    entity, spec, data = question(position.data)
    row, _dossier = await entity.load(session, int(data["id"]), context.coop_id, for_edit=True)
    told = await terms_changed(context, session, entity, row, spec, data, "")  # « Oui » of a former kind
    if told is not None:
        return told
    options = spec.options(context.t, row, answer_context(context))
    return await accept(context, session, data, options[args[0]].value)  # IndexError: forged


async def keep_value(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """« Keep »: leave the field as it is and move on; a value a colleague changed meanwhile is kept
    too, and said (who, what it is now), since the user kept what they had not seen."""
    position = await load_position(session, context.visitor.user.id)
    chosen = choice_asked(position.screen)  # a choice's screen (the unit's) keeps its value alike
    if chosen is None and (position.screen != states.ASK or "new" in position.data):
        return Step(position)
    entity, spec, data = (*chosen, position.data) if chosen else question(position.data)
    row, _dossier = await entity.load(session, int(data["id"]), context.coop_id, for_edit=True)
    told = await terms_changed(context, session, entity, row, spec, data, "")  # the value kept is gone
    if told is not None:
        return told
    seen, notice = expected(data), ""
    if seen is not UNSET and getattr(row, spec.name) != seen:  # as the model compares it on a write
        notice = "ℹ️ " + e(await who_changed(context, session, entity, row, spec.name))
    return await next_step(context, session, entity, row, spec, bool(data.get("wiz")), notice)


def handlers() -> list:
    """The buttons of questions: ✏️ on a field, and Keep."""
    return [
        button(cb.EDIT_FIELD, or_removed(edit_field, field_row)),
        button(cb.ASK_IN_WIZARD, or_removed(ask_in_wizard, field_row)),
        button(cb.ANSWER_OPTION, or_removed(answer_option, asked_row)),
        button(cb.KEEP, or_removed(keep_value, asked_row)),
    ]
