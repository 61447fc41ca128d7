"""Polled updates confirmed to Telegram only once handled: a process killed meanwhile loses none.

Telegram keeps an update until a getUpdates asks from past its number (the offset). PTB asks again
as soon as it has queued a batch, so an update was confirmed while it was still being handled, and a
kill then lost it: a text typed, a button pressed. Here the offset given to Telegram never passes an
update not handled yet: the next getUpdates waits until the batch in hand is handled (updates are
handled one at a time anyway), or asks after ``PATIENCE`` seconds all the same, and what Telegram
gives again meanwhile is not handed to PTB twice. After a kill, Telegram gives the unconfirmed
updates again: those whose work was stored before it (their number recorded in the same transaction,
``models.operations.inbox.record_handled``) are not handled again, their senders shown the screen they
are at now (the answer the kill lost: the next question, say); the others are, as if they came now.
Only what a person typed or sent needs it: handled twice, a text would answer the question after its
own too. A button pressed again is a double tap, a command handled again the command sent
twice: the bot takes both in its stride by design (a choice already made is made, a decision already
recorded is said so). This costs no commit: the number rides on the update's own work (one INSERT),
and an update that writes nothing (a menu shown) is simply shown again after a kill.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Sequence

from sqlalchemy.exc import SQLAlchemyError
from telegram import Update

from bot.logs import first_line
from models.db import Database
from models.operations.inbox import handled_among, last_recorded

log = logging.getLogger("qualicoop")
PATIENCE = 10.0  # seconds: a slow update (a PDF, a big file) does not hold the next ones' fetching longer
DATABASE_AWAY_SECONDS = 1.0  # before asking Telegram again for updates that could not be checked
NOT_READ = -1


def typed_or_sent(update: Update) -> bool:
    """Whether an update carries what a person typed or sent (a text, a file…), not a press, which is
    safe to handle twice; a command is known as such while handled (``models.sql.handling.safe_twice``:
    a part of a paste Telegram tagged as one is no command)."""
    return update.message is not None or update.edited_message is not None


class PolledUpdates:
    """The polled updates handed to PTB and not handled yet; the offset Telegram may be given."""

    def __init__(self, database: Database, patience: float = PATIENCE) -> None:
        self.database = database
        self.patience = patience
        self.in_hand: set[int] = set()
        self.next = 0  # the first update number not seen yet
        self._idle = asyncio.Event()
        self._idle.set()
        # handled before a kill, their answers lost with it: not handled again, their senders shown
        # where they are (``ui.menus.show_where_they_are``)
        self.resumed: set[int] = set()
        # updates up to this number may have been handled before a kill; None once past them
        self._handled_up_to: int | None = NOT_READ
        self.away_since: float | None = None  # time.monotonic() when the database stopped answering here

    def handled(self, number: int) -> None:
        """The update's handling ended (its work stored, or it failed): Telegram may be told."""
        self.in_hand.discard(number)
        if not self.in_hand:
            self._idle.set()

    async def offset(self) -> int:
        """The offset for the next getUpdates, once the updates in hand are handled (or after a
        while): past every update handled, never past one in hand."""
        if self.in_hand:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._idle.wait(), self.patience)
        return min(self.in_hand, default=self.next)

    async def taken(self, updates: Sequence[Update]) -> list[Update]:
        """What PTB gets of a getUpdates' answer: not the updates it has; all are in hand until
        handled, those handled before a kill noted as such (``resumed``)."""
        fresh = [update for update in updates if update.update_id >= self.next]
        if not fresh:
            return []
        asked = time.monotonic()
        try:
            self.resumed |= await self._handled_before(fresh)
        except (SQLAlchemyError, OSError, TimeoutError) as error:  # asked again: Telegram keeps them
            if self.away_since is None:  # one line when it goes (not one a second), one when back
                reason = first_line(error)  # no SQL
                log.warning("updates not taken yet, the database does not answer: %s", reason)
                self.away_since = asked
            await asyncio.sleep(DATABASE_AWAY_SECONDS)
            return []
        if self.away_since is not None:
            log.warning("updates taken again, the database answers, after %d s", asked - self.away_since)
            self.away_since = None
        self.next = updates[-1].update_id + 1
        self.in_hand.update(update.update_id for update in fresh)
        if self.in_hand:
            self._idle.clear()
        return fresh

    async def _handled_before(self, fresh: list[Update]) -> set[int]:
        """The updates whose work was stored before a kill (read while Telegram gives old ones)."""
        if self._handled_up_to == NOT_READ:
            async with self.database.transaction() as session:
                self._handled_up_to = await last_recorded(session)
        if self._handled_up_to is None or fresh[0].update_id > self._handled_up_to:
            self._handled_up_to = None  # updates come in order: no old one after a new one
            return set()
        async with self.database.transaction() as session:
            done = await handled_among(session, [update.update_id for update in fresh])
        for number in sorted(done):
            log.warning(
                "update %s was handled before the last stop: its sender is shown where they are", number
            )
        return done
