"""The pace of every message the bot sends on its own: at most N in any one-second window."""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable

MESSAGES_PER_SECOND = 30  # Telegram's limit per bot, all chats together
# The window is a little longer than Telegram's second: a send is stamped when it leaves, and it
# reaches Telegram some milliseconds later; if a request took up to this much less time than the
# one 30 sends before it, Telegram would still never count 31 in its second. Sending at most 30
# per 1.03 s is 97 % of the limit.
WINDOW_SECONDS = 1.03


class SlidingWindowPacer:
    """At most ``limit`` sends in any ``window`` seconds.

    Written by hand rather than PTB's AIORateLimiter: that one is a leaky bucket, which lets a full
    bucket go out at once after an idle spell (up to twice the rate within one second); counting the
    sends of the last window never allows more than ``limit`` in any window.
    """

    def __init__(
        self,
        limit: int = MESSAGES_PER_SECOND,
        window: float = WINDOW_SECONDS,
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
