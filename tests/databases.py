"""The database of each test: a SQLite file, or a fresh PostgreSQL database when
QUALICOOP_TEST_DATABASE_URL names a server (the second run of ``.ci/run``).

On PostgreSQL each test gets its own database, cloned from a template built (and migrated) once per
session: ``CREATE DATABASE … TEMPLATE`` takes some 30 ms on the CI's tmpfs cluster, and no test can
see another's rows. The databases a test made are dropped when it ends.
"""

from __future__ import annotations

import asyncio
import itertools
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from models.db import Database

POSTGRES_URL = os.environ.get("QUALICOOP_TEST_DATABASE_URL", "").strip() or None
needs_postgres = pytest.mark.skipif(
    POSTGRES_URL is None,
    reason="needs PostgreSQL: set QUALICOOP_TEST_DATABASE_URL (the PostgreSQL run of .ci/run does)",
)

_numbers = itertools.count()
_made: list[str] = []  # databases made since the last drop_made()
_template: list[str] = []  # the template's name, once built


def _run(coroutine):
    """Run a coroutine to its end from sync code or from inside a running loop (in a thread of its own)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def _url(database: str) -> str:
    """The server's URL, on another database."""
    return make_url(POSTGRES_URL).set(database=database).render_as_string(hide_password=False)


async def _as_admin(*statements: str) -> None:
    """Statements outside any transaction (CREATE and DROP DATABASE need that)."""
    import asyncpg

    url = make_url(POSTGRES_URL).set(drivername="postgresql").render_as_string(hide_password=False)
    connection = await asyncpg.connect(url)
    try:
        for statement in statements:
            await connection.execute(statement)
    finally:
        await connection.close()


def _template_name() -> str:
    """The migrated template every test database is cloned from (built at the first need)."""
    if not _template:
        name = f"qct_{os.getpid()}"
        _run(_as_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"'))

        async def migrate() -> None:
            database = Database(_url(name))
            await database.upgrade()
            await database.dispose()  # nobody may be connected to a template while it is cloned

        _run(migrate())
        _template.append(name)
    return _template[0]


def database_url(tmp_path: Path, name: str = "test", *, empty: bool = False) -> str:
    """A new database for this test: migrated (like after a first start), or ``empty``."""
    if POSTGRES_URL is None:
        path = tmp_path / f"{name}.sqlite3"
        return f"sqlite:///{path}"
    database = f"qc_{os.getpid()}_{next(_numbers)}"
    template = "template0" if empty else _template_name()
    _run(_as_admin(f'CREATE DATABASE "{database}" TEMPLATE "{template}"'))
    _made.append(database)
    return _url(database)


def drop_made(*, template: bool = False) -> None:
    """Drop the databases made since the last call (and the template at the end of the session)."""
    names = _made[:] + (_template[:] if template else [])
    _made.clear()
    if template:
        _template.clear()
    if POSTGRES_URL is not None and names:
        _run(_dropped(names))


async def _dropped(names: list[str], tries: int = 20) -> None:
    """Drop databases; a backend still closing (a bot process just stopped) may not be ours to end
    yet: wait for it, a little, rather than fail the test that made them."""
    import asyncpg

    for attempt in range(tries):
        try:
            await _as_admin(*(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)' for name in names))
            return
        except asyncpg.InsufficientPrivilegeError:
            if attempt == tries - 1:
                raise
            await asyncio.sleep(0.5)


def make_unreachable(url: str, tmp_file: Path | None = None) -> None:
    """The database disappears under a running bot (its file, or the whole PostgreSQL database)."""
    if POSTGRES_URL is None:
        path = Path(make_url(url).database)
        path.unlink()
        path.mkdir()  # a folder where the file was: every query fails
    else:
        _run(_as_admin(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))
