"""The audit trail: who changed what and when, written with the change itself."""

from __future__ import annotations

from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from models.clock import utcnow
from models.tables import AuditEntry


def _text(value: object) -> str | None:
    return None if value is None else str(value)


async def record_change(
    session: AsyncSession,
    *,
    actor_id: int | None,
    coop_id: int | None,
    entity: str,
    entity_id: int | None,
    action: str,
    field: str | None = None,
    old: object = None,
    new: object = None,
    now: datetime | None = None,
) -> AuditEntry:
    """Add one audit entry to the session's transaction."""
    entry = AuditEntry(
        at=now or utcnow(),
        actor_id=actor_id,
        coop_id=coop_id,
        entity=entity,
        entity_id=entity_id,
        action=action,
        field=field,
        old_value=_text(old),
        new_value=_text(new),
    )
    session.add(entry)
    return entry
