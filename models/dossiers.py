"""Reading and writing a dossier: engagements, indicators, actions and the involvement part.

Every write checks that the dossier belongs to the asking member's coop and is still editable,
bumps the dossier's version, and records who changed what in the audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.audit import record_change
from models.clock import utcnow
from models.rules import INVOLVEMENT_REQUIRED
from models.tables import Action, Dossier, DossierStatus, EngagementChoice, Indicator

EDITABLE = (DossierStatus.DRAFT, DossierStatus.READY)
INDICATOR_FIELDS = (
    "title", "rationale", "value_kind", "unit", "current_value", "target_value", "target_date",
)
ACTION_FIELDS = ("description", "owner", "due_date", "due_precision", "status", "note")
INVOLVEMENT_FIELDS = INVOLVEMENT_REQUIRED
MAX_INDICATORS_PER_ENGAGEMENT = 10
MAX_ACTIONS_PER_INDICATOR = 10


class DossierError(Exception):
    """A refused dossier operation; ``code`` tells the UI which explanation to give."""

    code = "dossier_error"


class NotYours(DossierError):
    """The thing asked for does not exist or belongs to another coop (the UI says the same)."""

    code = "not_yours"


class DossierLocked(DossierError):
    """The dossier has been submitted: read-only for the coop."""

    code = "locked"


class LimitReached(DossierError):
    code = "limit_reached"


class StaleValue(DossierError):
    """A colleague changed the field since the screen was drawn; nothing was overwritten."""

    code = "stale"

    def __init__(self, current: object) -> None:
        super().__init__(f"the field now holds {current!r}")
        self.current = current


class ConfirmationNeeded(DossierError):
    """Removing this engagement would remove indicators: the user must confirm."""

    code = "confirm"

    def __init__(self, indicators: int, actions: int) -> None:
        super().__init__(f"{indicators} indicators and {actions} actions would be removed")
        self.indicators = indicators
        self.actions = actions


UNSET = object()


@dataclass
class DossierSnapshot:
    """Everything of a dossier, read in one go, for the rules and the screens."""

    dossier: Dossier
    chosen: set[int]
    indicators: list[Indicator]
    actions: dict[int, list[Action]] = field(default_factory=dict)

    def indicators_of(self, engagement_code: int) -> list[Indicator]:
        return [i for i in self.indicators if i.engagement_code == engagement_code]

    def actions_of(self, indicator_id: int) -> list[Action]:
        return self.actions.get(indicator_id, [])


async def chosen_engagements(session: AsyncSession, dossier_id: int) -> set[int]:
    """The codes of the engagements chosen in a dossier."""
    rows = await session.exec(
        select(EngagementChoice.engagement_code).where(EngagementChoice.dossier_id == dossier_id)
    )
    return set(rows)


async def actions_of(session: AsyncSession, indicator_id: int) -> list[Action]:
    """The action plan of one indicator, in order."""
    rows = await session.exec(
        select(Action).where(Action.indicator_id == indicator_id).order_by(Action.position, Action.id)
    )
    return list(rows.all())


async def read_snapshot(session: AsyncSession, dossier: Dossier) -> DossierSnapshot:
    """The whole dossier with its choices, indicators and actions."""
    indicators = list(
        (
            await session.exec(
                select(Indicator)
                .where(Indicator.dossier_id == dossier.id)
                .order_by(Indicator.engagement_code, Indicator.position, Indicator.id)
            )
        ).all()
    )
    actions: dict[int, list[Action]] = {}
    if indicators:
        rows = await session.exec(
            select(Action)
            .where(Action.indicator_id.in_([i.id for i in indicators]))
            .order_by(Action.position, Action.id)
        )
        for action in rows:
            actions.setdefault(action.indicator_id, []).append(action)
    return DossierSnapshot(dossier, await chosen_engagements(session, dossier.id), indicators, actions)


async def dossier_of_member(
    session: AsyncSession, dossier_id: int, coop_id: int, *, for_edit: bool = True
) -> Dossier:
    """The dossier if it is the member's coop's (and editable when asked)."""
    dossier = await session.get(Dossier, dossier_id)
    if dossier is None or dossier.coop_id != coop_id:
        raise NotYours(f"dossier {dossier_id} is not coop {coop_id}'s")
    if for_edit and dossier.status not in EDITABLE:
        raise DossierLocked(f"dossier {dossier_id} is {dossier.status}")
    return dossier


async def indicator_of_member(
    session: AsyncSession, indicator_id: int, coop_id: int, *, for_edit: bool = True
) -> tuple[Indicator, Dossier]:
    """An indicator and its dossier, if they are the member's coop's."""
    indicator = await session.get(Indicator, indicator_id)
    if indicator is None:
        raise NotYours(f"no indicator {indicator_id}")
    return indicator, await dossier_of_member(session, indicator.dossier_id, coop_id, for_edit=for_edit)


async def action_of_member(
    session: AsyncSession, action_id: int, coop_id: int, *, for_edit: bool = True
) -> tuple[Action, Indicator, Dossier]:
    """An action with its indicator and dossier, if they are the member's coop's."""
    action = await session.get(Action, action_id)
    if action is None:
        raise NotYours(f"no action {action_id}")
    indicator, dossier = await indicator_of_member(session, action.indicator_id, coop_id, for_edit=for_edit)
    return action, indicator, dossier


def _touch(session: AsyncSession, dossier: Dossier, now: datetime) -> None:
    """A saved change: new version; a dossier marked ready must be checked again."""
    dossier.version += 1
    dossier.updated_at = now
    if dossier.status == DossierStatus.READY:
        dossier.status = DossierStatus.DRAFT
    session.add(dossier)


async def set_engagement(
    session: AsyncSession,
    dossier: Dossier,
    code: int,
    chosen: bool,
    *,
    actor_id: int,
    confirmed: bool = False,
    now: datetime | None = None,
) -> bool:
    """Choose or drop an engagement; dropping one with indicators needs ``confirmed``."""
    now = now or utcnow()
    existing = (
        await session.exec(
            select(EngagementChoice).where(
                EngagementChoice.dossier_id == dossier.id, EngagementChoice.engagement_code == code
            )
        )
    ).first()
    if chosen == (existing is not None):
        return False
    if chosen:
        session.add(EngagementChoice(dossier_id=dossier.id, engagement_code=code, chosen_by=actor_id, chosen_at=now))
    else:
        indicators = (
            await session.exec(
                select(Indicator).where(Indicator.dossier_id == dossier.id, Indicator.engagement_code == code)
            )
        ).all()
        actions = []
        for indicator in indicators:
            actions += (await session.exec(select(Action).where(Action.indicator_id == indicator.id))).all()
        if indicators and not confirmed:
            raise ConfirmationNeeded(len(indicators), len(actions))
        for row in [*actions, *indicators, existing]:
            await session.delete(row)
    await record_change(
        session, actor_id=actor_id, coop_id=dossier.coop_id, entity="engagement", entity_id=code,
        action="choose" if chosen else "drop", now=now,
    )
    _touch(session, dossier, now)
    await session.flush()
    return True


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
    """A new indicator for a chosen engagement."""
    now = now or utcnow()
    if engagement_code not in await chosen_engagements(session, dossier.id):
        raise NotYours(f"engagement {engagement_code} is not chosen")
    siblings = (
        await session.exec(
            select(Indicator).where(
                Indicator.dossier_id == dossier.id, Indicator.engagement_code == engagement_code
            )
        )
    ).all()
    if len(siblings) >= MAX_INDICATORS_PER_ENGAGEMENT:
        raise LimitReached(f"at most {MAX_INDICATORS_PER_ENGAGEMENT} indicators per engagement")
    indicator = Indicator(
        dossier_id=dossier.id, engagement_code=engagement_code, position=len(siblings) + 1,
        title=title, suggested_code=suggested_code, value_kind=value_kind, unit=unit,
        target_date=target_date, created_at=now, updated_at=now,
    )
    session.add(indicator)
    await session.flush()
    await record_change(
        session, actor_id=actor_id, coop_id=dossier.coop_id, entity="indicator",
        entity_id=indicator.id, action="create", new=title, now=now,
    )
    _touch(session, dossier, now)
    return indicator


async def _update_field(session, dossier, row, entity, name, value, expected, actor_id, now) -> None:
    """Write one field unless a colleague changed it since the user saw it."""
    current = getattr(row, name)
    if expected is not UNSET and current != expected:
        raise StaleValue(current)
    if current == value:
        return
    setattr(row, name, value)
    if hasattr(row, "updated_at"):
        row.updated_at = now
    session.add(row)
    await record_change(
        session, actor_id=actor_id, coop_id=dossier.coop_id, entity=entity, entity_id=row.id,
        action="update", field=name, old=current, new=value, now=now,
    )
    _touch(session, dossier, now)
    await session.flush()


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
    """Set one field of an indicator; a new kind or unit clears values that no longer fit."""
    if name not in INDICATOR_FIELDS:
        raise ValueError(f"not an indicator field: {name}")
    now = now or utcnow()
    if name in ("value_kind", "unit") and getattr(indicator, name) not in (None, value):
        for stale in ("current_value", "target_value"):
            await _update_field(session, dossier, indicator, "indicator", stale, None, UNSET, actor_id, now)
    await _update_field(session, dossier, indicator, "indicator", name, value, expected, actor_id, now)


async def delete_indicator(
    session: AsyncSession, dossier: Dossier, indicator: Indicator, *, actor_id: int, now: datetime | None = None
) -> None:
    """Remove an indicator and its actions."""
    now = now or utcnow()
    for action in (await session.exec(select(Action).where(Action.indicator_id == indicator.id))).all():
        await session.delete(action)
    await record_change(
        session, actor_id=actor_id, coop_id=dossier.coop_id, entity="indicator",
        entity_id=indicator.id, action="delete", old=indicator.title, now=now,
    )
    await session.delete(indicator)
    _touch(session, dossier, now)
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
    siblings = (await session.exec(select(Action).where(Action.indicator_id == indicator.id))).all()
    if len(siblings) >= MAX_ACTIONS_PER_INDICATOR:
        raise LimitReached(f"at most {MAX_ACTIONS_PER_INDICATOR} actions per indicator")
    action = Action(
        indicator_id=indicator.id, position=len(siblings) + 1, description=description,
        created_at=now, updated_at=now,
    )
    session.add(action)
    await session.flush()
    await record_change(
        session, actor_id=actor_id, coop_id=dossier.coop_id, entity="action", entity_id=action.id,
        action="create", new=description, now=now,
    )
    _touch(session, dossier, now)
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
    await _update_field(session, dossier, action, "action", name, value, expected, actor_id, now or utcnow())


async def delete_action(
    session: AsyncSession, dossier: Dossier, action: Action, *, actor_id: int, now: datetime | None = None
) -> None:
    """Remove one action of a plan."""
    now = now or utcnow()
    await record_change(
        session, actor_id=actor_id, coop_id=dossier.coop_id, entity="action", entity_id=action.id,
        action="delete", old=action.description, now=now,
    )
    await session.delete(action)
    _touch(session, dossier, now)
    await session.flush()


async def update_involvement(
    session: AsyncSession,
    dossier: Dossier,
    name: str,
    value: str | None,
    *,
    actor_id: int,
    expected: object = UNSET,
    now: datetime | None = None,
) -> None:
    """Set one text of the approach and involvement part."""
    if name not in INVOLVEMENT_FIELDS:
        raise ValueError(f"not an involvement field: {name}")
    await _update_field(session, dossier, dossier, "dossier", name, value, expected, actor_id, now or utcnow())


async def mark_ready(
    session: AsyncSession, dossier: Dossier, *, actor_id: int, now: datetime | None = None
) -> None:
    """Record that the dossier passed every rule (the caller checked them)."""
    now = now or utcnow()
    if dossier.status == DossierStatus.READY:
        return
    dossier.status = DossierStatus.READY
    session.add(dossier)
    await record_change(
        session, actor_id=actor_id, coop_id=dossier.coop_id, entity="dossier", entity_id=dossier.id,
        action="update", field="status", old=DossierStatus.DRAFT, new=DossierStatus.READY, now=now,
    )
    await session.flush()
