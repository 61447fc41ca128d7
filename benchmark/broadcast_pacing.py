"""Figure 7: a federation announcement to 1,000 members, under Telegram's 30 messages a second.

The real bot process (production settings: rate limiter on) finds an approved announcement in its
database, as after an admin's confirmation, and delivers it through the fake Bot API, which here
answers 429 to any send beyond 30 in the last second, as Telegram does: flood errors are counted,
not assumed. Measured by the fake: the delivery rate over the 1,000 sends, as a fraction of 30/s, and
the most sends in any one-second window.

Also, without any network, the pacer alone against a leaky bucket (aiolimiter, what PTB's
AIORateLimiter relies on) at 30/s after an idle spell: what the old script measured.
"""

from __future__ import annotations

import asyncio
import math
import shutil
import time
from datetime import timedelta
from pathlib import Path

from aiolimiter import AsyncLimiter
from sqlmodel import update

from benchmark.fake import FLOOD_LIMIT, BenchTelegram, serving
from benchmark.processes import PRODUCT, BotProcess, bot_environment, started
from benchmark.report import Row, Target
from benchmark.seed import seed
from benchmark.seed_rows import person_id
from bot.delivery.pacer import SlidingWindowPacer
from models.announcements import approve, create_announcement, update_announcement
from models.clock import utcnow
from models.db import Database
from models.tables import User

SECTION = 7
AUTHOR = 7_000_001  # a federation admin: the author receives the final report


async def prepare(workdir: Path, recipients: int) -> Path:
    """A federation of exactly ``recipients`` reachable members and an approved announcement to all."""
    coops = math.ceil(recipients / 3)
    seeded = await seed(workdir / "broadcast.sqlite3", coops, active=0, due_checkpoints=0)
    database = Database(f"sqlite:///{seeded.path}")
    try:
        async with database.transaction() as session:
            extra = [person_id(coops, rank) for rank in range(3)][: 3 * coops - recipients]
            if extra:  # opted out: the audience is exactly the number asked
                await session.exec(update(User).where(User.id.in_(extra)).values(announcements=False))
            announcement = await create_announcement(session, AUTHOR, "VisioCoop : la Raison d’être")
            await update_announcement(session, announcement, "starts_at", utcnow() + timedelta(days=7))
            await update_announcement(session, announcement, "video_link", "https://visio.example.org/rdv")
            sent_to = await approve(session, announcement, AUTHOR)
    finally:
        await database.dispose()
    if sent_to != recipients:
        raise RuntimeError(f"the announcement reaches {sent_to} members, not {recipients}")
    return seeded.path


async def deliver(database: Path, workdir: Path, recipients: int) -> tuple[list[float], BenchTelegram]:
    """Run the bot until every recipient got the announcement; the instants of those sends."""
    fake = BenchTelegram(flood_limit=FLOOD_LIMIT)
    async with serving(fake) as server:
        bot = BotProcess(PRODUCT, bot_environment(server, database, rate_limit=True, plan=None), workdir)
        await started(bot, fake)
        try:
            deadline = time.monotonic() + recipients / 10 + 60  # far beyond 25/s: a stuck delivery
            while len(_sends(fake)) < recipients:
                if time.monotonic() > deadline or not bot.alive():
                    raise TimeoutError(f"{len(_sends(fake))} of {recipients} delivered:\n{bot.tail()}")
                await asyncio.sleep(0.2)
        finally:
            await bot.stop()
    return sorted(call.at for call in _sends(fake)), fake


def _sends(fake: BenchTelegram) -> list:
    """The successful sends of the announcement (the author's report and progress excluded)."""
    return [c for c in fake.calls if c.method == "sendMessage" and c.ok and c.chat_id != AUTHOR]


async def pacer_alone(sends: int) -> dict[str, tuple[int, float]]:
    """Most stamps in any 1 s and mean rate, for the product's pacer and for a 30/s leaky bucket."""
    pacer = SlidingWindowPacer()
    bucket = AsyncLimiter(FLOOD_LIMIT, 1)
    await asyncio.sleep(1.1)  # idle: the bucket is full
    results = {}
    for name, acquire in (("pacer", pacer.wait), ("bucket", bucket.acquire)):
        stamps = []
        for _ in range(sends):
            await acquire()
            stamps.append(time.monotonic())
        results[name] = (max_in_window(stamps), (sends - 1) / (stamps[-1] - stamps[0]))
    return results


def max_in_window(stamps: list[float], window: float = 1.0) -> int:
    """The largest number of stamps within any window of that length."""
    best, start = 0, 0
    for end, stamp in enumerate(stamps):
        while stamps[start] <= stamp - window:
            start += 1
        best = max(best, end - start + 1)
    return best


async def run(workdir: Path, recipients: int, pacer_sends: int) -> list[Row]:
    """The delivery through the real process, then the pacer alone."""
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        database = await prepare(workdir, recipients)
        stamps, fake = await deliver(database, workdir, recipients)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    rate = (len(stamps) - 1) / (stamps[-1] - stamps[0])
    peak = fake.max_sends_in_window(1.0)
    alone = await pacer_alone(pacer_sends)
    title = f"broadcast of {recipients:,} at Telegram's 30/s"
    return [
        Row(
            f"{title}: fraction of the limit",
            f"{rate / FLOOD_LIMIT:.2f} ({rate:.1f} sends/s)",
            SECTION,
            timed=True,
            value=rate / FLOOD_LIMIT,
            target=Target(0.95, on="value", at_most=False, text="≥ 0.95"),
            note=f"{len(stamps)} sends over {stamps[-1] - stamps[0]:.1f} s, timed by the fake server",
        ),
        Row(
            f"{title}: most sends in any 1 s",
            str(peak),
            SECTION,
            timed=True,
            value=peak,
            target=Target(FLOOD_LIMIT, on="value", text=f"≤ {FLOOD_LIMIT}"),
        ),
        Row(
            f"{title}: flood errors (429)",
            str(fake.floods),
            SECTION,
            timed=True,
            value=fake.floods,
            target=Target(0, on="value", text="0"),
            note="the fake answers 429 to a send beyond 30 in the last second, as Telegram does",
        ),
        Row(
            f"pacer alone, {pacer_sends} sends after an idle spell: most in any 1 s",
            f"{alone['pacer'][0]} (mean {alone['pacer'][1]:.1f}/s)",
            SECTION,
            timed=True,
            value=alone["pacer"][0],
            baseline=f"leaky bucket 30/s: {alone['bucket'][0]} (mean {alone['bucket'][1]:.1f}/s)",
            baseline_value=alone["bucket"][0],
            target=Target(FLOOD_LIMIT, on="value", text=f"≤ {FLOOD_LIMIT}"),
            note="no network: the product's SlidingWindowPacer against aiolimiter (AIORateLimiter's bucket)",
        ),
    ]
