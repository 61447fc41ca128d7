"""Writing the indicators of the chosen engagements and their action plans.

Like every write of the dossier, each one bumps its version and is recorded in the audit trail (through
``models.dossier.writes``); a colleague's change since the user saw a field is refused."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import and_, bindparam, exists, func
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.audit import record_change
from models.clock import utcnow
from models.dossier.reads import UNSET, LimitReached, NotYours, hold_dossier, still_there
from models.dossier.rules import INDICATOR_ASKED
from models.dossier.writes import OF_ENGAGEMENT, touch_dossier, write_field
from models.parsing.names import loose_name_key
from models.parsing.text import InputError
from models.parsing.values import STORED_VALUES, reread_value, stored_in_unit, unit_typed_with
from models.sql.prepared import Prepared, rows
from models.sql.writes import insert_row
from models.tables import Action, Dossier, EngagementChoice, Indicator
from models.values import ValueKind

INDICATOR_FIELDS = INDICATOR_ASKED  # each may be edited
ACTION_FIELDS = ("description", "owner", "due_date", "due_precision", "status", "note")
VALUES = STORED_VALUES
DROPPED = "dropped"  # an action given up (in the bilan), the reason in its note
MAX_INDICATORS_PER_ENGAGEMENT = 10
MAX_ACTIONS_PER_INDICATOR = 10

# an engagement's indicators (id, title, number; a row of NULLs for none; no row unless chosen): how many a
# new one joins, the last number, the titles it may not take; read once the dossier is held, so that two
# instances adding at once count each other's (PostgreSQL: the second waits for the first's commit)
_INDICATORS_OF = Prepared(
    select(Indicator.id, Indicator.title, Indicator.position)
    .select_from(EngagementChoice)
    .outerjoin(Indicator, and_(*OF_ENGAGEMENT))
    .where(EngagementChoice.dossier_id == bindparam("dossier"))
    .where(EngagementChoice.engagement_code == bindparam("code"))
)
_ACTIONS_OF = Prepared(
    select(
        func.count(Action.id),
        func.coalesce(func.max(Action.position), 0),
        exists().where(Indicator.id == bindparam("indicator")),
    ).where(Action.indicator_id == bindparam("indicator"))
)


class TitleTaken(InputError):
    """A title its engagement has already, as a person reads it: continued (chat) or refused (Mini App)."""

    def __init__(self, indicator: Indicator) -> None:
        super().__init__("indicator_exists", {"title": indicator.title})
        self.indicator = indicator


async def engagement_indicators(session: AsyncSession, dossier: Dossier, code: int) -> list[tuple] | None:
    """The engagement's indicators (id, title, number), None unless chosen; the dossier held, not changed."""
    await hold_dossier(session, dossier.id)
    found = await rows(session, _INDICATORS_OF, {"dossier": dossier.id, "code": code})
    return [row for row in found if row[0] is not None] if found else None


async def check_title(session: AsyncSession, indicators: list, title: str, own: int | None = None) -> None:
    """TitleTaken if another of the engagement's ``indicators`` has this title as a person reads it
    (``loose_name_key``: « taux  de vacance » is « Taux de vacance »); ``own``: the one renamed."""
    key = loose_name_key(title)
    twin = next((id_ for id_, other, _n in indicators if id_ != own and loose_name_key(other) == key), None)
    if twin is not None:
        raise TitleTaken(await session.get(Indicator, twin))


async def add_indicator(
    session: AsyncSession,
    dossier: Dossier,
    engagement_code: int,
    *,
    title: str,
    actor_id: int,
    suggested_code: str | None = None,
    value_kind: str | None = None,
    unit: str | None = None,
    target_date: date | None = None,
    now: datetime | None = None,
) -> Indicator:
    """A new indicator for a chosen engagement; TitleTaken, nothing written, for a title it has already."""
    now = now or utcnow()
    siblings = await engagement_indicators(session, dossier, engagement_code)  # a colleague's add counted
    if siblings is None:
        raise NotYours(f"engagement {engagement_code} is not chosen")
    if len(siblings) >= MAX_INDICATORS_PER_ENGAGEMENT:
        raise LimitReached(f"at most {MAX_INDICATORS_PER_ENGAGEMENT} indicators per engagement")
    await check_title(session, siblings, title)
    await touch_dossier(session, dossier, now)
    last = max((position for _id, _title, position in siblings), default=0)
    # its next question draws it in the same transaction, without reading it
    indicator = await insert_row(
        session, Indicator, dossier_id=dossier.id, engagement_code=engagement_code, position=last + 1,
        title=title, suggested_code=suggested_code, value_kind=value_kind, unit=unit, target_date=target_date,
        created_at=now, updated_at=now,
    )  # fmt: skip
    await record_change(
        session, actor_id=actor_id, coop_id=dossier.coop_id, entity="indicator", entity_id=indicator.id,
        action="create", new=title, now=now,
    )  # fmt: skip
    return indicator


async def update_indicator(
    session: AsyncSession,
    dossier: Dossier,
    indicator: Indicator,
    name: str,
    value: object,
    *,
    actor_id: int,
    expected: object = UNSET,
    now: datetime | None = None,
) -> None:
    """Set one field of an indicator; a new kind or unit clears values that no longer fit.

    Values are stored in the indicator's kind and unit: changing either clears them, values typed
    before any kind are read again in the kind chosen, the first unit keeps only the values that fit it,
    and a kind other than a number has no unit (the chat and the Mini App both rely on this rule). A
    stale change (``expected``) writes nothing; a title another indicator of the engagement has, neither.
    """
    if name not in INDICATOR_FIELDS:
        raise ValueError(f"not an indicator field: {name}")
    if name == "title":
        siblings = await engagement_indicators(session, dossier, indicator.engagement_code) or []
        await check_title(session, siblings, str(value or ""), own=indicator.id)
    now = now or utcnow()
    before = getattr(indicator, name)
    clears = name in ("value_kind", "unit") and before not in (None, value)
    fits = name == "value_kind" and value is not None and before is None
    first_unit = name == "unit" and not before and value and indicator.value_kind == ValueKind.NUMBER
    # the field itself first: a stale change (a colleague's save seen before, or while this one waited
    # for the dossier) raises StaleValue with nothing written, the dossier's version and status as they
    # were (``write_field``); what it clears or reads again follows, unless nothing was written (the
    # row held this value already, a colleague's same answer: their save cleared or read again then)
    if not await write_field(session, dossier, indicator, "indicator", name, value, expected, actor_id, now):
        return
    if clears:
        for stale in VALUES:
            await write_field(session, dossier, indicator, "indicator", stale, None, UNSET, actor_id, now)
    elif fits:
        await _fit_to_kind(session, dossier, indicator, value, actor_id, now)
    elif first_unit:
        for stale in VALUES:
            stored = getattr(indicator, stale)  # kept only if it fits the unit: 150 is no share
            if stored not in (None, "") and (fitted := stored_in_unit(stored, value)) != stored:
                await write_field(
                    session, dossier, indicator, "indicator", stale, fitted, UNSET, actor_id, now
                )
    if name == "value_kind" and value != ValueKind.NUMBER and indicator.unit:
        await write_field(session, dossier, indicator, "indicator", "unit", None, UNSET, actor_id, now)


async def _fit_to_kind(session, dossier, indicator: Indicator, kind: str, actor_id: int, now) -> None:
    """Values typed before the indicator had a kind, read again in the kind now chosen: what fits is
    stored in its form (« 12,5 % » → 12.5), what does not is cleared, so a stored value always fits
    its kind (the review, the PDF and the Mini App read it so). A number typed with a unit the indicator
    has not got (« 12,5 % ») gives it that unit, when all were typed in one: the unit is never dropped."""
    unit = indicator.unit if kind == ValueKind.NUMBER else None
    typed_in = unit_typed_with(getattr(indicator, name) for name in VALUES)
    if kind == ValueKind.NUMBER and not unit and typed_in:
        unit = typed_in
        await write_field(session, dossier, indicator, "indicator", "unit", unit, UNSET, actor_id, now)
    for name in VALUES:
        typed = getattr(indicator, name)
        if typed not in (None, ""):
            fitted = reread_value(typed, kind, unit)
            await write_field(session, dossier, indicator, "indicator", name, fitted, UNSET, actor_id, now)


async def delete_indicator(
    session: AsyncSession,
    dossier: Dossier,
    indicator: Indicator,
    *,
    actor_id: int,
    now: datetime | None = None,
) -> None:
    """Remove an indicator and its actions, the engagement's others numbered again."""
    now = now or utcnow()
    await touch_dossier(session, dossier, now)  # held first, as every change of the dossier's rows
    for action in (await session.exec(select(Action).where(Action.indicator_id == indicator.id))).all():
        await session.delete(action)
    await record_change(
        session, actor_id=actor_id, coop_id=dossier.coop_id, entity="indicator", entity_id=indicator.id,
        action="delete", old=indicator.title, now=now,
    )  # fmt: skip
    await session.delete(indicator)
    await session.flush()
    await _number_again(session, Indicator, dossier_id=dossier.id, engagement_code=indicator.engagement_code)


async def _number_again(session: AsyncSession, table: type, **where: int) -> None:
    """The rows left (an engagement's indicators, an indicator's actions) numbered 1, 2… in order, read with
    the dossier held: no hole, no number the next one added takes again (two « 2. »); older holes mended."""
    ordered = select(table).filter_by(**where).order_by(table.position, table.id)
    for n, row in enumerate((await session.exec(ordered.execution_options(populate_existing=True))).all(), 1):
        if row.position != n:
            row.position = n
    await session.flush()


async def add_action(
    session: AsyncSession,
    dossier: Dossier,
    indicator: Indicator,
    description: str,
    *,
    actor_id: int,
    now: datetime | None = None,
) -> Action:
    """A new step of an indicator's action plan."""
    now = now or utcnow()
    await touch_dossier(session, dossier, now)  # held first, as for an indicator
    siblings, last, present = (await rows(session, _ACTIONS_OF, {"indicator": indicator.id}))[0]
    if not present:
        raise NotYours(f"indicator {indicator.id} was removed")
    if siblings >= MAX_ACTIONS_PER_INDICATOR:
        raise LimitReached(f"at most {MAX_ACTIONS_PER_INDICATOR} actions per indicator")
    action = await insert_row(
        session,
        Action,
        indicator_id=indicator.id,
        position=last + 1,
        description=description,
        created_at=now,
        updated_at=now,
    )  # its next question draws it in the same transaction, without reading it
    await record_change(
        session, actor_id=actor_id, coop_id=dossier.coop_id, entity="action", entity_id=action.id,
        action="create", new=description, now=now,
    )  # fmt: skip
    return action


async def update_action(
    session: AsyncSession,
    dossier: Dossier,
    action: Action,
    name: str,
    value: object,
    *,
    actor_id: int,
    expected: object = UNSET,
    now: datetime | None = None,
) -> None:
    """Set one field of an action."""
    if name not in ACTION_FIELDS:
        raise ValueError(f"not an action field: {name}")
    await write_field(session, dossier, action, "action", name, value, expected, actor_id, now or utcnow())


async def delete_action(
    session: AsyncSession, dossier: Dossier, action: Action, *, actor_id: int, now: datetime | None = None
) -> None:
    """Remove one action of a plan, the others numbered again; NotYours, nothing written, if a colleague's
    deletion of it was committed meanwhile (``still_there``)."""
    now = now or utcnow()
    await still_there(session, dossier, Action, action.id)  # the dossier held first
    await touch_dossier(session, dossier, now)
    await record_change(
        session, actor_id=actor_id, coop_id=dossier.coop_id, entity="action", entity_id=action.id,
        action="delete", old=action.description, now=now,
    )  # fmt: skip
    await session.delete(action)
    await session.flush()
    await _number_again(session, Action, indicator_id=action.indicator_id)


async def resume_action(
    session: AsyncSession, dossier: Dossier, action: Action, status: str, *, actor_id: int, now: datetime
) -> str | None:
    """A dropped action taken up again in ``status``, its drop's reason taken off its note (kept, it would
    read as the reason of the new state); the reason taken off, or None when the action was no longer
    dropped (taken up meanwhile: by a colleague, or the same button pressed twice): nothing written. The
    dossier is held first, as ``label.bilans.drop_action`` holds it: both fields change, or neither."""
    await hold_dossier(session, dossier.id)
    await session.refresh(action)  # as a colleague's change committed meanwhile left it
    if action.status != DROPPED:
        return None
    reason = action.note or ""
    for name, value in (("status", status), ("note", None)):
        await update_action(session, dossier, action, name, value, actor_id=actor_id, now=now)
    return reason
