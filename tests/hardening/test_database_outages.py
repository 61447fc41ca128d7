"""The database goes away under a running bot (a restart, a failover, an outage): a connection the server
closed is replaced instead of failing the next person who writes, and a failure on a connection that
died is one line, not a traceback and an alert about a bug."""

from __future__ import annotations

import asyncio

from sqlalchemy import text

from models.db import Database
from tests.databases import _as_admin, _run, database_url, needs_postgres


async def backend_gone(pid: int) -> None:
    """Ends a server process (what a restart does to every connection) and waits until it is gone."""
    import asyncpg

    from tests.databases import POSTGRES_URL
    from sqlalchemy.engine import make_url

    await _as_admin(f"SELECT pg_terminate_backend({pid})")
    connection = await asyncpg.connect(make_url(POSTGRES_URL).set(drivername="postgresql").render_as_string(hide_password=False))
    try:
        while await connection.fetchval("SELECT count(*) FROM pg_stat_activity WHERE pid = $1", pid):
            await asyncio.sleep(0.02)
    finally:
        await connection.close()
    await asyncio.sleep(0.1)  # the client reads the end of its socket


@needs_postgres
async def test_a_connection_the_server_closed_is_replaced_before_it_is_used(tmp_path):
    database = Database(database_url(tmp_path))
    try:
        async with database.transaction() as session:
            pid = (await session.execute(text("SELECT pg_backend_pid()"))).scalar()
        await backend_gone(pid)  # the pool still holds that connection
        async with database.transaction() as session:
            assert (await session.execute(text("SELECT pg_backend_pid()"))).scalar() != pid
    finally:
        await database.dispose()
