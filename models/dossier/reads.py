"""Reading a dossier: who may see what, and the whole dossier in one snapshot.

Every access goes through the ``*_of_member`` functions, which refuse another coop's ids and, for
edits, a dossier that has been submitted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from zlib import crc32

from sqlalchemy import bindparam
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.dossier.current import current_dossier, known_choices
from models.sql.prepared import Prepared, attached, by_key, held, primary_key_first, rows
from models.tables import (
    Action,
    Attachment,
    AttachmentKind,
    AuditEntry,
    Dossier,
    DossierStatus,
    EngagementChoice,
    Indicator,
)

# A dossier the committee sent back for more information is edited and resubmitted like a draft.
# statuses in which the coop follows its progress (indicator values, action statuses)
FOLLOWED = (DossierStatus.ADMISSIBLE, DossierStatus.VISITED, DossierStatus.LABELLED)
EDITABLE = (DossierStatus.DRAFT, DossierStatus.READY, DossierStatus.INFO_REQUESTED)


class DossierError(Exception):
    """A refused dossier operation; ``code`` tells the UI which explanation to give."""

    code = "dossier_error"


class NotYours(DossierError):
    """The thing asked for does not exist or belongs to another coop (the UI says the same)."""

    code = "not_yours"


class DossierLocked(DossierError):
    """The dossier has been submitted: read-only for the coop."""

    code = "locked"


class NotRetained(DossierLocked):
    """The committee did not retain the candidacy: read-only until the direction prepares a new one."""

    code = "not_retained"


class NotAllowed(DossierError):
    """The member's role does not allow this (e.g. only the direction submits)."""

    code = "not_allowed"


class LimitReached(DossierError):
    code = "limit_reached"


class StaleValue(DossierError):
    """A colleague changed the field since the screen was drawn, to another value than the answer (the
    same one, as stored, is no conflict: the answer is taken); nothing was overwritten."""

    code = "stale"

    def __init__(self, current: object) -> None:
        super().__init__(f"the field now holds {current!r}")
        self.current = current


class ConfirmationNeeded(DossierError):
    """Removing this engagement (or indicator) would remove indicators (or actions) other than those its
    confirmation named (``seen``): the user must confirm, again if ``changed``."""

    code = "confirm"

    def __init__(self, indicators: int, actions: int, seen: int = 0, changed: bool = False) -> None:
        super().__init__(f"{indicators} indicators and {actions} actions would be removed")
        self.indicators = indicators
        self.actions = actions
        self.seen = seen  # which ones: given back with the confirmation, the drop goes only if still these
        self.changed = changed  # a confirmation was given, for other indicators or actions than these


UNSET = object()


@dataclass
class DossierSnapshot:
    """Everything of a dossier, read in one go, for the rules and the screens."""

    dossier: Dossier
    chosen: set[int]
    indicators: list[Indicator]
    actions: dict[int, list[Action]] = field(default_factory=dict)
    attachments: list[Attachment] = field(default_factory=list)

    @property
    def has_commitment_letter(self) -> bool:
        return any(a.kind == AttachmentKind.COMMITMENT_LETTER for a in self.attachments)

    def indicators_of(self, engagement_code: int) -> list[Indicator]:
        return [i for i in self.indicators if i.engagement_code == engagement_code]

    def actions_of(self, indicator_id: int) -> list[Action]:
        return self.actions.get(indicator_id, [])


# The reads of a dossier's screens, built once (building a select costs more than running it);
# each runs with the dossier's id.
_CHOSEN = Prepared(
    select(EngagementChoice.engagement_code).where(EngagementChoice.dossier_id == bindparam("dossier"))
)
_INDICATOR_COLUMNS = primary_key_first(Indicator)
_INDICATORS_AND_ACTIONS = Prepared(
    select(*_INDICATOR_COLUMNS, *primary_key_first(Action))
    .outerjoin(Action, Action.indicator_id == Indicator.id)
    .where(Indicator.dossier_id == bindparam("dossier"))
    .order_by(Indicator.engagement_code, Indicator.position, Indicator.id, Action.position, Action.id)
)
_ACTIONS = Prepared(
    select(*primary_key_first(Action))
    .where(Action.indicator_id == bindparam("indicator"))
    .order_by(Action.position, Action.id)
)
_ATTACHMENTS = Prepared(
    select(*primary_key_first(Attachment)).where(Attachment.dossier_id == bindparam("dossier"))
)


async def chosen_engagements(session: AsyncSession, dossier_id: int) -> set[int]:
    """The codes of the engagements chosen in a dossier (as the update's visit read them, if it did)."""
    known = known_choices(session, dossier_id)
    if known is not None:
        return known
    return {code for (code,) in await rows(session, _CHOSEN, {"dossier": dossier_id})}


async def actions_of(session: AsyncSession, indicator_id: int) -> list[Action]:
    """The action plan of one indicator, in order."""
    found = await rows(session, _ACTIONS, {"indicator": indicator_id})
    return [attached(session, Action, row) for row in found]


async def read_snapshot(session: AsyncSession, dossier: Dossier) -> DossierSnapshot:
    """The whole dossier with its choices, indicators and actions (indicators and actions: one join)."""
    split = len(_INDICATOR_COLUMNS)
    indicators: list[Indicator] = []
    actions: dict[int, list[Action]] = {}
    for row in await rows(session, _INDICATORS_AND_ACTIONS, {"dossier": dossier.id}):
        if not indicators or indicators[-1].id != row[0]:  # an indicator's rows come together
            indicators.append(attached(session, Indicator, row[:split]))
        if row[split] is not None:  # its actions in order
            actions.setdefault(row[0], []).append(attached(session, Action, row[split:]))
    attachments = [
        attached(session, Attachment, row)
        for row in await rows(session, _ATTACHMENTS, {"dossier": dossier.id})
    ]
    return DossierSnapshot(
        dossier, await chosen_engagements(session, dossier.id), indicators, actions, attachments
    )


async def dossier_of_member(
    session: AsyncSession, dossier_id: int, coop_id: int, *, for_edit: bool = True
) -> Dossier:
    """The dossier if it is the member's coop's (and editable when asked).

    Most often it is the coop's current dossier: read as such, the screen drawn next reads it no more.
    """
    dossier = held(session, Dossier, dossier_id) or await current_dossier(session, coop_id)
    if dossier is None or dossier.id != dossier_id:  # an earlier cycle's, or another coop's
        dossier = await by_key(session, Dossier, dossier_id)
    if dossier is None or dossier.coop_id != coop_id:
        raise NotYours(f"dossier {dossier_id} is not coop {coop_id}'s")
    if for_edit and dossier.status not in EDITABLE:
        locked = NotRetained if dossier.status == DossierStatus.REFUSED else DossierLocked
        raise locked(f"dossier {dossier_id} is {dossier.status}")
    return dossier


async def indicator_of_member(
    session: AsyncSession,
    indicator_id: int,
    coop_id: int,
    *,
    for_edit: bool = True,
    in_dossier: int | None = None,
) -> tuple[Indicator, Dossier]:
    """An indicator and its dossier, if they are the member's coop's; with ``in_dossier``, only one of that
    dossier (the one followed: an earlier cycle's, closed, is refused as another coop's is)."""
    indicator = await by_key(session, Indicator, indicator_id)
    if indicator is None:
        raise NotYours(f"no indicator {indicator_id}")
    if in_dossier is not None and indicator.dossier_id != in_dossier:
        raise NotYours(f"indicator {indicator_id} is not of dossier {in_dossier}")
    return indicator, await dossier_of_member(session, indicator.dossier_id, coop_id, for_edit=for_edit)


async def action_of_member(
    session: AsyncSession,
    action_id: int,
    coop_id: int,
    *,
    for_edit: bool = True,
    in_dossier: int | None = None,
) -> tuple[Action, Indicator, Dossier]:
    """An action with its indicator and dossier, if they are the member's coop's (and of ``in_dossier``)."""
    action = await by_key(session, Action, action_id)
    if action is None:
        raise NotYours(f"no action {action_id}")
    indicator, dossier = await indicator_of_member(
        session, action.indicator_id, coop_id, for_edit=for_edit, in_dossier=in_dossier
    )
    return action, indicator, dossier


def plan_mark(action_ids) -> int:
    """Which actions an indicator's deletion names, as one number its confirmation's button carries."""
    return crc32(repr(sorted(action_ids)).encode())


async def confirm_plan(session: AsyncSession, dossier: Dossier, indicator_id: int, seen: int) -> None:
    """ConfirmationNeeded unless the indicator's actions are still those its deletion's confirmation counted
    (``seen``: their ``plan_mark``), read with the dossier held before anything is written: a colleague's
    action added (or being added, on PostgreSQL: waited for) or deleted since is counted, asked again; the
    indicator deleted meanwhile (the same deletion twice at once), NotYours (``still_there``)."""
    await still_there(session, dossier, Indicator, indicator_id)
    found = [action.id for action in await actions_of(session, indicator_id)]
    if plan_mark(found) != seen:
        raise ConfirmationNeeded(1, len(found), plan_mark(found), changed=True)


async def hold_dossier(session: AsyncSession, dossier_id: int) -> None:
    """The dossier's row locked until the transaction ends (PostgreSQL's FOR UPDATE; SQLite has one writer):
    two changes of its rows read what the other committed, one at a time."""
    await session.exec(select(Dossier.id).where(Dossier.id == dossier_id).with_for_update())


async def still_there(session: AsyncSession, dossier: Dossier, model: type, row_id: int) -> None:
    """NotYours unless the row is still there, read with the dossier held before anything is written: a
    colleague's deletion of it committed meanwhile (the same one twice at once; on PostgreSQL, waited for)
    is not done again, and the session forgets the row, so that ``removed_meanwhile`` says it gone."""
    await hold_dossier(session, dossier.id)
    if (await session.exec(select(model.id).where(model.id == row_id))).first() is None:
        if (gone := held(session, model, row_id)) is not None:
            session.expunge(gone)
        raise NotYours(f"{model.__tablename__} {row_id} was removed meanwhile")


# the rows a colleague may remove while one answers or confirms
_REMOVABLE = {"indicator": Indicator, "action": Action, "attachment": Attachment}


async def removed_meanwhile(session: AsyncSession, entity: str, row_id: int, coop_id: int | None) -> bool:
    """Whether this row of the coop's dossier is gone (the audit names it for the coop: a colleague
    removed it since a button about it was drawn); not another coop's row, nor an id never made."""
    model = _REMOVABLE.get(entity)
    if model is None or coop_id is None or await by_key(session, model, row_id) is not None:
        return False
    entry = AuditEntry
    named = await session.exec(
        select(entry.id)
        .where(entry.entity == entity, entry.entity_id == row_id, entry.coop_id == coop_id)
        .limit(1)
    )
    return named.first() is not None


async def earlier_cycles(session: AsyncSession, coop_id: int) -> dict[int, int]:
    """The cycle of each of the coop's dossiers before its latest (the candidacy it prepares or runs now)."""
    rows = await session.exec(select(Dossier.id, Dossier.cycle).where(Dossier.coop_id == coop_id))
    return dict(sorted(rows.all(), key=lambda row: row[1])[:-1])
