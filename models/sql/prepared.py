"""Statements built once and run on the in-loop SQLite connection without SQLAlchemy's machinery.

The profile of an update (issue 12): SQLite answers the visitor's query in 13 µs; SQLAlchemy takes
160 µs to run the same compiled statement through its Core (execution context, result objects, a
greenlet switch) and 440 µs through the ORM (loading four entities). A handful of statements run at
nearly every update, so they are compiled once per dialect, here, and on the in-loop SQLite
(``models.sql.sqlite_inline``) handed straight to ``sqlite3`` on the session's own connection, inside the
session's transaction, with SQLAlchemy's own type conversions (its bind and result processors) and
its ``before_cursor_execute`` listeners called (so statements stay counted). Anywhere else
(PostgreSQL, aiosqlite) the same statement runs through SQLAlchemy's Core.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from weakref import WeakSet

from sqlalchemy import bindparam, exc, select
from sqlalchemy.engine import Dialect
from sqlalchemy.orm.attributes import instance_state
from sqlalchemy.orm.util import identity_key
from sqlalchemy.pool import QueuePool
from sqlalchemy.sql import Executable
from sqlmodel.ext.asyncio.session import AsyncSession

from models.db import HELD, RAW, WROTE, pending_changes
from models.sql import sqlite_inline


@dataclass(frozen=True)
class _Fixed:
    """A value written in the statement itself (``version + 1``): no parameter gives it."""

    value: Any


def _converted(value: Any, convert: Callable | None) -> Any:
    """A parameter as the driver takes it."""
    return value if convert is None else convert(value)


@dataclass(frozen=True)
class _Compiled:
    """A statement compiled for one dialect, with the conversions SQLAlchemy would apply."""

    sql: str
    compiled: Any
    binds: tuple[tuple[str | _Fixed, Callable | None], ...]  # in order: the parameter's name (or its
    # value, written in the statement), with SQLAlchemy's processor
    results: tuple[Callable | None, ...]  # per result column


class Prepared:
    """A Core statement (or a builder taking the dialect's ``insert``) compiled once per dialect."""

    def __init__(self, statement: Executable | Callable[[str], Executable]) -> None:
        self._statement = statement
        self._by_dialect: dict[str, tuple[Executable, _Compiled]] = {}

    def for_dialect(self, dialect: Dialect) -> tuple[Executable, _Compiled]:
        """The statement and its compiled form for ``dialect`` (built at its first use)."""
        found = self._by_dialect.get(dialect.name)
        if found is None:
            statement = self._statement
            if not isinstance(statement, Executable):
                statement = statement(dialect.name)
            found = self._by_dialect[dialect.name] = (statement, _compile(statement, dialect))
        return found


def _compile(statement: Executable, dialect: Dialect) -> _Compiled:
    """The SQL text, its parameters in order and the type conversions of both directions."""
    compiled = statement.compile(dialect=dialect)
    processors = compiled._bind_processors  # SQLAlchemy's own, as its execution applies them
    by_name = {name: bind for bind, name in compiled.bind_names.items()}
    binds = tuple(
        (
            by_name[name].key if by_name[name].required else _Fixed(by_name[name].effective_value),
            processors.get(name),
        )
        for name in compiled.positiontup or ()
    )
    results = tuple(column[3]._cached_result_processor(dialect, None) for column in compiled._result_columns)
    return _Compiled(str(compiled), compiled, binds, results)


async def rows(session: AsyncSession, prepared: Prepared, params: dict[str, Any]) -> list[tuple]:
    """The rows a SELECT (or a RETURNING) gives, converted as SQLAlchemy would."""
    run = await _runner(session)
    if run is None:
        return [tuple(row) for row in await _through_core(session, prepared, params)]
    compiled, found = run(prepared, params)
    found = found.fetchall()
    if not any(compiled.results):
        return found
    pairs = tuple(enumerate(compiled.results))
    return [tuple(row[i] if convert is None else convert(row[i]) for i, convert in pairs) for row in found]


async def write(session: AsyncSession, prepared: Prepared, params: dict[str, Any]) -> int:
    """Run an INSERT, UPDATE or DELETE in the session's transaction; the number of rows it touched."""
    session.info[WROTE] = True  # the transaction has a write to commit (models.db)
    run = await _runner(session)
    if run is None:
        return (await _through_core(session, prepared, params)).rowcount
    return run(prepared, params)[1].rowcount


async def written_rows(session: AsyncSession, prepared: Prepared, params: dict[str, Any]) -> list[tuple]:
    """The rows an INSERT, UPDATE or DELETE … RETURNING gives, in the session's transaction."""
    session.info[WROTE] = True
    return await rows(session, prepared, params)


async def _through_core(session: AsyncSession, prepared: Prepared, params: dict[str, Any]):
    """Off the in-loop SQLite: the same statement, through SQLAlchemy's Core, in the session's transaction."""
    connection = await session.connection()
    return await connection.execute(prepared.for_dialect(connection.dialect)[0], params)


class _Inline:
    """The session's sqlite3 connection for its current transaction, and what a statement needs."""

    def __init__(self, connection) -> None:
        self.sync = connection
        self.dialect = connection.dialect
        self.raw = connection.connection.driver_connection

    def __call__(self, prepared: Prepared, params: dict[str, Any]) -> tuple[_Compiled, sqlite3.Cursor]:
        """Execute as SQLAlchemy's pysqlite dialect would: same SQL, same conversions, same errors."""
        compiled = prepared.for_dialect(self.dialect)[1]
        arguments = tuple(
            _converted(key.value if type(key) is _Fixed else params[key], convert)
            for key, convert in compiled.binds
        )
        for listener in self.sync.dispatch.before_cursor_execute:  # the tests' statement counters
            listener(self.sync, None, compiled.sql, arguments, None, False)
        try:
            return compiled, self.raw.execute(compiled.sql, arguments)
        except sqlite3.Error as error:
            raise exc.DBAPIError.instance(compiled.sql, arguments, error, sqlite3.Error) from error


_CONNECTED: WeakSet = WeakSet()  # pools whose first connection was opened (through SQLAlchemy's greenlet)


def _lends_at_once(pool) -> bool:
    """Whether the pool hands a connection out without waiting (an idle one, or room to open one).

    Never for a pool's first connection: its first-connect events take a lock that only SQLAlchemy's
    greenlet can wait on.
    """
    if pool not in _CONNECTED:
        return False
    if not isinstance(pool, QueuePool) or pool._max_overflow < 0:  # one connection (memory), or no limit
        return True
    return pool.checkedout() < pool.size() + pool._max_overflow


async def _runner(session: AsyncSession) -> _Inline | None:
    """The in-loop runner of the session's transaction (None off the in-loop SQLite), after an autoflush.

    Objects added or changed and not flushed yet are written first, as the ORM's autoflush does
    before a query, so that a statement sees them.
    """
    if pending_changes(session):
        await session.flush()
    run = session.info.get(RAW)
    if run is None:  # forgotten at the end of each transaction (models.db): the pool may lend another
        engine = session.sync_session.get_bind()
        if engine.dialect.driver != sqlite_inline.DRIVER:
            return None
        if _lends_at_once(engine.pool):  # a checkout that cannot wait: no greenlet needed for it
            connection = session.sync_session.connection()
        else:  # the first, or every connection is out: wait for one as SQLAlchemy's async session does
            connection = (await session.connection()).sync_connection
            _CONNECTED.add(engine.pool)
        run = session.info[RAW] = _Inline(connection)
    return run


_BY_KEY: dict[type, Prepared] = {}  # per table: its row by primary key, built at first use


async def by_key(session: AsyncSession, model: type, key: Any) -> Any:
    """``session.get`` without the ORM's loading: the session's object if it has it, else the row.

    The row read becomes the session's object (changes to it are flushed as by the ORM).
    """
    found = held(session, model, key)
    if found is not None:
        return found
    prepared = _BY_KEY.get(model)
    if prepared is None:
        columns = primary_key_first(model)
        prepared = _BY_KEY[model] = Prepared(select(*columns).where(columns[0] == bindparam("key")))
    found = await rows(session, prepared, {"key": key})
    return attached(session, model, found[0]) if found else None


def held(session: AsyncSession, model: type, key: Any) -> Any:
    """The session's object for this key if it has one (no statement), else None."""
    return session.sync_session.identity_map.get(identity_key(model, key))


def attached(session: AsyncSession, model: type, values: Sequence[Any]) -> Any:
    """A row read by ``primary_key_first``'s columns as the session's object (the one it has, if any)."""
    present = held(session, model, values[0])
    if present is not None:  # as the ORM's loading: the object the session holds wins
        return present
    return _held_for_the_transaction(session, entity(model, values, column_names(model)))


def adopted(session: AsyncSession, instance: Any) -> Any:
    """A loaded, detached entity (``entity``'s) as the session's object (the one it has, if any)."""
    present = held(session, type(instance), instance_state(instance).key[1][0])
    return present if present is not None else _held_for_the_transaction(session, instance)


def _held_for_the_transaction(session: AsyncSession, instance: Any) -> Any:
    session.add(instance)
    # the identity map holds unchanged objects weakly: kept till the transaction ends, a row read by
    # the action (or inserted by ``models.sql.writes.insert_row``) is found again by the screen drawn
    # after it, with no second SELECT
    session.info.setdefault(HELD, []).append(instance)
    return instance


_NAMES: dict[type, tuple[str, ...]] = {}


def column_names(model: type) -> tuple[str, ...]:
    """The attribute names of ``primary_key_first``'s columns."""
    names = _NAMES.get(model)
    if names is None:
        names = _NAMES[model] = tuple(column.key for column in primary_key_first(model))
    return names


def primary_key_first(model: type) -> tuple:
    """A table's columns, its (one-column) primary key first, as ``entity`` reads them."""
    key = tuple(model.__table__.primary_key.columns)
    return (*key, *(column for column in model.__table__.columns if not column.primary_key))


def entity(model: type, values: Sequence[Any], names: Sequence[str]) -> Any:
    """A row's entity built as the ORM's loading builds it, detached (None for an outer join's miss).

    Loaded means: its attributes are what the row holds, and a session it is added to later updates
    it (never inserts it again).
    """
    if values[0] is None:  # the primary key (first column) of an outer join's missing side
        return None
    mapper = model.__mapper__
    instance = mapper.class_manager.new_instance()
    instance.__dict__.update(zip(names, values, strict=True))
    # what make_transient_to_detached does, less its resets: nothing was set through the attributes
    instance_state(instance).key = (mapper._identity_class, (values[0],), None)
    return instance
