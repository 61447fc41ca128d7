"""The ``schema_version`` table: each step a database went through, with its description, as
``models.db.Database.upgrade`` reads it (and checks it, whatever the version, before anything changes)."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

CREATE = text(
    "CREATE TABLE IF NOT EXISTS schema_version "
    "(version INTEGER PRIMARY KEY, description VARCHAR(200) NOT NULL)"
)
# each step, and the highest version as the database counts it: a start reads both in one statement
STAMPED = text("SELECT version, description, MAX(version) OVER () FROM schema_version")


async def read_steps(connection: AsyncConnection) -> dict[int, str]:
    """Each version stamped and its description; none when the database has no schema yet."""
    if not await connection.run_sync(lambda sync: sync.dialect.has_table(sync, "schema_version")):
        return {}
    return dict((await connection.execute(text("SELECT version, description FROM schema_version"))).all())


async def read_stamped(connection: AsyncConnection) -> tuple[dict[int, str], int | None]:
    """Each version stamped and its description, and the highest version, None if none yet (the table
    is there: ``upgrade`` made sure)."""
    rows = (await connection.execute(STAMPED)).all()
    return {version: description for version, description, _ in rows}, (rows[0][2] if rows else None)


async def read_version(connection: AsyncConnection) -> int | None:
    """The highest version stamped (the table is there), None if none yet."""
    return (await connection.execute(text("SELECT MAX(version) FROM schema_version"))).scalar()
