"""The database of each test: a SQLite file, or a fresh PostgreSQL database when
QUALICOOP_TEST_DATABASE_URL names a server (the second run of ``.ci/run``).

On PostgreSQL each test gets its own database, cloned from a template built (and migrated) once per
session: ``CREATE DATABASE … TEMPLATE`` takes some 15 ms on the CI's tmpfs cluster, and no test can
see another's rows. The databases a test made are dropped when it ends, while the next test runs.
On SQLite each test's file is a copy of a template migrated once per session too.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import shutil
import tempfile
import threading
from concurrent.futures import Future, ThreadPoolExecutor
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
_copy_strategy: list[str] = []  # how CREATE DATABASE copies it, once asked (PostgreSQL)


class _Administrator:
    """One connection to the server as its administrator, in a thread and a loop of its own, for the
    whole session: a test's database is made without a new connection, and dropped while the next
    test runs (the server drops it in the background, in order; the session's end waits for all)."""

    def __init__(self) -> None:
        self._loop = asyncio.new_event_loop()
        threading.Thread(target=self._loop.run_forever, name="test-databases", daemon=True).start()
        self._connection = None
        self._turn = asyncio.Lock()  # one connection: one statement at a time, in the order asked
        self._pending: list[Future] = []

    def run(self, *statements: str) -> str | None:
        """The statements, in turn after what was asked before; the last one's value."""
        return self.ask(*statements).result()

    def ask(self, *statements: str, tries: int = 1) -> Future:
        """The same, without waiting for them (their errors are raised by ``finish``)."""
        future = asyncio.run_coroutine_threadsafe(self._execute(statements, tries), self._loop)
        self._pending = [*(f for f in self._pending if not f.done() or f.exception()), future]
        return future

    def finish(self) -> None:
        """Wait for everything asked; raise the first error any of it met."""
        pending, self._pending = self._pending, []
        for future in pending:
            future.result()

    async def _execute(self, statements: tuple[str, ...], tries: int) -> str | None:
        async with self._turn:
            return await self._in_turn(statements, tries)

    async def _in_turn(self, statements: tuple[str, ...], tries: int) -> str | None:
        import asyncpg

        if self._connection is None or self._connection.is_closed():
            url = make_url(POSTGRES_URL).set(drivername="postgresql").render_as_string(hide_password=False)
            self._connection = await asyncpg.connect(url)
        for attempt in range(tries):
            try:
                value = None
                for statement in statements:
                    value = await self._connection.fetchval(statement)
                return value
            except asyncpg.InsufficientPrivilegeError:  # a backend still closing (a bot process just
                if attempt == tries - 1:  # stopped) may not be ours to end yet: wait for it, a little
                    raise
                await asyncio.sleep(0.5)


_administrator: list[_Administrator] = []


def _server() -> _Administrator:
    """The session's administrator (at the first need)."""
    if not _administrator:
        _administrator.append(_Administrator())
    return _administrator[0]


def _run(coroutine):
    """Run a coroutine to its end from sync code or from inside a running loop (in a thread of its own)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def _url(database: str) -> str:
    """The server's URL, on another database."""
    return make_url(POSTGRES_URL).set(database=database).render_as_string(hide_password=False)


async def _as_admin(*statements: str) -> str | None:
    """Statements outside any transaction (CREATE and DROP DATABASE need that); the last one's value."""
    import asyncpg

    url = make_url(POSTGRES_URL).set(drivername="postgresql").render_as_string(hide_password=False)
    connection = await asyncpg.connect(url)
    try:
        value = None
        for statement in statements:
            value = await connection.fetchval(statement)
        return value
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


def _strategy() -> str:
    """How PostgreSQL 15 and later copy the template: file by file, half the time of writing it all
    through the log (their default) for a database this small; earlier servers know one way only."""
    if not _copy_strategy:
        version = int(_server().run("SHOW server_version_num"))
        _copy_strategy.append(" STRATEGY FILE_COPY" if version >= 150000 else "")
    return _copy_strategy[0]


def _sqlite_template() -> Path:
    """A migrated SQLite file every test's database is copied from (built at the first need): a copy
    costs a millisecond, creating the tables a twentieth of a conversation test."""
    if not _template:
        folder = Path(tempfile.mkdtemp(prefix="qualicoop-template-"))
        path = folder / "template.sqlite3"

        async def migrate() -> None:
            database = Database(f"sqlite:///{path}")
            await database.upgrade()
            await database.dispose()  # the log folded into the file: the copy is whole

        _run(migrate())
        _template.append(str(path))
    return Path(_template[0])


def database_url(tmp_path: Path, name: str = "test", *, empty: bool = False) -> str:
    """A new database for this test: migrated (like after a first start), or ``empty``."""
    if POSTGRES_URL is None:
        path = tmp_path / f"{name}.sqlite3"
        if not empty and not path.exists():  # the same path twice is the same database, as before
            shutil.copyfile(_sqlite_template(), path)
        return f"sqlite:///{path}"
    database = f"qc_{os.getpid()}_{next(_numbers)}"
    template = "template0" if empty else _template_name()
    _server().run(f'CREATE DATABASE "{database}" TEMPLATE "{template}"{_strategy()}')
    _made.append(database)
    return _url(database)


def drop_made(*, template: bool = False) -> None:
    """Drop the databases made since the last call (and the template at the end of the session)."""
    names = _made[:] + (_template[:] if template else [])
    _made.clear()
    if template:
        _template.clear()
    if POSTGRES_URL is None:
        for name in names:  # only the SQLite template's file: each test's is in its tmp_path
            shutil.rmtree(Path(name).parent, ignore_errors=True)
    elif names:
        _server().ask(*(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)' for name in names), tries=20)
    if template and _administrator:
        _server().finish()


def make_unreachable(url: str, tmp_file: Path | None = None) -> None:
    """The database disappears under a running bot (its file, or the whole PostgreSQL database)."""
    if POSTGRES_URL is None:
        path = Path(make_url(url).database)
        path.unlink()
        path.mkdir()  # a folder where the file was: every query fails
    else:
        _run(_as_admin(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))


class _CompiledAcrossEngines:
    """SQLAlchemy's cache of compiled statements, shared by every engine this test process opens.

    Its key names the dialect object, so each test's new engine compiled every statement again (a
    tenth of a conversation test's time). Engines of one kind on one server compile alike; the key
    names the kind instead, as ``models.sql.prepared`` already does for its own statements."""

    def __init__(self) -> None:
        from sqlalchemy.util import LRUCache

        self._cache = LRUCache(4000)

    @staticmethod
    def _key(key: tuple) -> tuple:
        dialect = key[0]
        return (type(dialect), dialect.server_version_info, *key[1:])

    def get(self, key, default=None):
        return self._cache.get(self._key(key), default)

    def __setitem__(self, key, value) -> None:
        self._cache[self._key(key)] = value


_COMPILED = _CompiledAcrossEngines()


def compiling_once(database: Database) -> Database:
    """The database, its statements compiled once for the whole test process (see above): the
    engine's, and each table's INSERT, UPDATE and DELETE (the ORM keeps those per table)."""
    from sqlmodel import SQLModel

    database.engine.sync_engine._compiled_cache = _COMPILED
    for mapper in SQLModel._sa_registry.mappers:
        if not isinstance(mapper.__dict__.get("_compiled_cache"), _CompiledAcrossEngines):
            mapper.__dict__["_compiled_cache"] = _CompiledAcrossEngines()
    return database
