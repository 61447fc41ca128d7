"""The parts of the dossier the field editor edits, each as one declarative table.

An ``Entity`` says how its rows are found for a member (and checked against their coop), how a field
is stored (through the domain's functions: audit, version, conflict rule), where « Back » leads, the
where-you-are line, and where the wizard ends. Its fields come from ``conversations.render.fields``.
The editor (``questions``) has no branch on an entity's name: it only reads these tables.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.dossier.editor.remarks import action_remark, indicator_remark, no_remark
from conversations.render import fields
from conversations.render.fields import FieldSpec
from conversations.ui import callbacks as cb
from conversations.ui import states
from conversations.ui.context import QualiContext
from locales import Translator
from models.chat_state import Position
from models.dossier.attachments import attachment_of_member, may_change, rename_attachment
from models.dossier.current import current_dossier
from models.dossier.indicators import add_action, add_indicator, update_action, update_indicator
from models.dossier.reads import action_of_member, actions_of, dossier_of_member, indicator_of_member
from models.dossier.writes import update_involvement
from models.parsing.due_dates import DueDate


@dataclass(frozen=True)
class Write:
    """One typed value to store, with who stores it and what they saw when asked."""

    name: str
    value: object
    expected: object
    actor_id: int
    by_direction: bool
    now: object


@dataclass(frozen=True)
class NewRow:
    """How a row is created from the answer to its first field (a new indicator, a new action)."""

    parent: Callable[
        [QualiContext, AsyncSession, int], Awaitable[tuple[object, object]]
    ]  # -> (parent, dossier)
    create: Callable[[QualiContext, AsyncSession, object, object, object], Awaitable[object]]
    where: Callable[[QualiContext, AsyncSession, object], Awaitable[str]]
    back: Callable[[object, object], str]  # (parent, dossier) -> callback data of « Back »
    subject: Callable[[QualiContext, object], str | None] = lambda context, parent: None
    taken: Callable[..., Awaitable[object]] | None = None  # (context, session, the row typed again) -> Step


Then = Callable[[AsyncSession, object], Awaitable[Position | None]]
Loader = Callable[[AsyncSession, int, int, bool], Awaitable[tuple[object, object]]]
Writer = Callable[[AsyncSession, object, object, Write], Awaitable[None]]
Where = Callable[[QualiContext, AsyncSession, object], Awaitable[str]]
Remark = Callable[[Translator, AsyncSession, object, str], Awaitable[str]]  # (t, session, row, field)


def as_stored(context: QualiContext, row, spec: FieldSpec) -> str:
    """A field's stored value as its table shows it (— when empty)."""
    return spec.display(context.t, row, getattr(row, spec.name))


@dataclass(frozen=True)
class Entity:
    """A part of the dossier, its fields in wizard order, and how the editor treats it."""

    name: str  # as saved in positions and the audit trail
    code: str  # one letter in callback data
    fields: tuple[FieldSpec, ...]
    load: Loader  # (session, row id, coop id, for_edit) -> (row, dossier)
    write: Writer
    where: Where  # the where-you-are line of a question
    back: Callable[[object], str]  # callback data of « Back » from a question about a row
    done: Callable[[object], Position]  # where an edit, or the end of the wizard, leads
    # a line naming the row on its questions, in the reader's words
    subject: Callable[[QualiContext, object], str | None] = lambda context, row: None
    new: NewRow | None = None  # rows created from their first answer
    then: Then | None = None  # what the wizard asks once a row is complete
    preset: Callable[[object], tuple[str, ...]] = lambda row: ()  # fields its creation answered
    # what its values are read in (an indicator's kind, then unit) and the fields so read: a colleague
    # changing a term while one of these is asked is told to the user, the answer not read in new terms
    terms: tuple[str, ...] = ()
    in_terms: tuple[str, ...] = ()
    remark: Remark = no_remark  # said beside the echo of a save that does not fit (a date after the target)
    # whether the visitor may change the row at all (its writer applies the same rule): asked before
    # its question, so that a field they may not change is refused at its button, not after typing
    may_change: Callable[[object, bool], bool] = lambda row, by_direction: True  # (row, by the direction)
    # a field's current value as the reader reads it (a kept suggestion's title in their language)
    reads: Callable[[QualiContext, object, FieldSpec], str] = as_stored

    def field(self, name: str) -> FieldSpec:
        """One of its fields, by name (KeyError on a forged one)."""
        for spec in self.fields:
            if spec.name == name:
                return spec
        raise KeyError(name)

    def field_by_code(self, code: str) -> FieldSpec:
        """One of its fields, by the letter of its callback data."""
        for spec in self.fields:
            if spec.code == code:
                return spec
        raise KeyError(code)


async def indicator_where(context: QualiContext, session: AsyncSession, indicator) -> str:
    """« Axe 2 · Engagement 6 · Indicateur 1 »."""
    axis = context.referential.engagement(indicator.engagement_code).axis
    return context._("Axis {axis} · Engagement {code} · Indicator {n}").format(
        axis=axis, code=indicator.engagement_code, n=indicator.position
    )


async def action_where(context: QualiContext, session: AsyncSession, action) -> str:
    """« Axe 2 · Engagement 6 · Indicateur 1 · Action 2 »."""
    indicator, _dossier = await indicator_of_member(
        session, action.indicator_id, context.coop_id, for_edit=False
    )
    where = await indicator_where(context, session, indicator)
    return where + " · " + context._("Action {n}").format(n=action.position)


async def load_action(session: AsyncSession, row_id: int, coop_id: int, *, for_edit: bool = True):
    """An action and its dossier."""
    action, _indicator, dossier = await action_of_member(session, row_id, coop_id, for_edit=for_edit)
    return action, dossier


async def load_involvement(session: AsyncSession, row_id: int, coop_id: int, *, for_edit: bool = True):
    """The dossier itself holds the involvement texts."""
    dossier = await dossier_of_member(session, row_id, coop_id, for_edit=for_edit)
    return dossier, dossier


async def write_indicator(session: AsyncSession, dossier, indicator, w: Write) -> None:
    """A field of an indicator (a target month is stored as its last day)."""
    value = w.value.value if isinstance(w.value, DueDate) else w.value
    await update_indicator(
        session, dossier, indicator, w.name, value, actor_id=w.actor_id, expected=w.expected, now=w.now
    )


async def write_action(session: AsyncSession, dossier, action, w: Write) -> None:
    """A field of an action; a due date also stores whether a day or a whole month was meant."""
    if not isinstance(w.value, DueDate):
        await update_action(
            session, dossier, action, w.name, w.value, actor_id=w.actor_id, expected=w.expected, now=w.now
        )
        return
    due = w.value
    await update_action(
        session, dossier, action, w.name, due.value, actor_id=w.actor_id, expected=w.expected, now=w.now
    )
    await update_action(
        session, dossier, action, "due_precision", due.precision, actor_id=w.actor_id, now=w.now
    )


async def write_involvement(session: AsyncSession, dossier, row, w: Write) -> None:
    """One text of the approach and involvement part."""
    await update_involvement(
        session, dossier, w.name, w.value, actor_id=w.actor_id, expected=w.expected, now=w.now
    )


async def write_attachment(session: AsyncSession, dossier, attachment, w: Write) -> None:
    """A document's label (the direction's letter is the direction's to rename)."""
    await rename_attachment(
        session, dossier, attachment, w.value, actor_id=w.actor_id, by_direction=w.by_direction,
        expected=w.expected, now=w.now,
    )  # fmt: skip


def shown_title(context: QualiContext, indicator) -> str:
    """An indicator's title in the reader's language (a suggested one the coop kept), else as typed."""
    return context.indicator_title(indicator)


def indicator_reads(context: QualiContext, indicator, spec: FieldSpec) -> str:
    """An indicator's field as the reader reads it: its title as its screen says it (``shown_title``)."""
    return shown_title(context, indicator) if spec.name == "title" else as_stored(context, indicator, spec)


def fixed(text: str) -> Where:
    """A where-you-are line that does not depend on the row (translated when shown)."""

    async def where(context: QualiContext, session: AsyncSession, row) -> str:
        return context._(text)

    return where


def new_row_question(entity: Entity, parent: int) -> Position:
    """The question of the first field of a new row; the row is created from its answer."""
    return Position(states.ASK, {"e": entity.name, "new": parent, "f": entity.fields[0].name, "wiz": 1})


async def first_action(session: AsyncSession, indicator) -> Position | None:
    """After an indicator's wizard: its first action, while its plan is empty."""
    return None if await actions_of(session, indicator.id) else new_row_question(ACTION, indicator.id)


async def create_indicator(context: QualiContext, session: AsyncSession, dossier, code: int, title: str):
    """A new indicator of a chosen engagement, from its title."""
    # no target date yet: its question offers the end of the 18-month period as a ready answer
    return await add_indicator(
        session, dossier, code, title=title, actor_id=context.visitor.user.id, now=context.now()
    )


async def continue_titled(context: QualiContext, session: AsyncSession, indicator):
    """A title the engagement has already, typed (``TitleTaken``): that indicator continued, said so, as
    a suggestion pressed again is."""
    from conversations.dossier.indicators import continue_indicator  # here: that module imports this one

    return await continue_indicator(context, session, indicator)


async def create_action(context: QualiContext, session: AsyncSession, dossier, indicator, description: str):
    """A new action of an indicator's plan, from its description."""
    return await add_action(
        session, dossier, indicator, description, actor_id=context.visitor.user.id, now=context.now()
    )


async def indicator_parent(context: QualiContext, session: AsyncSession, code: int):
    """A new indicator's engagement (chosen in the member's editable dossier), and that dossier."""
    current = await current_dossier(session, context.coop_id)
    dossier = await dossier_of_member(session, current.id, context.coop_id)
    return context.referential.engagement(code), dossier


async def action_parent(context: QualiContext, session: AsyncSession, indicator_id: int):
    """A new action's indicator, and its dossier."""
    return await indicator_of_member(session, indicator_id, context.coop_id)


async def new_indicator_where(context: QualiContext, session: AsyncSession, engagement) -> str:
    """« Axe 1 · Engagement 2 · Nouvel indicateur »."""
    return context._("Axis {axis} · Engagement {code} · New indicator").format(
        axis=engagement.axis, code=engagement.code
    )


async def new_action_where(context: QualiContext, session: AsyncSession, indicator) -> str:
    """« Axe 1 · Engagement 2 · Indicateur 1 · Action 2 », the number the new action will take."""
    n = len(await actions_of(session, indicator.id)) + 1
    return await indicator_where(context, session, indicator) + " · " + context._("Action {n}").format(n=n)


INDICATOR = Entity(
    "indicator", "i", fields.INDICATOR, indicator_of_member, write_indicator, indicator_where,
    back=lambda row: cb.INDICATOR.pack(row.id),
    done=lambda row: Position(states.INDICATOR, {"id": row.id}),
    subject=shown_title, reads=indicator_reads,
    then=first_action,
    preset=lambda row: ("value_kind", "unit") if row.suggested_code else (),  # a suggestion's own
    terms=("value_kind", "unit"), in_terms=("current_value", "target_value"), remark=indicator_remark,
    new=NewRow(
        indicator_parent,
        lambda c, s, d, engagement, title: create_indicator(c, s, d, engagement.code, title),
        new_indicator_where, back=lambda engagement, dossier: cb.ENGAGEMENT.pack(dossier.id, engagement.code),
        taken=continue_titled,
    ),
)  # fmt: skip
ACTION = Entity(
    "action", "a", fields.ACTION, load_action, write_action, action_where,
    back=lambda row: cb.ACTION.pack(row.id),
    done=lambda row: Position(states.INDICATOR, {"id": row.indicator_id}),
    subject=lambda context, action: action.description,  # its later steps name it, as an indicator's do
    remark=action_remark,
    new=NewRow(
        action_parent, create_action, new_action_where,
        back=lambda indicator, dossier: cb.INDICATOR.pack(indicator.id),
        subject=shown_title,
    ),
)  # fmt: skip
INVOLVEMENT = Entity(
    "dossier", "d", fields.INVOLVEMENT, load_involvement, write_involvement,
    fixed("Approach and involvement"),
    back=lambda row: cb.INVOLVEMENT.pack(),
    done=lambda row: Position(states.INVOLVEMENT),
)  # fmt: skip
ATTACHMENT = Entity(
    "attachment", "f", fields.ATTACHMENT, attachment_of_member, write_attachment, fixed("Documents"),
    back=lambda row: cb.ATTACHMENT.pack(row.id),
    done=lambda row: Position(states.DOCUMENTS),
    may_change=may_change,  # the letter is the direction's (``rename_attachment`` checks it too)
)  # fmt: skip

ENTITIES = {entity.name: entity for entity in (INDICATOR, ACTION, INVOLVEMENT, ATTACHMENT)}
BY_CODE = {entity.code: entity for entity in ENTITIES.values()}
