"""Counting the SQL an engine runs: statements (an executemany counts once) and commits.

Listening on the engine sees everything the product's sessions do, through any model function, with
no change to product code. The SQLite PRAGMAs run at connect time on the raw connection and the
implicit BEGIN of the driver are not statements sent by the product's code, and are not counted.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine


@dataclass(frozen=True)
class Counts:
    """Statements and commits between two moments."""

    statements: int
    commits: int

    def __sub__(self, other: Counts) -> Counts:
        return Counts(self.statements - other.statements, self.commits - other.commits)

    def __str__(self) -> str:
        return f"{self.statements} statements / {self.commits} commits"


class SqlCounter:
    """Counts what an (async) engine executes and commits, from ``attach`` to ``detach``."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine.sync_engine
        self.statements = 0
        self.commits = 0
        self.log: list[str] = []  # the statements themselves, to say what an update does

    def _statement(self, conn, cursor, statement, parameters, context, executemany) -> None:
        """before_cursor_execute: one statement (an executemany is one round trip, one statement)."""
        self.statements += 1
        self.log.append(" ".join(statement.split()))

    def _commit(self, conn) -> None:
        """commit: one transaction committed."""
        self.commits += 1

    def __enter__(self) -> SqlCounter:
        event.listen(self.engine, "before_cursor_execute", self._statement)
        event.listen(self.engine, "commit", self._commit)
        return self

    def __exit__(self, *exc) -> None:
        event.remove(self.engine, "before_cursor_execute", self._statement)
        event.remove(self.engine, "commit", self._commit)

    @property
    def counts(self) -> Counts:
        """What was counted so far."""
        return Counts(self.statements, self.commits)
