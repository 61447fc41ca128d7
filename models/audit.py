"""The audit trail: who changed what and when, written with the change itself."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, insert
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.clock import utcnow
from models.sql.prepared import Prepared, write
from models.tables import AuditEntry

_FIELDS = ("at", "actor_id", "coop_id", "entity", "entity_id", "action", "field", "old_value", "new_value")
# one per saved change: built once, run without the ORM (models.sql.prepared)
_INSERT = Prepared(insert(AuditEntry.__table__).values({name: bindparam(f"p_{name}") for name in _FIELDS}))


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
) -> None:
    """Write one audit entry in the session's transaction."""
    values = (now or utcnow(), actor_id, coop_id, entity, entity_id, action, field, _text(old), _text(new))
    await write(session, _INSERT, {f"p_{name}": value for name, value in zip(_FIELDS, values, strict=True)})


async def last_writer(session: AsyncSession, entity: str, entity_id: int, field: str) -> int | None:
    """Who wrote a field last (None: nobody through the audited ways, or the CLI)."""
    return await _last_actor(
        session, AuditEntry.entity == entity, AuditEntry.entity_id == entity_id, AuditEntry.field == field
    )


async def last_actor(session: AsyncSession, coop_id: int, entity: str, entity_id: int) -> int | None:
    """Who made the last audited change of one of a coop's things (an engagement chosen or dropped)."""
    return await _last_actor(
        session, AuditEntry.coop_id == coop_id, AuditEntry.entity == entity, AuditEntry.entity_id == entity_id
    )


async def _last_actor(session: AsyncSession, *where) -> int | None:
    """The actor of the last audit entry matching ``where``."""
    found = await session.exec(
        select(AuditEntry.actor_id).where(*where).order_by(AuditEntry.id.desc()).limit(1)
    )
    return found.first()
