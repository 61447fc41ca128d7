"""SQLite for the async engine, without a thread: ``sqlite+inline://``.

aiosqlite runs every statement in a thread of its own and wakes the event loop to hand back each
result: on a small update that round trip costs more than SQLite's work (issue 12's profile: a third
of the bot's CPU in aiosqlite's thread). A SQLite statement on this bot's data takes tens of
microseconds, so this dialect runs it right there, in the loop, through the standard ``sqlite3``
module; SQLAlchemy's async engine only needs the dialect to say it is async (its greenlet then calls
the DBAPI directly).

Why it is safe here: a statement never waits on the network; no code awaits Telegram inside a
transaction that wrote (``router.commit`` draws after its commit; the send pipeline commits its claim
before sending), so within the process no connection ever waits for another's write lock. Another
process (the CLI's import or backup) may hold the write lock for a moment: ``busy_timeout`` (5 s) then
makes the loop wait, which is acceptable for an operator's command. ``sqlite+aiosqlite://`` stays
available for whoever prefers the thread.
"""

from __future__ import annotations

import sqlite3

from sqlalchemy import pool
from sqlalchemy.dialects import registry
from sqlalchemy.dialects.sqlite.base import SQLiteExecutionContext
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite
from sqlalchemy.engine import URL
from sqlalchemy.util.concurrency import await_

DRIVER = "inline"


class _Cursor(sqlite3.Cursor):
    """sqlite3's cursor, with the one coroutine the async result asks its driver's cursor for."""

    async def _async_soft_close(self) -> None:
        """Nothing to release early: the rows are read from SQLite on demand, in the loop."""


class _Connection(sqlite3.Connection):
    """sqlite3's connection, whose cursors are the ones above."""

    def cursor(self, factory=_Cursor):
        """A cursor the async engine can hold."""
        return super().cursor(factory)


class _ExecutionContext(SQLiteExecutionContext):
    """A streamed result (``AsyncConnection.stream``: ``db copy`` reads every table so) is a plain
    cursor: sqlite3 reads the rows from the file as they are fetched."""

    def create_server_side_cursor(self):
        """The cursor itself: it is one already."""
        return self.create_default_cursor()


class SQLiteDialect_inline(SQLiteDialect_pysqlite):
    """pysqlite, declared async so that ``create_async_engine`` accepts it; no thread, no adapter."""

    driver = DRIVER
    is_async = True
    supports_statement_cache = True
    supports_server_side_cursors = True
    execution_ctx_cls = _ExecutionContext

    @classmethod
    def get_pool_class(cls, url: URL) -> type[pool.Pool]:
        """A queue of connections for a file (an asyncio one: the engine is async), one for memory."""
        return pool.AsyncAdaptedQueuePool if cls._is_url_file_db(url) else pool.StaticPool

    def create_connect_args(self, url: URL):
        """pysqlite's arguments, with our connection class."""
        args, kwargs = super().create_connect_args(url)
        return args, {**kwargs, "factory": _Connection}

    # AsyncConnection.execute refuses a driver that never awaited (a sync driver used by mistake):
    # one await of a finished coroutine per statement says « async », at the cost of a greenlet
    # switch, without going through the event loop.
    def do_execute(self, cursor, statement, parameters, context=None) -> None:
        """Run the statement in the loop."""
        super().do_execute(cursor, statement, parameters, context)
        await_(_nothing())

    def do_execute_no_params(self, cursor, statement, context=None) -> None:
        """Run the statement in the loop."""
        super().do_execute_no_params(cursor, statement, context)
        await_(_nothing())

    def do_executemany(self, cursor, statement, parameters, context=None) -> None:
        """Run the statements in the loop."""
        super().do_executemany(cursor, statement, parameters, context)
        await_(_nothing())


async def _nothing() -> None:
    """Awaited once per statement: the async engine checks that a driver awaited something."""


registry.register(f"sqlite.{DRIVER}", __name__, "SQLiteDialect_inline")
