"""Writing a dossier: what every write does, the engagements chosen and the involvement part.

Callers first get the rows through ``models.dossier.reads`` (which checks the coop and that the
dossier is editable); every write bumps the dossier's version and records who changed what in the
audit trail (``touch_dossier``, ``write_field``). The indicators and their actions are written by
``models.dossier.indicators``, the documents by ``models.dossier.attachments``.
"""

from __future__ import annotations

from datetime import datetime
from zlib import crc32

from sqlalchemy import bindparam, case, delete, update
from sqlalchemy.orm.attributes import get_history, set_committed_value
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.audit import record_change
from models.clock import paris_day_start, utcnow
from models.dossier.current import choice_changed
from models.dossier.reads import (
    EDITABLE,
    FOLLOWED,
    UNSET,
    ConfirmationNeeded,
    DossierLocked,
    NotYours,
    StaleValue,
    hold_dossier,
)
from models.dossier.rules import INVOLVEMENT_REQUIRED
from models.sql.prepared import Prepared, primary_key_first, rows, write, written_rows
from models.sql.writes import insert_or_ignore, update_row
from models.tables import Action, AuditEntry, Dossier, DossierStatus, EngagementChoice, Indicator

INVOLVEMENT_FIELDS = INVOLVEMENT_REQUIRED
BACK_TO_DRAFT = "qualicoop_back_to_draft"  # in a session's info: a change made a ready dossier a draft

_DOSSIER = Dossier.__table__
_STATUS = _DOSSIER.c.status.type  # the enum's names are stored: every status parameter is typed
_STAGE = ("s1", "s2", "s3")  # a stage's statuses, as three parameters (a fixed statement)
_TOUCH = Prepared(  # at every saved change: built once, run without the ORM (models.sql.prepared)
    update(_DOSSIER)
    .where(
        _DOSSIER.c.id == bindparam("dossier_id"),
        _DOSSIER.c.status.in_([bindparam(s, type_=_STATUS) for s in _STAGE]),
    )
    .values(
        version=_DOSSIER.c.version + 1,
        updated_at=bindparam("now"),
        status=case(  # a dossier marked ready must be checked again
            (
                _DOSSIER.c.status == bindparam("ready", DossierStatus.READY, type_=_STATUS),
                bindparam("draft", DossierStatus.DRAFT, type_=_STATUS),
            ),
            else_=_DOSSIER.c.status,
        ),
    )
    .returning(_DOSSIER.c.version, _DOSSIER.c.status)
)


async def touch_dossier(
    session: AsyncSession, dossier: Dossier, now: datetime, stage: tuple[DossierStatus, ...] | None = None
) -> None:
    """A saved change: new version; a dossier marked ready must be checked again.

    Only while the dossier is still at the stage this transaction read: a colleague's submission (or
    the committee's decision) committed meanwhile, by another instance on PostgreSQL, is not undone
    by an edit that read the dossier before it (DossierLocked: the whole edit is rolled back).
    ``stage``: the statuses allowed instead (a committee decision holds the very status it read).
    """
    if get_history(dossier, "status").has_changes():  # a transition under way: its status first
        await session.flush()
    read = dossier.status
    stage = dict(zip(_STAGE, (stage or stage_of(read)) * 3, strict=False))  # repeated to fill the three
    found = await written_rows(session, _TOUCH, {"dossier_id": dossier.id, "now": now, **stage})
    if not found:
        raise DossierLocked(f"dossier {dossier.id} is no longer {read}")
    version, status = found[0]
    if read == DossierStatus.READY and DossierStatus(status) == DossierStatus.DRAFT:
        session.info[BACK_TO_DRAFT] = True  # to be marked ready again: the person making the change is told
    # the object says what the row says now, with nothing left for the ORM to write
    for name, value in (("version", version), ("updated_at", now), ("status", DossierStatus(status))):
        set_committed_value(dossier, name, value)


def back_to_draft(session: AsyncSession) -> bool:
    """Whether this transaction made a dossier marked ready a draft again; taken by the answer saying it."""
    return bool(session.info.pop(BACK_TO_DRAFT, False))


def stage_of(status: DossierStatus) -> tuple[DossierStatus, ...]:
    """The statuses among which a dossier's rows may be changed as when it was read."""
    return next((stage for stage in (EDITABLE, FOLLOWED) if status in stage), (status,))


async def write_field(session, dossier, row, entity, name, value, expected, actor_id, now) -> bool:
    """Write one field unless a colleague changed it since the user saw it (then nothing is written);
    whether it was written: not when it holds this very value already, a colleague's same answer too."""
    current = getattr(row, name)
    if current == value:  # the same stored form (« 12,5 » and « 12.5 »): no conflict, nothing to record
        return False
    if expected is not UNSET and current != expected:
        raise StaleValue(current)
    changes = {name: value, "updated_at": now} if hasattr(row, "updated_at") else {name: value}
    if expected is not UNSET:  # written only if still what was read: a colleague may have saved it since
        if not await write_unless_changed(session, dossier, row, name, current, changes):
            return False  # the colleague saved this very value: theirs is the one change the audit shows
        await touch_dossier(session, dossier, now)  # a refused save leaves the dossier as it was
    else:  # the dossier held first, as by every change: one order of locks, no two changes wait on each other
        await touch_dossier(session, dossier, now)
        if not await update_row(session, row, **changes):  # removed by a colleague since it was read
            raise NotYours(f"{entity} {row.id} is gone")
    await record_change(
        session, actor_id=actor_id, coop_id=dossier.coop_id, entity=entity, entity_id=row.id,
        action="update", field=name, old=current, new=value, now=now,
    )  # fmt: skip
    return True


_FIELD_NOW: dict[tuple[type, str], Prepared] = {}  # per table and field: what a row holds now
# what a field's value is read in: the same text in another kind or unit is another value
_READ_IN = {(Indicator, name): ("value_kind", "unit") for name in ("current_value", "target_value")}


async def write_unless_changed(session: AsyncSession, dossier, row, name: str, seen: object, changes) -> bool:
    """One UPDATE of the row, only while its field still holds ``seen`` (StaleValue with what it holds
    now, NotYours for a row removed since), the dossier held first by the same statement: on
    PostgreSQL a colleague's save, committed while this one waited for the dossier, is seen, not
    overwritten. Whether it wrote: not when the colleague saved this very value, in the same terms.
    Nothing of the dossier changes here: the caller touches it once the row is written."""
    if await update_row(session, row, unless_changed=(name, seen), holding=dossier, **changes):
        return True
    model, terms = type(row), _READ_IN.get((type(row), name), ())
    reread = _FIELD_NOW.get((model, name))  # the rare conflict only: what the colleague saved, or nothing
    if reread is None:
        key, columns = primary_key_first(model)[0], [model.__table__.c[c] for c in (name, *terms)]
        reread = _FIELD_NOW[(model, name)] = Prepared(select(*columns).where(key == bindparam("row_key")))
    found = await rows(session, reread, {"row_key": row.id})
    if not found:
        raise NotYours(f"{model.__table__.name} {row.id} is gone")
    same_terms = list(found[0][1:]) == [getattr(row, term) for term in terms]
    for column, held in zip((name, *terms), found[0], strict=True):  # as the row holds it now, for the box
        set_committed_value(row, column, held)
    if found[0][0] == changes[name] and same_terms:
        return False
    raise StaleValue(found[0][0])


# an engagement's indicators in a dossier: their number when one is added (``models.dossier.indicators``),
# what a drop of the engagement removes
OF_ENGAGEMENT = (Indicator.dossier_id == bindparam("dossier"), Indicator.engagement_code == bindparam("code"))
# what dropping an engagement removes, each indicator with its actions: read for the confirmation, then
# read again with the dossier held, and deleted only if still what was confirmed
_PLANS_OF = Prepared(
    select(Indicator.id, Action.id)
    .outerjoin(Action, Action.indicator_id == Indicator.id)
    .where(*OF_ENGAGEMENT)
)
_DROP_ACTIONS = Prepared(
    delete(Action).where(col(Action.indicator_id).in_(select(Indicator.id).where(*OF_ENGAGEMENT)))
)
_DROP_INDICATORS = Prepared(delete(Indicator).where(*OF_ENGAGEMENT).returning(Indicator.id))
_DROP_CHOICE = Prepared(
    delete(EngagementChoice).where(
        EngagementChoice.dossier_id == bindparam("dossier"),
        EngagementChoice.engagement_code == bindparam("code"),
    )
)


def forget_plans(session: AsyncSession, indicator_ids: set[int]) -> None:
    """The session's objects of the indicators (and their actions) a drop deleted without the ORM: a
    screen drawn after must not find them."""
    gone = [
        row for row in session.sync_session.identity_map.values()
        if (isinstance(row, Indicator) and row.id in indicator_ids)
        or (isinstance(row, Action) and row.indicator_id in indicator_ids)
    ]  # fmt: skip
    for row in gone:
        session.expunge(row)


async def set_engagement(
    session: AsyncSession,
    dossier: Dossier,
    code: int,
    chosen: bool,
    *,
    actor_id: int,
    confirmed: bool = False,
    seen: int | None = None,
    now: datetime | None = None,
) -> bool:
    """Choose or drop an engagement; dropping one with indicators needs ``confirmed`` with ``seen``
    (``ConfirmationNeeded.seen``): that they are still those the confirmation named."""
    now = now or utcnow()
    if chosen:  # inserted unless already there (a second tap, a colleague): no look first
        chosen_now = await insert_or_ignore(
            session, EngagementChoice, ("dossier_id", "engagement_code"),
            dossier_id=dossier.id, engagement_code=code, chosen_by=actor_id, chosen_at=now,
        )  # fmt: skip
        choice_changed(session, dossier.id, code, True)  # chosen now, by this or by a colleague
        if not chosen_now:
            return False
    elif not await drop_engagement(session, dossier, code, confirmed, seen, now):
        return False
    await record_change(
        session, actor_id=actor_id, coop_id=dossier.coop_id, entity="engagement", entity_id=code,
        action="choose" if chosen else "drop", now=now,
    )  # fmt: skip
    if chosen:
        await touch_dossier(session, dossier, now)
    return True


async def drop_engagement(session: AsyncSession, dossier: Dossier, code: int, confirmed, seen, now) -> bool:
    """Drop a chosen engagement with its plans, as ``set_engagement`` asks; whether it was still chosen.
    The dossier held first (PostgreSQL; SQLite has one writer), a colleague's new indicator or action,
    committed meanwhile, is read too: a confirmation that did not name it is asked again (nothing written)."""
    where = {"dossier": dossier.id, "code": code}
    if (await session.connection()).dialect.name == "postgresql":  # aiosqlite: a stale read's write fails
        await hold_dossier(session, dossier.id)
    found = await rows(session, _PLANS_OF, where)
    indicators = sorted({indicator for indicator, _ in found})
    actions = sorted(action for _, action in found if action is not None)
    now_seen = crc32(repr((indicators, actions)).encode())  # which ones, as one number a screen keeps
    # a confirmation without ``seen`` (an older page, a forged request) confirms nothing it could name
    if indicators and (not confirmed or seen != now_seen):
        raise ConfirmationNeeded(len(indicators), len(actions), now_seen, changed=confirmed)
    dropped_now = await write(session, _DROP_CHOICE, where) == 1  # no look first, as a choice
    choice_changed(session, dossier.id, code, False)  # dropped now, by this or by a colleague
    if not dropped_now:
        return False
    await touch_dossier(session, dossier, now)
    await write(session, _DROP_ACTIONS, where)
    forget_plans(session, {key for (key,) in await written_rows(session, _DROP_INDICATORS, where)})
    return True


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
    await write_field(session, dossier, dossier, "dossier", name, value, expected, actor_id, now or utcnow())


async def mark_ready(
    session: AsyncSession, dossier: Dossier, *, actor_id: int, now: datetime | None = None
) -> None:
    """Record that a draft passed every rule (the caller checked them); a dossier the committee asked
    more of stays INFO_REQUESTED (listed, read, counted so) until the direction submits it again."""
    now = now or utcnow()
    if dossier.status != DossierStatus.DRAFT:
        return
    previous = dossier.status
    dossier.status = DossierStatus.READY
    session.add(dossier)
    await record_change(
        session, actor_id=actor_id, coop_id=dossier.coop_id, entity="dossier", entity_id=dossier.id,
        action="update", field="status", old=previous, new=DossierStatus.READY, now=now,
    )  # fmt: skip
    await session.flush()


LETTER_ASKED = "ask_letter"  # the audit's action: a member asked the direction for the commitment letter


async def ask_for_letter(
    session: AsyncSession, dossier: Dossier, *, actor_id: int, now: datetime
) -> AuditEntry | None:
    """Record that a member asked the direction for the letter, unless someone did this day (Paris time):
    that request is returned, nothing written. The dossier held meanwhile, two asking at once make one."""
    since = paris_day_start(now)
    await hold_dossier(session, dossier.id)
    earlier = await session.exec(
        select(AuditEntry)
        .where(AuditEntry.entity == "dossier", AuditEntry.entity_id == dossier.id)
        .where(AuditEntry.action == LETTER_ASKED, AuditEntry.at >= since)
        .order_by(col(AuditEntry.id).desc())
        .limit(1)
    )
    if (found := earlier.first()) is not None:
        return found
    await record_change(
        session, actor_id=actor_id, coop_id=dossier.coop_id, entity="dossier", entity_id=dossier.id,
        action=LETTER_ASKED, now=now,
    )  # fmt: skip
    return None
