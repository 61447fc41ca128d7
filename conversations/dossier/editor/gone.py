"""A button about an indicator, an action or a file a colleague removed meanwhile: said, and a way on.

A question's buttons (a kind, a unit, a ready answer, « ✅ Keep », « ⬅️ Back ») and the indicator's and
action's own name their row, and a file's; once it is gone they are told so in its own words (« this
action was deleted meanwhile, perhaps by a colleague »: a button pressed answered nothing) and shown the
indicators' overview (a file: « 📎 Documents »), instead of an alert about another coop's dossier on a
screen that leads nowhere. A button naming a row the coop never had (another coop's, forged) is still
refused as such. A text typed on those screens is told what a typed answer is told (« what you were
answering has been removed… ») and led on alike (``ui.left.WHEN_GONE``), not home unsaid.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.dossier.editor.entities import BY_CODE, Entity
from conversations.dossier.editor.removal import with_draft_again
from conversations.render.fields import FieldSpec
from conversations.render.html import e
from conversations.ui import states
from conversations.ui.common import answer_refusal, handing_back
from conversations.ui.context import QualiContext
from conversations.ui.left import WHEN_GONE, WhenGone
from conversations.ui.router import Action, Step
from locales import N_
from models.chat_state import Position, load_position
from models.db import WROTE
from models.dossier.reads import NotYours, removed_meanwhile

Target = Callable[[QualiContext, AsyncSession, tuple], Awaitable[tuple[object, object]]]
Held = Callable[[QualiContext, AsyncSession], Awaitable[str]]  # a typed text the position holds


def or_removed(action: Action, target: Target, held: Held | None = None) -> Action:
    """The button's action; for its row (``target``: entity name and id) removed meanwhile, said and
    the overview, and what the user typed that the position holds (``held``: the conflict box's answer,
    stored nowhere) given back whole below it. Only before anything was written: a row removed during the
    write is refused whole. A change it made to a dossier marked ready (a deletion) says the dossier is a
    draft again."""

    async def act(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
        try:
            step = await action(context, session, args)
        except NotYours:
            if session.info.get(WROTE):
                raise
            entity, row_id = await target(context, session, args)
            if not isinstance(row_id, int) or not await removed_meanwhile(
                session, str(entity), row_id, context.coop_id
            ):
                raise
            notice = "⚠️ " + e(gone_words(context, str(entity)))
            typed = await held(context, session) if held is not None else ""
            return Step(
                Position(led_to(str(entity))), notice, after=handing_back(typed) if typed.strip() else None
            )
        return replace(step, notice=with_draft_again(context.t, session, step.notice))

    act.__doc__ = action.__doc__
    return act


# a file removed meanwhile leads to the documents' list (an indicator or an action: the indicators' overview),
# each told in its own words: a button pressed answered nothing (else what a typed answer is told)
LED_TO = {"attachment": states.DOCUMENTS}
GONE_WORDS = {
    "attachment": N_("This document was removed from the dossier meanwhile, perhaps by a colleague."),
    "indicator": N_("This indicator was removed from the dossier meanwhile, perhaps by a colleague."),
    "action": N_("This action was deleted meanwhile, perhaps by a colleague."),
}


def led_to(entity: str) -> str:
    """The screen a button or a text about a row removed meanwhile leads to."""
    return LED_TO.get(entity, states.OVERVIEW)


def gone_words(context: QualiContext, entity: str) -> str:
    """What a button about a row removed meanwhile is told (plain text): a typed answer's words, or the
    file's own."""
    said = GONE_WORDS.get(entity)
    return context._(said) if said else answer_refusal(context, NotYours.code)


def row(entity: str, index: int = 0) -> Target:
    """The row a button names by its argument at ``index``."""

    async def named(context: QualiContext, session: AsyncSession, args: tuple) -> tuple[object, object]:
        return entity, args[index]

    return named


async def field_row(context: QualiContext, session: AsyncSession, args: tuple) -> tuple[object, object]:
    """The row of a field's button (✏️, « ⬅️ Back » and « ✏️ Correct » in the wizard): entity code, id."""
    return BY_CODE[args[0]].name, args[1]


async def asked_row(context: QualiContext, session: AsyncSession, args: tuple) -> tuple[object, object]:
    """The row of the question the user is at (a ready answer, « ✅ Keep », the unit's too)."""
    position = await load_position(session, context.visitor.user.id)
    chosen = choice_asked(position.screen)  # a choice's screen names no entity: its field's does
    return position.data.get("e") or (chosen[0].name if chosen else None), position.data.get("id")


def choice_asked(screen: str) -> tuple[Entity, FieldSpec] | None:
    """The entity and field a choice's screen asks (the unit's), read in the fields' tables; None else."""
    fields = ((entity, spec) for entity in BY_CODE.values() for spec in entity.fields)
    return next(((entity, spec) for entity, spec in fields if spec.choice == screen), None)


def overview_once_removed(entity: str) -> WhenGone:
    """Where a text typed on a screen about one row (``data["id"]``) leads once a colleague removed it:
    the indicators' overview (a file's: the documents), as its buttons do (None while the row is there,
    or another coop's)."""

    async def led_on(context: QualiContext, session: AsyncSession, data: dict) -> Position | None:
        row_id = data.get("id")
        removed = isinstance(row_id, int) and await removed_meanwhile(
            session, entity, row_id, context.coop_id
        )
        return Position(led_to(entity)) if removed else None

    return led_on


# the screens of buttons about one indicator or action (the kind question, their own screens)
WHEN_GONE.update(
    dict.fromkeys(
        (states.KIND, states.INDICATOR, states.DELETE_INDICATOR), overview_once_removed("indicator")
    )
    | dict.fromkeys((states.ACTION, states.DELETE_ACTION), overview_once_removed("action"))
    | dict.fromkeys((states.ATTACHMENT, states.REMOVE_ATTACHMENT), overview_once_removed("attachment"))
)
