"""SQLite's WAL copied back into the database file by a worker thread, not by an update's commit.

In WAL mode SQLite copies the log into the database file (a checkpoint) when it has grown past
``wal_autocheckpoint`` pages, inside the commit that crossed the line: 4–6 ms, and once 90 ms,
measured on this machine at the 1,000 pages of the default, every ~250 small commits. On the
bot's own thread that commit's update waits, and every update behind it. The bot's connections
therefore checkpoint only past 10,000 pages (``models.db.SQLITE_PRAGMAS``: a ceiling, should the
checkpointer stop), and the running bot checkpoints every few seconds in a thread of its own, on
its own connection (``bot.jobs``). A passive checkpoint never waits for readers or writers; the
thread releases the interpreter while SQLite copies. Durability is the same: a commit is in the
log, which a restart replays whether or not it was copied.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading

from sqlalchemy.engine import make_url

CEILING_PAGES = 10_000  # the bot's connections checkpoint past this many pages only (~40 MB)


def sqlite_file(url: str) -> str | None:
    """The file of a SQLite URL; None for another database or one in memory."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return parsed.database


class WalCheckpointer:
    """Passive checkpoints of one SQLite file, each in a worker thread."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._connection: sqlite3.Connection | None = None
        self._lock = threading.Lock()  # one checkpoint at a time, whichever thread runs it

    @classmethod
    def of(cls, url: str) -> WalCheckpointer | None:
        """The checkpointer of a SQLite file's URL; None for PostgreSQL or a database in memory."""
        path = sqlite_file(url)
        return None if path is None else cls(path)

    async def checkpoint(self) -> tuple[int, int]:
        """Copy what the log holds into the file: (pages in the log, pages copied)."""
        return await asyncio.to_thread(self._checkpoint)

    def _checkpoint(self) -> tuple[int, int]:
        with self._lock:
            if self._connection is None:
                self._connection = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
                self._connection.execute("PRAGMA busy_timeout=1000")
            _busy, logged, copied = self._connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
            return logged, copied

    def close(self) -> None:
        """Close its connection (at the bot's shutdown)."""
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None
