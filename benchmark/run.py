"""Every benchmark in one run: seed the data, learn the plan, measure each figure, collect the rows.

A benchmark that fails does not stop the others: its row says it was not measured, and why, and the
run ends with an error status so that the smoke test fails.
"""

from __future__ import annotations

import asyncio
import sys
import time
import traceback
from collections.abc import Awaitable, Callable
from pathlib import Path

from benchmark import broadcast_pacing, pdf_speed, reminder_sweep, sql_per_update, startup, update_cost
from benchmark.calibrate import calibrate
from benchmark.config import Scale
from benchmark.report import Row, judge_busy, others_share, usage
from benchmark.seed import Seeded, seed
from benchmark.workload import ENGAGEMENTS, engagements_of

QUICK_AT_ONCE = 3  # benchmarks running together in a quick run, on 2 cores


def say(message: str) -> None:
    """Progress, on stderr: the table alone goes to stdout."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


async def seeded_sizes(scale: Scale, workdir: Path) -> list[Seeded]:
    """The databases at 1×, 10× and 100×, with the workload's members, a warm-up and a solo member."""
    sizes = []
    for coops in scale.sizes:
        path = workdir / "seed" / f"{coops}.sqlite3"
        sizes.append(await seed(path, coops, active=scale.members + 2, due_checkpoints=scale.due_checkpoints))
        say(f"seeded {coops:,} coops: {sizes[-1].rows:,} rows in {sizes[-1].seconds:.1f} s")
    return sizes


def needed_engagements(scale: Scale) -> set[int]:
    """The engagements of every round any member plays: the crowd, the warm-up and the solo member."""
    rounds = dict.fromkeys(range(scale.members + 1), 1) | {scale.members + 1: max(1, scale.latency_rounds)}
    return {e for member, count in rounds.items() for e in engagements_of(member, count)}


# the names ``--only`` takes, in the order the benchmarks run
NAMES = ("sql", "updates", "sweep", "start", "broadcast", "pdf")


async def run_all(
    scale: Scale, workdir: Path, only: frozenset[str] = frozenset(NAMES)
) -> tuple[list[Row], list[str]]:
    """Every figure's rows in the issue's order (or those ``only`` names), and the benchmarks' errors."""
    sizes = await seeded_sizes(scale, workdir)
    # every engagement of the workload, even those a quick run's few members never play: the quick run
    # in CI then proves that each round's scripted answers still complete its indicator
    played = sorted(needed_engagements(scale) | set(ENGAGEMENTS))
    plans = await calibrate(sizes[0], workdir / "calibration", played)
    say(f"calibrated {len(plans)} round(s) of {len(next(iter(plans.values())))} updates in-process")
    benchmarks: list[tuple[str, Callable[[], Awaitable[list[Row]]]]] = [
        ("SQL per update", lambda: sql_per_update.run(sizes[0], workdir / "sql")),
        ("CPU, latency and growth", lambda: update_cost.run(sizes, workdir / "updates", plans, scale)),
        ("reminder sweep", lambda: reminder_sweep.run(sizes, workdir / "sweep", scale.sweep_repeats)),
        ("start and memory", lambda: startup.run(sizes[1], workdir / "start", scale.starts)),
        (
            "broadcast",
            lambda: broadcast_pacing.run(workdir / "broadcast", scale.broadcast, scale.pacer_sends),
        ),
        ("PDF", lambda: pdf_speed.run(scale.pdf_runs, memory=not scale.quick)),
    ]
    benchmarks = [benchmark for key, benchmark in zip(NAMES, benchmarks, strict=True) if key in only]
    if scale.quick:  # the figures of a quick run mean nothing: its benchmarks may share the cores
        room = asyncio.Semaphore(QUICK_AT_ONCE)

        async def limited(name: str, benchmark: Callable[[], Awaitable[list[Row]]]):
            """One benchmark once there is room: all at once would starve a bot's start."""
            async with room:
                return await _guarded(name, benchmark)

        done = await asyncio.gather(*(limited(name, benchmark) for name, benchmark in benchmarks))
    else:  # one at a time: each measures alone on the machine
        done = [await _guarded(name, benchmark, judge=True) for name, benchmark in benchmarks]
    rows = [row for found, _error in done for row in found]
    errors = [error for _found, error in done if error]
    return sorted(rows, key=lambda row: row.section), errors


async def _guarded(
    name: str, benchmark: Callable[[], Awaitable[list[Row]]], judge: bool = False
) -> tuple[list[Row], str]:
    """The rows of one benchmark; if it fails, a row saying so and the error, the others go on."""
    started, before = time.monotonic(), usage()
    say(f"{name}…")
    try:
        rows, error = await benchmark(), ""
        if judge:  # alone on the machine but for other sessions: their share is measurable
            judge_busy(rows, others_share(before))
    except Exception as failure:  # one broken benchmark must not hide the others' figures
        error = f"{name}: {failure!r}\n{traceback.format_exc()}"
        why = str(failure).splitlines()[0][:300] if str(failure) else ""
        rows = [
            Row(f"{name}: not measured", f"error: {type(failure).__name__}", 99, unmeasured=True, note=why)
        ]
    say(f"{name}: {time.monotonic() - started:.0f} s")
    return rows, error
