"""Figures 5 and 6: from spawn to the first getUpdates, and the resident memory once started.

Both bots start from the same interpreter on the 10× database (2,000 coops) with their production
settings (rate limiter on), each on a fresh fake server; starts alternate (E P, P E, …) and the median
is kept. The memory is read from /proc a moment after the first getUpdates, when start-up is over.

Both bots start from compiled bytecode, as an installed package does: ``pip install`` (the Docker
image) compiles every module once. A checkout with an editable install, run where
PYTHONDONTWRITEBYTECODE is set (the Dockerfile sets it, and so may a developer's shell), would
otherwise compile the product's ~170 modules from source at every start, about 0.4 s of CPU that
no installed bot pays, against the echo bot's one module.
"""

from __future__ import annotations

import asyncio
import compileall
import shutil
import statistics
from dataclasses import dataclass
from pathlib import Path

from benchmark.fake import BenchTelegram, serving
from benchmark.processes import ECHO, PRODUCT, ROOT, BotProcess, bot_environment, rss_bytes, started
from benchmark.report import Row, Target
from benchmark.seed import Seeded

SETTLE_SECONDS = 1.0  # after the first getUpdates: jobs scheduled, first poll under way
# the packages both bots import from the checkout (the echo bot is benchmark/echo_bot.py)
CHECKOUT_PACKAGES = ("bot", "conversations", "models", "locales", "benchmark")


@dataclass
class Start:
    """One start of one bot."""

    kind: str
    seconds: float
    rss: int


async def start_once(kind: str, seeded: Seeded, workdir: Path) -> Start:
    """Spawn a bot, time its first getUpdates, read its memory, stop it."""
    fake = BenchTelegram()
    try:
        async with serving(fake) as server:
            env = bot_environment(server, seeded.copy_to(workdir / "db"), rate_limit=True, plan=None)
            bot = BotProcess(kind, env, workdir)
            seconds = await started(bot, fake)
            try:
                await asyncio.sleep(SETTLE_SECONDS)
                memory = rss_bytes(bot.pid)
            finally:
                await bot.stop()
    finally:
        shutil.rmtree(workdir / "db", ignore_errors=True)
    return Start(kind, seconds, memory)


def compile_bytecode() -> None:
    """Compile the checkout's modules as ``pip install`` does (only those changed since)."""
    for package in CHECKOUT_PACKAGES:
        compileall.compile_dir(ROOT / package, quiet=1)


async def measure(seeded: Seeded, workdir: Path, starts: int) -> dict[str, list[Start]]:
    """``starts`` starts of each bot, alternated, both from compiled bytecode."""
    compile_bytecode()
    done: dict[str, list[Start]] = {ECHO: [], PRODUCT: []}
    for number in range(starts):
        order = (ECHO, PRODUCT) if number % 2 == 0 else (PRODUCT, ECHO)
        for kind in order:
            done[kind].append(await start_once(kind, seeded, workdir / f"{kind}-{number}"))
    return done


def median_seconds(starts: list[Start]) -> float:
    """The median start time."""
    return statistics.median(s.seconds for s in starts)


def median_rss(starts: list[Start]) -> float:
    """The median memory after start, in bytes."""
    return statistics.median(s.rss for s in starts)


async def run(seeded: Seeded, workdir: Path, starts: int) -> list[Row]:
    """Start time and memory after start, product against echo, on the 10× database."""
    done = await measure(seeded, workdir, starts)
    ours, echo = median_seconds(done[PRODUCT]), median_seconds(done[ECHO])
    memory, echo_memory = median_rss(done[PRODUCT]) / 2**20, median_rss(done[ECHO]) / 2**20
    how = f"median of {starts} start(s) each, alternated, rate limiter on (production settings)"
    return [
        Row(
            f"start to first getUpdates, {seeded.coops:,}-coop database",
            f"{ours:.2f} s",
            5,
            value=ours,
            unit="s",
            timed=True,
            baseline=f"echo {echo:.2f} s",
            baseline_value=echo,
            target=Target(1.5, text="≤ 1.5× the echo"),
            note=f"{how}; from spawn of the interpreter to the first getUpdates reaching the fake server",
        ),
        Row(
            "resident memory after start",
            f"{memory:.0f} MB",
            6,
            value=memory,
            unit="MB",
            baseline=f"echo {echo_memory:.0f} MB",
            baseline_value=echo_memory,
            target=Target(1.5, text="≤ 1.5× the echo"),
            note=f"{how}; RSS from /proc {SETTLE_SECONDS:.0f} s after the first getUpdates",
        ),
    ]
