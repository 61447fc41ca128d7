"""Databases of 1×, 10× and 100× the data, created by the product's schema and filled by bulk inserts.

The schema comes from ``Database.upgrade()`` (the product's own tables, indexes and migrations); the
rows go in with one ``executemany`` per table on a plain sqlite3 connection, which fills 20,000 coops
in seconds where the ORM would take minutes. Each benchmark works on a copy of a seeded file.
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from operator import itemgetter
from pathlib import Path

from sqlalchemy import create_engine
from sqlmodel import SQLModel

from benchmark.seed_rows import build, person_id
from models.clock import PARIS, paris_today, utcnow
from models.db import Database

# parents before children: the foreign keys are checked by the product's connections, not here
ORDER = (
    "coop",
    "user",
    "invitation",
    "member",
    "dossier",
    "engagementchoice",
    "indicator",
    "action",
    "checkpoint",
    "sentreminder",
    "auditentry",
)


@dataclass(frozen=True)
class Seeded:
    """A seeded database file and what the benchmarks need to know about it."""

    path: Path
    coops: int
    active: int  # the first coops, all alike, whose direction the workload plays
    sweep_at: datetime  # the sweep instant: 9:05 in Paris the day after the run
    due_reminders: int  # what a sweep at ``sweep_at`` must send, at every size
    rows: int
    seconds: float

    def user(self, member: int) -> int:
        """The Telegram id of the workload's member number ``member`` (0-based)."""
        return person_id(member + 1, 0)

    def copy_to(self, directory: Path) -> Path:
        """A private copy for one run (runs write: none may see another's changes)."""
        directory.mkdir(parents=True, exist_ok=True)
        target = directory / "qualicoop.sqlite3"
        shutil.copyfile(self.path, target)
        return target


def sweep_instant() -> datetime:
    """Tomorrow 9:05 in Paris: reminders due then are not yet due while the bots run today."""
    day = paris_today(utcnow()) + timedelta(days=1)
    return datetime.combine(day, datetime.min.time(), tzinfo=PARIS).replace(hour=9, minute=5)


async def seed(path: Path, coops: int, active: int, due_checkpoints: int) -> Seeded:
    """Create the schema with the product's migrations, then insert a whole federation at once."""
    started = time.perf_counter()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    url = f"sqlite:///{path}"
    database = Database(url)
    try:
        await database.upgrade()
    finally:
        await database.dispose()
    at = sweep_instant()
    rows = build(coops, active, due_checkpoints, at.date())
    total = _insert(path, rows.tables)
    return Seeded(
        path=path,
        coops=coops,
        active=active,
        sweep_at=at,
        due_reminders=rows.due_reminders,
        rows=total,
        seconds=time.perf_counter() - started,
    )


def _insert(path: Path, tables: dict[str, list[dict]]) -> int:
    """One executemany per table in one transaction; the journal is off while the file is built."""
    unknown = set(tables) - set(ORDER)
    if unknown:
        raise ValueError(f"rows built for tables never inserted: {sorted(unknown)}")
    engine = create_engine(f"sqlite:///{path}")
    total = 0
    try:
        with engine.connect() as connection:
            cursor = connection.connection.dbapi_connection.cursor()
            # a file being built needs no crash safety: a failed seed is simply made again
            cursor.execute("PRAGMA journal_mode=OFF")
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.execute("PRAGMA cache_size=-262144")  # 256 MB: the indexes are built in memory
            for name in ORDER:
                if tables.get(name):
                    sql, values = _statement(engine, name, tables[name])
                    cursor.executemany(sql, values)
                    total += len(values)
            connection.connection.dbapi_connection.commit()  # one transaction for every row
            cursor.execute("PRAGMA journal_mode=WAL")  # as the product leaves its files
            cursor.close()
    finally:
        engine.dispose()
    return total


def _statement(engine, name: str, rows: list[dict]) -> tuple[str, list[list]]:
    """The INSERT of a table and its rows converted by SQLAlchemy's own column types.

    SQLAlchemy's executemany converts every value through Python layers: 30 s for 20,000 coops.
    Converting with the same bind processors and handing plain lists to sqlite3 takes seconds,
    and keeps the storage formats (naive UTC datetimes, enum names) exactly the product's.
    """
    table = SQLModel.metadata.tables[name]
    columns = [table.columns[key] for key in rows[0]]
    dialect = engine.dialect
    processors = [
        (index, _memo(process))
        for index, column in enumerate(columns)
        if (process := column.type.dialect_impl(dialect).bind_processor(dialect)) is not None
    ]
    take = itemgetter(*(column.key for column in columns))
    values = []
    for row in rows:
        value = list(take(row))
        for index, process in processors:
            if value[index] is not None:
                value[index] = process(value[index])
        values.append(value)
    quote = dialect.identifier_preparer.quote
    names = ", ".join(quote(column.name) for column in columns)
    marks = ", ".join("?" for _ in columns)
    return f"INSERT INTO {quote(name)} ({names}) VALUES ({marks})", values


def _memo(process):
    """A bind processor remembering its results: a coop's rows share their few dates and enums."""
    cache: dict = {}

    def convert(value):
        """The converted value, computed once per distinct value."""
        try:
            return cache[value]
        except KeyError:
            cache[value] = converted = process(value)
            return converted

    return convert
