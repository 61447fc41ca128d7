"""The one send pipeline: a claimed message is paced, handed to Telegram, and its outcome settled.

Reminders, announcement deliveries, the broadcast's report and the outbox's notifications all go
through ``SendPipeline.deliver``: what a 403, a 429, a network error or a crash mean is decided
here, once. What to send, to whom and in which language is the callers' business; how a message's
row is claimed and settled is its ``Claim``'s (``bot/delivery/claims.py``).

A message handed to Telegram is never sent again: its row stays 'sending' until its outcome is
recorded. The database away at that moment, the outcome is asked again until it answers (the run
waits: nothing can be claimed meanwhile anyway), as is a claim given back (nothing went out); the
process stopping first, its claims are settled as uncertain once it is gone. A row found settled by
another instance (this one was taken for gone: frozen, cut off) is left as it is, and this instance
stops sending: another sends now.
"""

from __future__ import annotations

import asyncio
import logging
import time
import warnings
from collections.abc import Awaitable, Callable, Iterable
from datetime import timedelta
from typing import TypeVar

from sqlalchemy.exc import DataError, IntegrityError, NotSupportedError, ProgrammingError
from telegram import Bot
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError
from telegram.ext import Application
from telegram.warnings import PTBDeprecationWarning

from bot.delivery.observed import PACED, ObservedSends
from bot.delivery.outgoing import Outcome, Outgoing
from bot.delivery.pacer import ChatGaps, SlidingWindowPacer, Slot
from bot.errors import DATABASE_ERRORS
from models.clock import Clock, utcnow
from models.db import Database
from models.tables import DeliveryStatus
from models.users import mark_blocked

log = logging.getLogger("qualicoop.delivery")

T = TypeVar("T")
RECORD_RETRY_SECONDS = 2.0  # how often an outcome the database could not take is offered again
# A claim given back while the bot stops (nothing sent): asked again this often, for this long at most
STOP_RETRY_SECONDS, STOP_GRACE_SECONDS = 0.5, 5.0
STATEMENT_ERRORS = (IntegrityError, ProgrammingError, DataError, NotSupportedError)  # never pass: raised


class SendingPaused(Exception):
    """This instance no longer holds the sending lease: the run stops, another instance goes on."""


class Stopping(SendingPaused):
    """The bot is stopping (Ctrl-C, SIGTERM): the run ends between two sends, the rest stays pending."""


def retry_seconds(error: RetryAfter) -> float:
    """Seconds to wait after a 429, whether PTB gives an int or a timedelta."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = error.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


class SendPipeline:
    """Claim → pace → send → settle, for every message the bot sends on its own."""

    def __init__(
        self,
        bot: Bot,
        database: Database,
        *,
        clock: Clock = utcnow,
        pacer: SlidingWindowPacer | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        permit: Callable[[], Awaitable[bool]] | None = None,
        stopping: Callable[[], bool] = lambda: False,
    ) -> None:
        """A pipeline on one bot and database, with its pacer, its way to wait, and whether it may send."""
        self.bot, self.database, self.clock = bot, database, clock
        self.pacer = pacer or SlidingWindowPacer()
        self.sleep = sleep  # how a 429's wait is spent (tests pass one that returns at once)
        self.permit = permit  # the sending lease: asked right before every send (None: always)
        self.stopping = stopping  # asked before every send too: a stop waits for one send, not the run
        self.chats = ChatGaps()  # one message a second in any one chat, the others going first
        self.grace = STOP_GRACE_SECONDS  # how long a stop may still wait to give claims back

    async def deliver(self, message: Outgoing) -> DeliveryStatus | None:
        """Send one message and record its outcome; None if it was not ours to send (or not yet)."""
        if not await self.chats.turn(message.chat_id, message.claim):
            return None  # the chat was written to less than a second ago: offered again later
        taken = False
        try:
            await self._may_send()  # a sender that lost its lease claims nothing (another would wait)
            async with self.database.transaction() as session:
                if not (taken := await message.claim.take(session)):
                    return None
            # From here to the settle below the row says 'sending'. If the process dies in between,
            # Telegram may or may not have the message: the next run settles it as uncertain and never
            # sends it again (a duplicate is worse than a gap the author is told about).
            outcome = await self._outcome(message)
        finally:  # the chat taken by ``turn`` is free a second from now; as it was if nothing could go
            (self.chats.sent if taken else self.chats.release)(message.chat_id)
        if outcome.status == DeliveryStatus.FAILED:
            log.warning("%s to %s not sent: %s", message.what, message.chat_id, outcome.error)
        await self._record(message, outcome)
        return outcome.status

    async def deliver_all(self, messages: Iterable[Outgoing]) -> int:
        """Send each message, those set aside (their chat written to less than a second ago) after the
        others, each waiting for its second: a sweep goes through its list once, so a person's two
        reminders of a day come a second apart, not a sweep later. How many went out."""
        sent, set_aside = 0, []
        for message in messages:
            status = await self.deliver(message)
            sent += status == DeliveryStatus.SENT
            if status is None and self.chats.waits(message.claim):
                set_aside.append(message)
        for message in set_aside:
            sent += await self.deliver(message) == DeliveryStatus.SENT
        return sent

    async def _record(self, message: Outgoing, outcome: Outcome) -> None:
        """Settle the claim; the database away, offered again until it answers (or the bot stops)."""
        said = f"{message.what} to {message.chat_id} {outcome.status.value}"
        recorded = await self._until_recorded(lambda: self._settle(message, outcome), said, self.sleep)
        if recorded is False:  # settled as uncertain by an instance that took this one for gone
            log.warning("%s, not recorded: no longer this instance's claim (another settled it)", said)
            raise SendingPaused("this instance's claim was settled by another")

    async def _until_recorded(
        self, write: Callable[[], Awaitable[T]], said: str, wait: Callable[[float], Awaitable]
    ) -> T:
        """``write`` (a claim settled or given back) done, the database away offered again until it answers:
        left 'sending' by a live instance, no other instance would ever settle the row."""
        tries = 0
        while True:
            try:
                result = await write()
                break
            except DATABASE_ERRORS as error:
                if isinstance(error, STATEMENT_ERRORS):
                    raise
                if not tries:
                    log.warning("%s, not recorded yet (asked again): %s", said, error)
                tries += 1
                await wait(RECORD_RETRY_SECONDS)  # a stop ends the wait (a give-back's after a grace)
        if tries:
            log.info("%s, recorded once the database answered", said)
        return result

    async def _settle(self, message: Outgoing, outcome: Outcome) -> bool | None:
        """One transaction: the claim settled, and a person who blocked the bot marked inactive."""
        async with self.database.transaction() as session:
            recorded = await message.claim.settle(session, outcome, self.clock())
            if outcome.status == DeliveryStatus.BLOCKED:
                await mark_blocked(session, message.chat_id)
        return recorded

    async def _outcome(self, message: Outgoing) -> Outcome:
        """Send until Telegram answers something other than « wait »; what the answer means."""
        while True:
            turn = await self._before_send(message, self._paced())
            paced = PACED.set(True)  # this send holds its slot: the rate limiter must not count it again
            try:
                await message.send(self.bot, message.chat_id)
            except RetryAfter as error:
                # 429, flood control: nothing was delivered and Telegram says when to come back.
                # The row is still claimed by us, so the same send is tried again after that wait.
                turn.done()
                await self._before_send(message, self.sleep(retry_seconds(error)))
                continue
            except Forbidden:
                # 403: the person blocked the bot or deleted their account. Writing again would only
                # be refused again: blocked for good, the user marked inactive until they come back.
                return Outcome(DeliveryStatus.BLOCKED)
            except BadRequest as error:
                # 400 (« chat not found », « message is too long »): the same request would be refused
                # again, whenever sent. Failed for good now, rather than tried for an hour.
                return Outcome(DeliveryStatus.FAILED, str(error), final=True)
            except TelegramError as error:
                # Network error, timeout, 5xx: most likely never delivered, and it may pass.
                # Failed now; the claim tries again later, up to its limit (a timeout after the
                # request left may hide a delivery: that rare duplicate beats losing the news).
                return Outcome(DeliveryStatus.FAILED, str(error))
            finally:
                PACED.reset(paced)
                turn.done()  # answered or not, the send is over: the pace counts it from now
            # Anything else (a crash, a cancellation) while the call is in flight propagates: we
            # cannot tell whether Telegram has it, so the row stays 'sending' (see deliver).
            return Outcome(DeliveryStatus.SENT)

    async def _may_send(self) -> None:
        """Raise unless this instance may send: not stopping, and holding the sending lease."""
        if self.stopping():
            raise Stopping("the bot is stopping")
        if self.permit is not None and not await self.permit():
            raise SendingPaused("the sending lease is no longer held")

    async def _paced(self) -> Slot:
        """Our turn in the pace, if this instance still holds the sending lease.

        The lease first (its renewal may ask the database), the pacer last, right before the send:
        no wait between the two can bunch sends into Telegram's second.
        """
        await self._may_send()
        slot = await self.pacer.reserve()
        if self.stopping():  # stopped while it waited for its turn: the turn goes unused
            slot.done()
            raise Stopping("the bot is stopping")
        return slot

    async def _before_send(self, message: Outgoing, waiting: Awaitable[T]) -> T:
        """A wait before a send; stopped there, nothing went out, so the claim is given back."""
        try:
            return await waiting
        except BaseException:
            said = f"{message.what} to {message.chat_id} given back"
            await self._until_recorded(lambda: self._give_back(message), said, self._through_stop)
            raise

    async def _give_back(self, message: Outgoing) -> None:
        """The claim back to pending: nothing went out."""
        async with self.database.transaction() as session:
            await message.claim.give_back(session)

    async def _through_stop(self, seconds: float) -> None:
        """A give-back's wait, which a stop does not end at once: a message never sent left 'sending' would
        be settled uncertain once this instance is gone, and never sent. STOP_GRACE_SECONDS in all."""
        if not self.stopping():
            try:
                return await self.sleep(seconds)
            except Stopping:
                pass
        self.grace -= STOP_RETRY_SECONDS
        if self.grace < 0:
            raise Stopping("the bot is stopping")
        await asyncio.sleep(STOP_RETRY_SECONDS)


def pipeline_for(application: Application) -> SendPipeline:
    """The application's pipeline: one pacer for all the bot's sends, as Telegram counts them. Kept in
    ``bot_data``, so that it goes with its application (a module's weak map of them kept each one alive:
    the pipeline's stop watch holds its application)."""
    services = application.bot_data
    if getattr(services, "pipeline", None) is None:
        lease = getattr(services, "sending", None)
        pacer = getattr(services, "pacer", None) or SlidingWindowPacer()
        stopping = _stop_watch(application)
        services.pipeline = SendPipeline(
            application.bot, services.database, clock=services.clock, pacer=pacer,
            permit=_lease_permit(lease, services.database, pacer) if lease is not None else None,
            stopping=stopping,
            sleep=sleep_unless_stopping(stopping),
        )  # fmt: skip
        if isinstance(limiter := application.bot.rate_limiter, ObservedSends):  # answers count per chat
            limiter.chats = services.pipeline.chats
    return services.pipeline


def sleep_unless_stopping(stopping: Callable[[], bool], step: float = 0.25) -> Callable[[float], Awaitable]:
    """A 429's wait (Telegram may ask for half a minute) that a stop cuts short: nothing was sent."""

    async def sleep(seconds: float) -> None:
        """Wait ``seconds``, looking every ``step`` whether the bot is stopping."""
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            if stopping():
                raise Stopping("the bot is stopping")
            await asyncio.sleep(min(left, step))

    return sleep


def _stop_watch(application: Application) -> Callable[[], bool]:
    """Whether the application is stopping: PTB's ``stop`` clears ``running`` first, then waits for
    the jobs and the background tasks, the delivery runs among them. One never started (the tests
    that run the deliveries themselves) never stops."""
    started = False

    def stopping() -> bool:
        """Started once, and no longer running."""
        nonlocal started
        started = started or application.running
        return started and not application.running

    return stopping


def _lease_permit(lease, database: Database, pacer: SlidingWindowPacer) -> Callable[[], Awaitable[bool]]:
    """Whether this instance may send; it keeps back what the other instances answer (alone: nothing)."""

    async def permit() -> bool:
        """Held (or renewed now); the pacer's reserve follows what the renewal saw."""
        held = await lease.may_send(database)
        pacer.reserve_for(lease.others)
        return held

    return permit
