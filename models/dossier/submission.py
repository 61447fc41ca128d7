"""Submitting a dossier to the committee: the last check, the freeze and the stored version."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import bindparam, update
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel.ext.asyncio.session import AsyncSession

from models.audit import record_change
from models.clock import utcnow
from models.dossier.attachments import attachments_of
from models.dossier.reads import EDITABLE, DossierError, DossierLocked, NotAllowed, read_snapshot
from models.dossier.rules import Gap, dossier_gaps
from models.referential.model import Referential
from models.sql.prepared import Prepared, written_rows
from models.tables import Attachment, Dossier, DossierStatus, DossierVersion, Member, MemberRole


class ChangedMeanwhile(DossierError):
    """A colleague's change was saved after the dossier was read for submission: nothing was submitted."""

    code = "changed_meanwhile"


class NotComplete(DossierError):
    """Rules are not met: nothing was submitted."""

    code = "not_complete"

    def __init__(self, gaps: list[Gap]) -> None:
        super().__init__(f"{len(gaps)} gaps")
        self.gaps = gaps


def dossier_content(snapshot, attachments: list[Attachment]) -> dict:
    """The whole dossier as plain data, for the stored version."""
    dossier = snapshot.dossier
    return {
        "dossier_id": dossier.id,
        "coop_id": dossier.coop_id,
        "cycle": dossier.cycle,
        "version": dossier.version,
        "engagements": sorted(snapshot.chosen),
        "indicators": [  # with their creation instant: what tells a row from a later one given its id
            {
                **indicator.model_dump(mode="json", exclude={"updated_at"}),
                "actions": [
                    a.model_dump(mode="json", exclude={"updated_at"})
                    for a in snapshot.actions_of(indicator.id)
                ],
            }
            for indicator in snapshot.indicators
        ],
        "involvement": {
            name: getattr(dossier, name)
            for name in ("approach", "staff_information", "members_information", "members_consultation")
        },
        "attachments": [
            a.model_dump(mode="json", include={"kind", "label", "file_name", "mime_type", "size", "sha256"})
            for a in attachments
        ],
    }


_DOSSIER = Dossier.__table__
_FREEZE = Prepared(
    update(_DOSSIER)
    .where(_DOSSIER.c.id == bindparam("dossier_id"), _DOSSIER.c.version == bindparam("read"))
    .values(
        version=_DOSSIER.c.version + 1,
        status=bindparam("to", DossierStatus.SUBMITTED, type_=_DOSSIER.c.status.type),
        submitted_at=bindparam("now"),
        updated_at=bindparam("now"),
    )
    .returning(_DOSSIER.c.version)
)


async def _freeze(session: AsyncSession, dossier: Dossier, now: datetime) -> None:
    """Mark the dossier submitted, unless a change was saved since it was read (its version moved).

    On PostgreSQL another instance may save a colleague's edit between the read of what is submitted
    and this write: the stored version would then miss it. The version must be the one read.
    """
    found = await written_rows(
        session, _FREEZE, {"dossier_id": dossier.id, "read": dossier.version, "now": now}
    )
    if not found:
        raise ChangedMeanwhile(f"dossier {dossier.id} changed after version {dossier.version}")
    values = {
        "version": found[0][0],
        "status": DossierStatus.SUBMITTED,
        "submitted_at": now,
        "updated_at": now,
    }
    for name, value in values.items():  # what the row says now, nothing left for the ORM to write
        set_committed_value(dossier, name, value)


async def submit_dossier(
    session: AsyncSession,
    dossier: Dossier,
    member: Member,
    referential: Referential,
    *,
    now: datetime | None = None,
) -> DossierVersion:
    """Freeze a complete dossier, asked by a direction member of its coop; store the version."""
    now = now or utcnow()
    if member.coop_id != dossier.coop_id or member.role != MemberRole.DIRECTION:
        raise NotAllowed("only the coop's direction submits")
    if dossier.status not in EDITABLE:
        raise DossierLocked("already submitted")
    snapshot = await read_snapshot(session, dossier)
    attachments = await attachments_of(session, dossier.id)
    gaps = dossier_gaps(referential, snapshot)
    if gaps:
        raise NotComplete(gaps)
    previous_status = dossier.status
    await _freeze(session, dossier, now)
    version = DossierVersion(
        dossier_id=dossier.id,
        version=dossier.version,
        submitted_by=member.user_id,
        submitted_at=now,
        content=json.dumps(dossier_content(snapshot, attachments), ensure_ascii=False),
    )
    session.add(version)
    await record_change(
        session,
        actor_id=member.user_id,
        coop_id=dossier.coop_id,
        entity="dossier",
        entity_id=dossier.id,
        action="submit",
        field="status",
        old=previous_status,
        new=DossierStatus.SUBMITTED,
        now=now,
    )
    await session.flush()
    return version
