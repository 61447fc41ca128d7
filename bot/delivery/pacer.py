"""The pace of every message the bot sends on its own: at most N in any one-second window."""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable

MESSAGES_PER_SECOND = 30  # Telegram's limit per bot, all chats together
# Kept for the conversations answered by the *other* instances, which this pacer cannot see: each
# reports with its heartbeat the most answers it sent in one second lately (``answer_peak``), and
# the sending instance keeps back their sum plus this margin (for a rise between two heartbeats), at
# most MAX_RESERVE so that a broadcast still goes on. This instance's own answers are counted in the
# window (``note``) as they go out; alone, the pacer keeps nothing back.
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

    def note(self) -> Slot:
        """A message sent outside the pace (an answer in a conversation): it counts in the window.

        It goes without waiting (a person is waiting for it); the bot's own sends wait for it
        instead. Like theirs, its slot is in flight until ``Slot.done``.
        """
        slot = Slot(self.clock(), flying=True)
        slot._clock = self.clock
        self.slots.append(slot)
        self.answered.append(slot.at)
        return slot

    def answer_peak(self) -> int:
        """The most answers this instance sent in one window over the last ``PEAK_HORIZON`` seconds:
        what the sending instance must keep back for it (reported with each heartbeat)."""
        answered = self.answered
        while answered and answered[0] <= self.clock() - PEAK_HORIZON:
            answered.popleft()
        peak, first = 0, 0
        for last, at in enumerate(answered):  # two pointers: the answers within one window of ``at``
            while answered[first] <= at - self.window:
                first += 1
            peak = max(peak, last - first + 1)
        return peak

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
        while True:
            now = self.clock()
            while self.slots and not self.slots[0].flying and self.slots[0].at <= now - self.window:
                self.slots.popleft()
            if len(self.slots) < self.limit - self.reserved:
                slot = Slot(now, flying)
                self.slots.append(slot)
                return slot
            oldest = self.slots[0]
            # a send still in flight leaves the window a window after its answer: look again soon
            await self.sleep(0.005 if oldest.flying else oldest.at + self.window - now)
