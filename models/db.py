"""The database: an async engine, transactions, and the schema's versioned migrations.

Migration path (decided instead of Alembic, to keep one small mechanism the team can read): a
``schema_version`` table records the applied version. A new database is created from the current
tables and stamped with every version; an existing one runs, in order, each migration of
``models.migrations.MIGRATIONS`` above its version, each in its own transaction.

Several instances may start at once: each step takes a lock (PostgreSQL's advisory lock, SQLite's
BEGIN IMMEDIATE) and reads the version again under it: one creates or migrates, the others find it done.
Before anything changes, the steps recorded are checked to be this release's (``check_known``), whatever
the version found: one another build stamped up to this release's latest is refused too.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy import event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, DisconnectionError, OperationalError
from sqlalchemy.ext.asyncio import AsyncConnection, async_sessionmaker, create_async_engine
from sqlalchemy.orm import ORMExecuteState, Session
from sqlmodel import SQLModel
from sqlmodel.ext.asyncio.session import AsyncSession

import models.tables  # noqa: F401  (registers every table in the metadata)
from models.migrations import INITIAL_SCHEMA, MIGRATIONS, SchemaVersion, unknown_schema
from models.sql import sqlite_inline
from models.sql.checkpoint import CEILING_PAGES, WalCheckpointer, sqlite_file
from models.sql.handling import mark_if_due
from models.sql.schema_version import CREATE, read_stamped, read_steps, read_version
from models.sql.urls import DatabaseUrlError, async_database_url, hidden  # noqa: F401  (models.db's too)

DEFAULT_DATABASE_URL = "sqlite:///qualicoop.sqlite3"
# the key of the PostgreSQL advisory lock held while the schema is created or migrated
SCHEMA_LOCK = 4_242_001
# seconds an upgrade waits for another process's write lock on a SQLite file (another instance upgrading)
SCHEMA_LOCK_WAIT = 60


class DatabaseUnavailable(RuntimeError):
    """The database does not answer (no server, wrong password, no database, no driver, locked) or holds
    a schema this release does not know: one line."""


def check_known(steps: dict[int, str]) -> None:
    """Refuse, before anything is changed, a schema whose tables may mean something else to this code."""
    if (refusal := unknown_schema(steps, MIGRATIONS)) is not None:
        raise DatabaseUnavailable(refusal)


def refuse_foreign_tables(connection) -> None:
    """A database with tables but no schema version is another application's (a mistyped DATABASE_URL):
    refused before a table of ours is added to it."""
    if tables := sorted(set(inspect(connection).get_table_names()) - {"schema_version"}):
        raise DatabaseUnavailable(
            f"the database holds tables of another application ({', '.join(tables[:3])}…), not Quali'Coop's: "
            "check DATABASE_URL"
        )


# Run on every new connection (foreign_keys, synchronous and busy_timeout are per connection;
# journal_mode is stored in the file, setting it again is a no-op). Chosen, not defaulted:
# - foreign_keys=ON: SQLite ignores the schema's foreign keys unless asked, per connection.
# - journal_mode=WAL: readers never block the writer nor the writer the readers, so the CLI (a
#   backup, an import) and the running bot share the file; a commit appends to the log.
# - synchronous=NORMAL: with WAL, the log is synced at checkpoints, not at each commit. A crash of
#   the process (or a kill -9) loses nothing committed: the log is in the OS's page cache and is
#   replayed at the next open. A power cut or an OS crash may lose the last commits (those since
#   the last checkpoint, a few seconds at most), never corrupt the file: the database comes back as
#   it was at an earlier commit. FULL (SQLite's default) would sync at every commit, the main cost
#   of a write on a plain disk; a server whose power matters runs PostgreSQL (DATABASE_URL).
# - busy_timeout=5000: a writer waits up to 5 s for another's write lock instead of failing at once.
SQLITE_PRAGMAS = (
    "PRAGMA foreign_keys=ON",
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=NORMAL",
    "PRAGMA busy_timeout=5000",
    f"PRAGMA wal_autocheckpoint={CEILING_PAGES}",  # the running bot checkpoints in a thread instead
)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """The pragmas above, on each new connection of the pool."""
    cursor = dbapi_connection.cursor()
    for pragma in SQLITE_PRAGMAS:
        cursor.execute(pragma)
    cursor.close()


WROTE = "qualicoop_wrote"  # in a session's info: it sent a write since its last commit or rollback
HELD = "qualicoop_held"  # in a session's info: the rows models.sql.prepared read, kept for the transaction
RAW = "qualicoop_inline"  # in a session's info: its in-loop runner (models.sql.prepared) for one transaction
CURRENT = "qualicoop_current"  # in a session's info: each coop's current dossier, read once per transaction
CHOICES = "qualicoop_choices"  # in a session's info: a dossier's chosen engagements, as the visit read them


@event.listens_for(Session, "after_flush")
def _flushed(session: Session, _context) -> None:
    """An ORM flush wrote rows: the transaction must be committed."""
    session.info[WROTE] = True


@event.listens_for(Session, "do_orm_execute")
def _executed(state: ORMExecuteState) -> None:
    """A statement through the session that is not a SELECT (insert, update, delete) writes."""
    if not state.is_select:
        state.session.info[WROTE] = True


@event.listens_for(Session, "after_transaction_end")
def _ended(session: Session, transaction) -> None:
    """Committed or rolled back: nothing written is pending any more, the connection goes back."""
    if transaction.parent is None or transaction.nested:  # a savepoint may have taken a new cycle away
        session.info.pop(CURRENT, None)
        session.info.pop(CHOICES, None)
    if transaction.parent is None:
        session.info.pop(WROTE, None)
        session.info.pop(RAW, None)
        session.info.pop(HELD, None)


def _pool_options(url: str) -> dict:
    """For a SQLite file in the loop: the connection used last goes out first (its page cache is the
    warmest), and none is rolled back again on its return (the session's own commit or rollback ended
    its transaction). PostgreSQL: a connection found closed is replaced when taken (pool_pre_ping
    would send BEGIN, a ping and ROLLBACK at every checkout: three round trips on every update's path)."""
    if make_url(url).get_backend_name() == "postgresql":
        return {"pool_events": [(_closed_by_the_server, "checkout")]}
    if make_url(url).get_driver_name() != sqlite_inline.DRIVER or sqlite_file(url) is None:
        return {}
    return {"pool_use_lifo": True, "pool_reset_on_return": None}


def _closed_by_the_server(dbapi_connection, _record, _proxy) -> None:
    """Replace a connection its server ended (a restart, a failover): asyncpg knows without a round trip."""
    if dbapi_connection._connection.is_closed():
        raise DisconnectionError("the server closed this connection")


def pending_changes(session: AsyncSession) -> bool:
    """Whether the session holds ORM changes not flushed yet (what its autoflush would write)."""
    sync = session.sync_session
    return bool(sync._new or sync._deleted or sync.identity_map.check_modified())


class Database:
    """One engine per process; every unit of work is a transaction."""

    def __init__(self, url: str = DEFAULT_DATABASE_URL) -> None:
        self.url = async_database_url(url)
        try:
            # parameters hidden from errors and echo: a bug's traceback never carries what a member typed
            self.engine = create_async_engine(self.url, hide_parameters=True, **_pool_options(self.url))
        except ModuleNotFoundError as missing:  # asyncpg is an extra: say how to get it
            raise DatabaseUnavailable(
                f"the driver for {make_url(self.url).get_backend_name()} is not installed "
                f"({missing.name}): in the bot's folder, .venv/bin/pip install -e '.[postgres]'"
            ) from None
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine.sync_engine, "connect", _sqlite_pragmas)
        # SQLite run in the loop (``models.sql.sqlite_inline``): a statement never waits on anything
        self.in_loop = self.engine.dialect.driver == sqlite_inline.DRIVER
        self._sessions = async_sessionmaker(self.engine, class_=AsyncSession, expire_on_commit=False)
        self.checkpointer = WalCheckpointer.of(self.url)  # a SQLite file's log, copied off the loop
        # transactions opened, and commits begun and done, by this process so far: what an update's
        # visit read serves the transaction right after it only if nothing came between
        self.turns = 0

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """A session committed on success if it wrote anything, and rolled back on any error."""
        session = self._sessions()
        self.turns += 1
        try:
            yield session
            if pending_changes(session):  # objects added or changed but not flushed yet are writes too
                await session.flush()
            if session.info.get(WROTE):
                mark = await mark_if_due(session)  # an update's first work commits its « handled »
                self.turns += 1  # before and after: on PostgreSQL another task runs while it is sent
                await self._commit(session)
                self.turns += 1
                if mark is not None:
                    mark.done = True
            # else it only read: no commit (the session's close rolls back, which costs nothing)
        except BaseException:
            await session.rollback()
            raise
        finally:
            if self.in_loop:  # nothing in a close waits: called as is, without a greenlet or a task
                session.sync_session.close()
            else:  # a close that waits on the network runs to its end even if we are cancelled
                await session.__aexit__(None, None, None)

    async def _commit(self, session: AsyncSession) -> None:
        """Commit a flushed session; in the loop a SQLite commit waits on nothing: no greenlet for it."""
        if self.in_loop and not pending_changes(session):
            session.sync_session.commit()
        else:
            await session.commit()

    async def schema_version(self) -> int | None:
        """The applied schema version, or None for a database never upgraded."""
        return max(await self.schema_steps(), default=None)

    async def schema_steps(self) -> dict[int, str]:
        """Each version recorded and its step's description (none for a database never upgraded)."""
        async with self.engine.connect() as connection:
            return await read_steps(connection)

    @asynccontextmanager
    async def _locked(self) -> AsyncIterator[AsyncConnection]:
        """A transaction that holds the schema lock from its first statement to its commit."""
        async with self.engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                await connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK})
            else:  # SQLite: take the write lock now, not at the first write
                await _write_lock(connection)
            yield connection

    async def upgrade(self) -> list[SchemaVersion]:
        """Bring the schema to the latest version; return the initial schema if new, else the migrations."""
        await self.check_connection()
        async with self._locked() as connection:
            await connection.execute(CREATE)
            steps, found = await read_stamped(connection)
            check_known(steps)  # a newer release's steps, another build's (even up to our latest): refused
            if found is None:
                await connection.run_sync(refuse_foreign_tables)  # another application's, never ours
                await connection.run_sync(SQLModel.metadata.create_all)
                await self._stamp(connection, [INITIAL_SCHEMA, *MIGRATIONS])
                return [INITIAL_SCHEMA]
        applied: list[SchemaVersion] = []
        for migration in (m for m in MIGRATIONS if m.version > found):  # versions only grow
            async with self._locked() as connection:
                if migration.version <= await read_version(connection):
                    continue  # done before, or by another instance while we waited for the lock
                await migration.apply(connection)
                await self._stamp(connection, [migration])
            applied.append(migration)
        return applied

    @staticmethod
    async def _stamp(connection: AsyncConnection, versions: list[SchemaVersion]) -> None:
        insert = text("INSERT INTO schema_version (version, description) VALUES (:v, :d)")
        await connection.execute(insert, [{"v": r.version, "d": r.description} for r in versions])

    async def check_connection(self) -> None:
        """One round trip, or DatabaseUnavailable saying why in one line (the password hidden)."""
        try:
            await self.ping()
        except (DBAPIError, OSError, TimeoutError) as error:
            reason = str(getattr(error, "orig", None) or error).strip().splitlines()
            url = make_url(self.url)
            where = hidden(url.set(drivername=url.get_backend_name()))
            raise DatabaseUnavailable(
                f"cannot reach the database {where}: {reason[0] if reason else type(error).__name__}"
            ) from None

    async def ping(self) -> None:
        """One round trip to the database (raises when it does not answer)."""
        async with self.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))

    async def dispose(self) -> None:
        """Close every pooled connection."""
        await self.engine.dispose()
        if self.checkpointer is not None:
            self.checkpointer.close()


async def _write_lock(connection: AsyncConnection) -> None:
    """SQLite's BEGIN IMMEDIATE; another process's write lock waited for in turns of busy_timeout, up to
    SCHEMA_LOCK_WAIT (instances started together find the upgrade done), then said in one line."""
    deadline = time.monotonic() + SCHEMA_LOCK_WAIT
    while True:
        try:
            await connection.exec_driver_sql("BEGIN IMMEDIATE")
            return
        except OperationalError as error:
            if "database is locked" not in str(error.orig):
                raise
            if time.monotonic() >= deadline:
                raise DatabaseUnavailable(
                    "the database is locked by another process (another instance upgrading it? a "
                    f"sqlite3 shell in a transaction?), still after {SCHEMA_LOCK_WAIT} s: try again "
                    "once it has finished"
                ) from None


def dialect_insert(dialect: str):
    """The dialect's INSERT, which knows ON CONFLICT; PostgreSQL's module loads only on PostgreSQL."""
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert
