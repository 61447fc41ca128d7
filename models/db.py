"""The database: an async engine, transactions, and the schema's versioned migrations.

Migration path (decided instead of Alembic, to keep one small mechanism the team can read): a
``schema_version`` table records the applied version. A new database is created from the current
tables and stamped with every version; an existing one runs, in order, each migration of
``MIGRATIONS`` above its version, each in its own transaction. A schema change therefore means: edit
``models/tables/`` *and* append a migration that brings an existing database to the same shape.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass

from sqlalchemy import event, text
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection, async_sessionmaker, create_async_engine
from sqlmodel import SQLModel
from sqlmodel.ext.asyncio.session import AsyncSession

import models.tables  # noqa: F401  (registers every table in the metadata)

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///qualicoop.sqlite3"


@dataclass(frozen=True)
class SchemaVersion:
    """A version of the schema, as recorded in ``schema_version``."""

    version: int
    description: str


@dataclass(frozen=True)
class Migration(SchemaVersion):
    """A version reached by a step that brings a database from the version before to this one."""

    apply: Callable[[AsyncConnection], Awaitable[None]]


def _tables_created(*names: str) -> Callable[[AsyncConnection], Awaitable[None]]:
    """A migration that adds new tables, as the models define them."""

    async def apply(connection: AsyncConnection) -> None:
        tables = [SQLModel.metadata.tables[name] for name in names]
        await connection.run_sync(lambda sync: SQLModel.metadata.create_all(sync, tables=tables))

    return apply


def _columns_added(table: str, columns: dict[str, str]) -> Callable[[AsyncConnection], Awaitable[None]]:
    """A migration that adds nullable columns (name -> SQL type) to an existing table."""

    async def apply(connection: AsyncConnection) -> None:
        existing = await connection.run_sync(
            lambda sync: {c["name"] for c in sa_inspect(sync).get_columns(table)}
        )
        quote = connection.dialect.identifier_preparer.quote  # « user » is reserved in PostgreSQL
        for name, sql_type in columns.items():
            if name not in existing:
                await connection.execute(
                    text(f"ALTER TABLE {quote(table)} ADD COLUMN {quote(name)} {sql_type}")
                )

    return apply


def _enum_values_added(
    type_name: str, values: tuple[str, ...]
) -> Callable[[AsyncConnection], Awaitable[None]]:
    """PostgreSQL keeps enums as types: new values must be added (SQLite stores plain text)."""

    async def apply(connection: AsyncConnection) -> None:
        if connection.dialect.name == "postgresql":
            for value in values:
                await connection.execute(text(f"ALTER TYPE {type_name} ADD VALUE IF NOT EXISTS '{value}'"))

    return apply


def _steps(
    *steps: Callable[[AsyncConnection], Awaitable[None]],
) -> Callable[[AsyncConnection], Awaitable[None]]:
    async def apply(connection: AsyncConnection) -> None:
        for step in steps:
            await step(connection)

    return apply


# Where every database starts. It has no step: a new database is created from the current tables and
# stamped with every version, so no database is ever migrated to version 1.
INITIAL_SCHEMA = SchemaVersion(1, "initial schema")
# Append only.
MIGRATIONS: tuple[Migration, ...] = (
    Migration(2, "submitted dossier versions", _tables_created("dossierversion")),
    Migration(
        3,
        "label lifecycle, checkpoints and reminders",
        _steps(
            _enum_values_added(
                "dossierstatus", ("INFO_REQUESTED", "REFUSED", "ADMISSIBLE", "VISITED", "LABELLED", "RENEWED")
            ),
            _columns_added("dossier", {"admissible_on": "DATE", "labelled_on": "DATE"}),
            _columns_added("indicator", {"baseline_value": "VARCHAR(300)"}),
            _tables_created("checkpoint", "sentreminder"),
        ),
    ),
    Migration(
        4,
        "announcements, deliveries and answers",
        _steps(
            _columns_added("user", {"announcements": "BOOLEAN NOT NULL DEFAULT TRUE"}),
            _tables_created("announcement", "delivery", "rsvp"),
        ),
    ),
    Migration(
        5,
        "delivery claims and the notification outbox",
        _steps(
            _enum_values_added("deliverystatus", ("SENDING", "UNCERTAIN")),
            _tables_created("notification"),
        ),
    ),
    Migration(
        6,
        "typed parts waiting to be joined, and Mini App sessions",
        _tables_created("textpart", "appsession"),
    ),
    # ---- issue 14: the federation's commitments (consultations, requests, bilans, sharing, erasure) ----
    Migration(
        7,
        "consultations, requests to the federation, bilans d'étape, shared practices, former members",
        _tables_created(
            "consultation",
            "consultationanswer",
            "consultationaccess",
            "requestthread",
            "requestmessage",
            "progressreport",
            "practicesharing",
            "formermember",
        ),
    ),
)
LATEST_VERSION = MIGRATIONS[-1].version


class DatabaseUrlError(ValueError):
    """The DATABASE_URL cannot be used."""


def async_database_url(url: str) -> str:
    """Accept the usual URL spellings and pick the async driver for them."""
    try:
        parsed = make_url(url)
    except Exception as error:  # sqlalchemy raises ArgumentError with its own wording
        raise DatabaseUrlError(f"not a database URL: {url!r}") from error
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        parsed = parsed.set(drivername="sqlite+aiosqlite")
    elif backend in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+asyncpg")
    else:
        raise DatabaseUrlError(f"unsupported database {backend!r}: use sqlite or postgresql")
    return parsed.render_as_string(hide_password=False)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """Foreign keys on, and WAL so the CLI and the running bot can share the file."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


class Database:
    """One engine per process; every unit of work is a transaction."""

    def __init__(self, url: str = DEFAULT_DATABASE_URL) -> None:
        self.url = async_database_url(url)
        self.engine = create_async_engine(self.url)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine.sync_engine, "connect", _sqlite_pragmas)
        self._sessions = async_sessionmaker(self.engine, class_=AsyncSession, expire_on_commit=False)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """A session committed on success and rolled back on any error."""
        async with self._sessions() as session:
            try:
                yield session
                await session.commit()
            except BaseException:
                await session.rollback()
                raise

    async def schema_version(self) -> int | None:
        """The applied schema version, or None for a database never upgraded."""
        async with self.engine.connect() as connection:
            exists = await connection.run_sync(lambda sync: sync.dialect.has_table(sync, "schema_version"))
            if not exists:
                return None
            result = await connection.execute(text("SELECT MAX(version) FROM schema_version"))
            return result.scalar()

    async def upgrade(self) -> list[SchemaVersion]:
        """Bring the schema to the latest version; return the initial schema if new, else the migrations."""
        current = await self.schema_version()
        async with self.engine.begin() as connection:
            await connection.execute(
                text(
                    "CREATE TABLE IF NOT EXISTS schema_version ("
                    "version INTEGER PRIMARY KEY, description VARCHAR(200) NOT NULL)"
                )
            )
        if current is None:
            async with self.engine.begin() as connection:
                await connection.run_sync(SQLModel.metadata.create_all)
                await self._stamp(connection, [INITIAL_SCHEMA, *MIGRATIONS])
            return [INITIAL_SCHEMA]
        applied: list[SchemaVersion] = []
        for migration in MIGRATIONS:
            if migration.version <= current:
                continue
            async with self.engine.begin() as connection:
                await migration.apply(connection)
                await self._stamp(connection, [migration])
            applied.append(migration)
        return applied

    @staticmethod
    async def _stamp(connection: AsyncConnection, versions: list[SchemaVersion]) -> None:
        for reached in versions:
            await connection.execute(
                text("INSERT INTO schema_version (version, description) VALUES (:v, :d)"),
                {"v": reached.version, "d": reached.description},
            )

    async def ping(self) -> None:
        """One round trip to the database (raises when it does not answer)."""
        async with self.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))

    async def dispose(self) -> None:
        """Close every pooled connection."""
        await self.engine.dispose()
