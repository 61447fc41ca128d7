"""The pace of every message the bot sends on its own: at most N in any one-second window, and at
most one a second to any one chat.

Telegram counts 30 messages a second for the whole bot, whatever the number of instances. Only the
instance holding the sending lease sends on its own; every instance answers the people who write to
it, and an answer cannot wait long. So the sender's budget is 30 less every instance's answers:

- its own, counted exactly: each takes a place in this window as it leaves (``answer``);
- the others', as the most each sent in one second over the last ``PEAK_HORIZON`` seconds, plus
  ``CONVERSATION_RESERVE`` for a rise not known yet. A rise is known within a fraction of a second,
  not at the next heartbeat: a non-sending instance writes its peak as soon as it rises, and the
  sender reads the others' peaks every ``READ_EVERY`` seconds while it sends (bot.delivery.lease).
  Once known, the sender holds back until its window leaves room for them.

Near the limit by construction, not quite: answers arriving at another instance faster than the
margin within that fraction of a second (8 people pressing at the same instant) can still make one
second too many, once; the peak then covers the seconds after. Holding it exactly would make the
other instances' answers wait for a share granted by the sender (their rate limiter,
bot.delivery.observed).

Within one instance the window is exact, answers and the bot's own sends together: an answer takes a
free place at once, and waits for the first one free when the window is full (under a second); the
answers go first, a send of the bot's own never takes the place an answer waits for. Alone, the
sender keeps back what this instance's people answered at most in one second lately (nothing when
nobody wrote: a broadcast goes at the whole 30), so that an answer seldom waits; with others, its
answers take the room kept back for theirs.

Telegram also takes at most one message a second in one chat: ``ChatGaps`` sets aside a send to a
chat written to less than a second ago, so that the others go first, and makes it wait for its
second when it comes round again.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections import deque
from collections.abc import Awaitable, Callable, Hashable

MESSAGES_PER_SECOND = 30  # Telegram's limit per bot, all chats together
CHAT_GAP = 1.0  # Telegram's limit in one chat: a message a second
IN_FLIGHT_LOOK = 0.05  # seconds: how often a send waiting for a chat whose send is in flight looks again
WINDOW_LOOK = 0.005  # seconds: how often a send waiting for the window looks again while its oldest flies
# Kept for the conversations answered by the *other* instances, which this pacer cannot see: their
# reported peaks summed plus this margin (for a rise not read yet), at most MAX_RESERVE so that a
# broadcast still goes on.
CONVERSATION_RESERVE = 2
MAX_RESERVE = 20
PEAK_HORIZON = 20.0  # seconds of answers a reported peak covers: a lease's length, beats included


class Slot:
    """One send's place in the window: from the moment it may go until the moment it has gone."""

    def __init__(self, at: float, flying: bool) -> None:
        self.at = at  # when the send ended (or, while it is in flight, when it started)
        self.flying = flying
        self._clock: Callable[[], float] | None = None

    def done(self) -> None:
        """The send is over (answered or failed): it leaves the window one window after now (once)."""
        if not self.flying:
            return
        if self._clock is not None:
            self.at = self._clock()
        self.flying = False


class SlidingWindowPacer:
    """At most ``limit`` sends in any ``window`` seconds, as the receiving server counts them.

    Written by hand rather than PTB's AIORateLimiter: that one is a leaky bucket, which lets a full
    bucket go out at once after an idle spell (up to twice the rate within one second); counting the
    sends of the last window never allows more than ``limit`` in any window.

    A send reaches Telegram at some instant between its start and its answer, and how long that
    takes varies. So a send (``reserve`` … ``Slot.done``) stays in the window until one window
    after its *answer*, and the next may start only then: whatever the way's delays, Telegram sees
    the 31st send more than a second after the 1st (30 per second plus one round trip per window:
    about 98 % of the limit on a near server).
    """

    def __init__(
        self,
        limit: int = MESSAGES_PER_SECOND,
        window: float = 1.0,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        reserved: int = 0,
    ) -> None:
        """A pacer on a monotonic clock (a fake one in tests), keeping ``reserved`` sends back."""
        self.limit, self.window = limit, window
        self.clock, self.sleep = clock, sleep
        self.slots: deque[Slot] = deque()
        # kept back for other instances' answers (the sending lease says how many they send)
        self.reserved = reserved
        self.answered: deque[float] = deque()  # when this instance's answers went, for ``answer_peak``
        self.peak: int | None = None  # ``answer_peak`` until an answer comes or leaves the horizon
        self.answers_waiting = 0  # answers waiting for a place: the bot's own sends leave it to them

    def note(self) -> Slot:
        """An answer going now (a conversation's message): it counts in the window, in flight until
        ``Slot.done``. Only ``answer`` makes sure the window has room for it."""
        slot = Slot(self.clock(), flying=True)
        slot._clock = self.clock
        self.slots.append(slot)
        self.answered.append(slot.at)
        self.peak = None
        return slot

    async def answer(self) -> Slot:
        """An answer's place: at once while the window has room, else the first place freed (a person
        waits for it, so it goes before the bot's own sends, which leave it that place)."""
        self.answers_waiting += 1
        try:
            while (pause := self._pause(self.limit)) is not None:
                await self.sleep(pause)
        finally:
            self.answers_waiting -= 1
        return self.note()

    def answer_peak(self) -> int:
        """The most answers this instance sent in one window over the last ``PEAK_HORIZON`` seconds:
        what the sending instance must keep back for it (reported with each heartbeat)."""
        answered = self.answered
        while answered and answered[0] <= self.clock() - PEAK_HORIZON:
            answered.popleft()
            self.peak = None
        if self.peak is None:  # read before each own send: counted again only when the answers change
            peak, first = 0, 0
            for last, at in enumerate(answered):  # two pointers: the answers within one window of ``at``
                while answered[first] <= at - self.window:
                    first += 1
                peak = max(peak, last - first + 1)
            self.peak = peak
        return self.peak

    def kept_back(self) -> int:
        """The places the bot's own sends leave free: the other instances' answers (``reserved``); alone,
        this instance's people's, as many as it answered at most in one second lately."""
        return self.reserved or min(MAX_RESERVE, self.answer_peak())

    def reserve_for(self, others: int | None) -> None:
        """Keep back what the other instances answer (None: no other instance is alive)."""
        self.reserved = 0 if others is None else min(MAX_RESERVE, CONVERSATION_RESERVE + others)

    @property
    def sent(self) -> list[float]:
        """The instants of the sends still in the window."""
        return [slot.at for slot in self.slots]

    async def wait(self) -> None:
        """Return when one more send stays within the limit, and count it as sent now.

        Call it right before the send: the instant stamped is the send's, so a slow step between
        the two (a claim, a PDF) can never bunch sends stamped earlier into one window.
        """
        await self._turn(flying=False)

    async def reserve(self) -> Slot:
        """Return when one more send stays within the limit; it is in flight until ``Slot.done``."""
        slot = await self._turn(flying=True)
        slot._clock = self.clock
        return slot

    async def _turn(self, *, flying: bool) -> Slot:
        """The bot's own send's place: within what is kept back, after the answers waiting."""
        while (pause := self._pause(self.limit - self.kept_back() - self.answers_waiting)) is not None:
            await self.sleep(pause)
        slot = Slot(self.clock(), flying)
        self.slots.append(slot)
        return slot

    def _pause(self, room: int) -> float | None:
        """None while the window holds fewer than ``room`` sends; else how long to wait and look again."""
        now = self.clock()
        while self.slots and not self.slots[0].flying and self.slots[0].at <= now - self.window:
            self.slots.popleft()
        if len(self.slots) < room:
            return None
        oldest = self.slots[0] if self.slots else None
        # a send still in flight leaves the window a window after its answer: look again soon
        if oldest is None or oldest.flying:
            return WINDOW_LOOK
        return oldest.at + self.window - now


class ChatGaps:
    """At most one send a second to any one chat, without holding up the sends to the others.

    The pipeline's callers go through their recipients one after the other and come round again to
    those still pending (the outbox, a broadcast's deliveries), or to those set aside once through
    their list (a sweep's reminders: ``SendPipeline.deliver_all``, not a sweep later). A send
    to a chat written to less than ``gap`` ago is set aside, the others go first; offered again, it
    waits for the rest of its second. The gap counts from the previous send's answer, as the pacer's
    window does: whatever the way's delays, Telegram sees the two at least ``gap`` apart.
    """

    def __init__(
        self,
        gap: float = CHAT_GAP,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        """Gaps on a monotonic clock (a fake one in tests)."""
        self.gap, self.clock, self.sleep = gap, clock, sleep
        self.last: dict[int, float] = {}  # chat → when its last send was answered (inf: in flight)
        self.before: dict[int, float | None] = {}  # chat in flight → its ``last`` before (``release``)
        self.set_aside: dict[Hashable, float] = {}  # the sends set aside once, and when

    async def turn(self, chat_id: int, message: Hashable) -> bool:
        """True when ``message`` goes to ``chat_id`` now (after waiting, if it was set aside before);
        False: set aside, the caller goes on with the others and offers it again later.

        Looked at again after every wait: another run (the outbox's and a sweep share the pipeline)
        may have taken the chat meanwhile. The chat is taken with no wait since the last look, and
        stays taken while the send is in flight, until ``sent`` (or ``release``: nothing went)."""
        try:
            again = self.set_aside.pop(message, None) is not None
        except TypeError:  # a message that cannot be told apart from the next: it simply waits
            again = True
        while (wait := self.last.get(chat_id, -self.gap) + self.gap - self.clock()) > 0:
            if not again:
                self._forget_old(self.clock())
                self.set_aside[message] = self.clock()
                return False
            await self.sleep(wait if wait != math.inf else IN_FLIGHT_LOOK)
        self.before[chat_id] = self.last.get(chat_id)
        self.last[chat_id] = math.inf  # in flight: the gap counts from its answer
        return True

    async def until_free(self, chat_id: int) -> None:
        """Wait for ``chat_id``'s second: a send costly to prepare (a bundle's part, a ZIP of up to 50 MB)
        is built after it, not built, set aside and built again."""
        while (wait := self.last.get(chat_id, -self.gap) + self.gap - self.clock()) > 0:
            await self.sleep(wait if wait != math.inf else IN_FLIGHT_LOOK)

    def answered(self, chat_id: int) -> None:
        """An answer of a conversation went to ``chat_id`` (``bot.delivery.observed``): the pipeline's next
        send there waits for its second too (a bundle's first part after /export's message)."""
        if self.last.get(chat_id) != math.inf:  # a send in flight there: its second counts from its answer
            self.last[chat_id] = self.clock()

    def waits(self, message: Hashable) -> bool:
        """Whether ``message`` was set aside and not offered again since."""
        try:
            return message in self.set_aside
        except TypeError:
            return False

    def sent(self, chat_id: int) -> None:
        """The send to ``chat_id`` is over (answered or failed): its second counts from now."""
        self.before.pop(chat_id, None)
        self.last[chat_id] = self.clock()

    def release(self, chat_id: int) -> None:
        """Nothing went to ``chat_id`` (the lease refused, the claim taken by another): the chat's second
        counts from its last send, as before ``turn``, not from now."""
        if (before := self.before.pop(chat_id, None)) is None:
            self.last.pop(chat_id, None)
        else:
            self.last[chat_id] = before

    def _forget_old(self, now: float) -> None:
        """Drop the chats written to long ago and the sends set aside and never offered again."""
        if len(self.last) > 1000:
            self.last = {chat: at for chat, at in self.last.items() if at > now - self.gap}
        if len(self.set_aside) > 1000:
            self.set_aside = {key: at for key, at in self.set_aside.items() if at > now - 600}
