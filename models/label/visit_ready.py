"""The coop says it is ready for the committee's visit before A + 18 months (domain.md, step 4).

Said once per dossier by its direction, while the dossier is admissible and the visit not recorded:
an audit entry (the dossier's, action ``READY``), read back by the follow-up screen, the committee's
screens and the second press. No column of its own: the audit keeps who said it and when.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.audit import record_change
from models.clock import add_months, as_utc
from models.label.lifecycle import AFTER_ADMISSIBILITY, Transition, TransitionRefused
from models.tables import AuditEntry, Checkpoint, CheckpointKind, Dossier, DossierStatus

READY = "visit_ready"  # the audit's action on the dossier
READY_NEWS = "visit_ready"  # the outbox's kind: a committee member told the coop is ready
VISIT_MONTHS = dict(AFTER_ADMISSIBILITY)[CheckpointKind.VISIT]


async def ready_since(session: AsyncSession, dossier: Dossier) -> AuditEntry | None:
    """When (and by whom) the coop said this dossier was ready for the visit; None if it never did."""
    found = await session.exec(
        select(AuditEntry)
        .where(AuditEntry.coop_id == dossier.coop_id, AuditEntry.entity == "dossier")
        .where(AuditEntry.entity_id == dossier.id, AuditEntry.action == READY)
        .order_by(col(AuditEntry.id))
        .limit(1)
    )
    return found.first()


async def ready_dossiers(session: AsyncSession, dossiers: list[Dossier]) -> dict[int, datetime]:
    """For the committee's list: the dossiers among these the coop said ready, since when (aware UTC).
    One statement, through the audit's index on the coop."""
    if not dossiers:
        return {}
    rows = await session.exec(
        select(AuditEntry.entity_id, func.min(AuditEntry.at))
        .where(
            col(AuditEntry.coop_id).in_(sorted({d.coop_id for d in dossiers})), AuditEntry.entity == "dossier"
        )
        .where(col(AuditEntry.entity_id).in_([d.id for d in dossiers]), AuditEntry.action == READY)
        .group_by(AuditEntry.entity_id)
    )
    return {dossier_id: as_utc(at) for dossier_id, at in rows.all()}


async def visit_deadline(session: AsyncSession, dossier: Dossier) -> date | None:
    """The day the visit is due at the latest: its checkpoint's, else A + 18 months."""
    found = await session.exec(
        select(Checkpoint.due_on).where(
            Checkpoint.dossier_id == dossier.id, Checkpoint.kind == CheckpointKind.VISIT
        )
    )
    if (due_on := found.first()) is not None:
        return due_on
    return add_months(dossier.admissible_on, VISIT_MONTHS) if dossier.admissible_on else None


async def say_ready(
    session: AsyncSession, dossier: Dossier, *, actor_id: int, now: datetime
) -> AuditEntry | None:
    """Record that the coop is ready for the visit, unless it was said already: then that entry, and nothing
    written. The dossier's row is held first (as a committee decision holds it), so two directions
    pressing at once say it once, and a visit recorded meanwhile refuses it (``TransitionRefused``)."""
    held = await session.exec(select(Dossier.status).where(Dossier.id == dossier.id).with_for_update())
    status = held.first()
    if status != DossierStatus.ADMISSIBLE:
        raise TransitionRefused(
            "wrong_status", status, Transition.RECORD_VISIT, "no longer awaiting the visit"
        )
    if (earlier := await ready_since(session, dossier)) is not None:
        return earlier
    await record_change(
        session, actor_id=actor_id, coop_id=dossier.coop_id, entity="dossier", entity_id=dossier.id,
        action=READY, now=now,
    )  # fmt: skip
    return None
