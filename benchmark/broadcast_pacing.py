"""Pacing of announcement delivery: the most sends in any one-second window, measured.

Compares the sliding-window pacer the broadcast uses with a leaky bucket (aiolimiter, what
AIORateLimiter relies on) set to Telegram's 30 messages a second, after an idle spell.

    .venv/bin/python benchmark/broadcast_pacing.py
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from aiolimiter import AsyncLimiter

from bot.delivery.pacer import SlidingWindowPacer

SENDS = 200


def max_in_window(stamps: list[float], window: float = 1.0) -> int:
    """The largest number of stamps within any window of that length."""
    best, start = 0, 0
    for end, stamp in enumerate(stamps):
        while stamps[start] <= stamp - window:
            start += 1
        best = max(best, end - start + 1)
    return best


async def measure(acquire) -> tuple[int, float]:
    stamps = []
    begin = time.monotonic()
    for _ in range(SENDS):
        await acquire()
        stamps.append(time.monotonic())
    return max_in_window(stamps), SENDS / (time.monotonic() - begin)


async def main() -> None:
    pacer = SlidingWindowPacer()
    bucket = AsyncLimiter(30, 1)
    await asyncio.sleep(1.1)  # idle: the bucket is full
    for name, acquire in (
        ("sliding window (broadcast)", pacer.wait),
        ("leaky bucket 30/s (aiolimiter)", bucket.acquire),
    ):
        peak, rate = await measure(acquire)
        print(f"{name:32} max in any 1 s: {peak:3d}   mean rate: {rate:5.1f}/s   ({SENDS} sends)")


if __name__ == "__main__":
    asyncio.run(main())
