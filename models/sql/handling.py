"""The mark « this update was handled », written in the same transaction as the update's work.

An update received through the webhook is stored before Telegram is told « ok » (``models.operations.
inbox``); it must then be marked handled exactly when its work is stored, so that an instance killed in
between leaves it to be handled again, and one killed after never handles it twice. The first
transaction of the update that writes commits the mark with what it writes (``Database.transaction``
asks ``HANDLING``); an update that writes nothing is marked once handled.

Writes that doing again changes nothing do not count as the work: the visitor's own row, a file's bytes
(stored by their SHA-256). They run ``idempotent()``, so a handler killed while it downloads a file,
after the user's row was written, is handled again.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from sqlmodel.ext.asyncio.session import AsyncSession


@dataclass
class HandlingMark:
    """The mark of the update the current task handles; ``write`` adds it to a transaction."""

    write: Callable[[AsyncSession], Awaitable[object]]
    # the task handling the update: a background task it starts inherits the mark but is not its work
    owner: asyncio.Task | None = field(default_factory=asyncio.current_task)
    paused: bool = False
    done: bool = False
    # polling's mark guards against handling twice, which a command's work survives (``safe_twice``);
    # the webhook's forgets the update it keeps, so it is always written
    optional: bool = False
    # the webhook's: the update's reply is owed once its work is stored, unless that work answers for it
    # (``no_reply_owed``)
    reply_owed: bool = True

    def due(self) -> bool:
        """Whether the transaction about to commit must carry the mark."""
        return not (self.done or self.paused) and asyncio.current_task() is self.owner


HANDLING: ContextVar[HandlingMark | None] = ContextVar("handling", default=None)


async def mark_if_due(session: AsyncSession) -> HandlingMark | None:
    """Add the mark to ``session``'s transaction if it is the update's first work; the mark, if added."""
    mark = HANDLING.get()
    if mark is None or not mark.due():
        return None
    await mark.write(session)
    return mark


@contextmanager
def idempotent() -> Iterator[None]:
    """Transactions that a second handling would repeat harmlessly: they do not mark the update."""
    mark = HANDLING.get()
    if mark is None or mark.paused:
        yield
        return
    mark.paused = True
    try:
        yield
    finally:
        mark.paused = False


def safe_twice() -> None:
    """The update being handled is a command: its work (a menu saved, a link joined) may be done twice,
    so an optional mark is not written with it (``bot.updates.polling``)."""
    mark = HANDLING.get()
    if mark is not None and mark.optional:
        mark.paused = True


def no_reply_owed() -> None:
    """The update's work answers for it (a paste's part, stored: what the paste's judging answers, or
    its parts left): a kept update is forgotten with it, no reply owed (``bot.updates.inbox``)."""
    mark = HANDLING.get()
    if mark is not None:
        mark.reply_owed = False
