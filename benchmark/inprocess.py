"""The real Application in the benchmark's own process: the tests' BotHarness on a seeded database."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

from benchmark.seed import Seeded
from tests.harness import BotHarness


async def started_harness(seeded: Seeded, workdir: Path, now: datetime | None = None) -> BotHarness:
    """A started BotHarness on a private copy of ``seeded`` (its clock fixed at ``now`` if given)."""
    workdir.mkdir(parents=True, exist_ok=True)
    harness = BotHarness(workdir) if now is None else BotHarness(workdir, clock=lambda: now)
    shutil.copyfile(seeded.path, Path(harness.database_url.split("///", 1)[1]))
    await harness.start()
    return harness
