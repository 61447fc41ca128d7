"""The pace of every message the bot sends on its own: at most N in any one-second window."""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable

MESSAGES_PER_SECOND = 25  # Telegram allows about 30 a second per bot: keep a margin


class SlidingWindowPacer:
    """At most ``limit`` sends in any ``window`` seconds.

    Written by hand rather than PTB's AIORateLimiter: that one is a leaky bucket, which lets a full
    bucket go out at once after an idle spell (up to twice the rate within one second); counting the
    sends of the last window never allows more than ``limit`` in any window.
    """

    def __init__(
        self,
        limit: int = MESSAGES_PER_SECOND,
        window: float = 1.0,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        """A pacer on a monotonic clock (a fake one in tests)."""
        self.limit, self.window = limit, window
        self.clock, self.sleep = clock, sleep
        self.sent: deque[float] = deque()

    async def wait(self) -> None:
        """Return when one more send stays within the limit, and count it as sent now.

        Call it right before the send: the instant stamped is the send's, so a slow step between
        the two (a claim, a PDF) can never bunch sends stamped earlier into one window.
        """
        while True:
            now = self.clock()
            while self.sent and self.sent[0] <= now - self.window:
                self.sent.popleft()
            if len(self.sent) < self.limit:
                self.sent.append(now)
                return
            await self.sleep(self.sent[0] + self.window - now)
