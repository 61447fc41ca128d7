"""Moving an installation: a SQLite backup, and a copy of every row from one database to another.

``copy_database`` is how a federation goes from the SQLite file to PostgreSQL: both schemas are
brought to the latest version, every table is copied in the order of its foreign keys (ids kept),
PostgreSQL's id sequences are set past the copied ids (so the next coop gets a new number), and
each table's row count and checksum (a SHA-256 of its rows in key order, values normalised so that
both databases spell them alike) are compared.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from pathlib import Path

from sqlalchemy import LargeBinary, Table, func, insert, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel import SQLModel

from models.db import Database, async_database_url

PG_DUMP = "pg_dump --format=custom --file=qualicoop.dump 'postgresql://user:password@host/database'"


class TransferError(ValueError):
    """A backup or a copy refused, with the reason on one line."""


@dataclass(frozen=True)
class TableCheck:
    """One table on both sides: its rows and its checksum."""

    table: str
    source_rows: int
    target_rows: int
    source_sum: str
    target_sum: str

    @property
    def same(self) -> bool:
        """Whether the copy holds exactly the source's rows."""
        return (self.source_rows, self.source_sum) == (self.target_rows, self.target_sum)


def _sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL (None for another database)."""
    parsed = make_url(async_database_url(url))
    return Path(parsed.database or "") if parsed.get_backend_name() == "sqlite" else None


JOURNALS = ("-wal", "-shm", "-journal")  # what SQLite keeps beside a database, by the name it adds


def backup_sqlite(url: str, path: str | Path) -> int:
    """A consistent copy of a live SQLite database (its online backup API); returns its size."""
    live, path = _sqlite_file(url), Path(path)
    if live is None:
        raise TransferError(f"db backup copies a SQLite file; for PostgreSQL use: {PG_DUMP}")
    if not live.is_file():
        raise TransferError(f"no SQLite database at {str(live)!r}")
    if path.exists() and path.resolve() == live.resolve():
        raise TransferError(f"{str(path)!r} is the database itself: write the backup elsewhere")
    # SQLite's files beside the database: a backup written there is taken for its journal, then deleted
    if path.resolve() in {live.resolve().with_name(live.name + end) for end in JOURNALS}:
        raise TransferError(f"{str(path)!r} is the database's own journal: write the backup elsewhere")
    if not path.parent.is_dir():
        raise TransferError(f"no folder {str(path.parent)!r}: create it first, or write the backup elsewhere")
    source, target = sqlite3.connect(live), None
    try:
        target = sqlite3.connect(str(path))
        with target:
            source.backup(target)
    except sqlite3.Error as error:  # a folder without write access, a file that is not a database
        raise TransferError(f"cannot write the backup to {str(path)!r}: {error}") from None
    finally:
        source.close()
        if target is not None:
            target.close()
    return path.stat().st_size


def tables() -> list[Table]:
    """Every table of the schema, parents before children."""
    return list(SQLModel.metadata.sorted_tables)


def _plain(value: object) -> object:
    """A value as both databases give it back, spelt one way (for checksums)."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return hashlib.sha256(bytes(value)).hexdigest()
    return value


def _batch(table: Table) -> int:
    """Rows per round trip: files one by one (20 MB each at most), other rows by hundreds."""
    return 1 if any(isinstance(c.type, LargeBinary) for c in table.columns) else 500


async def _rows(connection: AsyncConnection, table: Table):
    """The table's rows in key order, a batch at a time."""
    result = await connection.stream(select(table).order_by(*table.primary_key.columns))
    async for partition in result.mappings().partitions(_batch(table)):
        yield [dict(row) for row in partition]


async def checksum(connection: AsyncConnection, table: Table) -> tuple[int, str]:
    """(row count, SHA-256 of the rows in key order)."""
    digest, count = hashlib.sha256(), 0
    async for batch in _rows(connection, table):
        for row in batch:
            digest.update(json.dumps([_plain(row[c.name]) for c in table.columns], default=str).encode())
            count += 1
    return count, digest.hexdigest()


async def _reset_sequences(connection: AsyncConnection) -> None:
    """PostgreSQL: each id sequence continues after the largest copied id."""
    for table in tables():
        keys = list(table.primary_key.columns)
        if len(keys) != 1 or keys[0].type.python_type is not int:
            continue  # text keys (a setting's name, a file's hash) have no sequence
        await connection.execute(
            text(
                "SELECT setval(pg_get_serial_sequence(:t, :c), "
                f'COALESCE((SELECT MAX("{keys[0].name}") FROM "{table.name}"), 0) + 1, false)'
            ),
            {"t": f'"{table.name}"', "c": keys[0].name},
        )


async def copy_database(
    source_url: str, target_url: str, say: Callable[[str], None] = lambda line: None
) -> list[TableCheck]:
    """Copy every row into an empty database, then compare both sides table by table."""
    source_file = _sqlite_file(source_url)
    if source_file is not None and not source_file.is_file():  # opening it would create an empty one
        raise TransferError(f"no SQLite database at {str(source_file)!r}: check --from")
    source, target = Database(source_url), Database(target_url)
    try:
        await source.upgrade()  # an older installation first reaches the current schema
        await target.upgrade()
        async with target.engine.connect() as connection:
            for table in tables():
                if (await connection.execute(select(func.count()).select_from(table))).scalar():
                    raise TransferError(
                        f"the target database already holds {table.name} rows: copy into an empty one"
                    )
        async with source.engine.connect() as reading, target.engine.begin() as writing:
            for table in tables():
                async for batch in _rows(reading, table):
                    await writing.execute(insert(table), batch)
            if writing.dialect.name == "postgresql":
                await _reset_sequences(writing)
        checks = []
        async with source.engine.connect() as left, target.engine.connect() as right:
            for table in tables():
                (source_rows, source_sum), (target_rows, target_sum) = (
                    await checksum(left, table),
                    await checksum(right, table),
                )
                checks.append(TableCheck(table.name, source_rows, target_rows, source_sum, target_sum))
                say(f"{table.name:16} {source_rows:>8} rows  {'same' if checks[-1].same else 'DIFFERENT'}")
        return checks
    finally:
        await source.dispose()
        await target.dispose()
