"""The results: one row per figure, its verdict, the printed table and the JSON file."""

from __future__ import annotations

import json
import os
import platform
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

PASS, FAIL, UNMEASURED, INFO = "✅", "❌", "⚠️", "·"
# other processes above this share of the CPU during a benchmark: its wall-clock figures are not kept
BUSY = 0.25


@dataclass(frozen=True)
class Target:
    """What a row must reach: ``on`` the ratio or the value, ``at_most`` or ``at_least`` ``limit``."""

    limit: float
    on: str = "ratio"  # "ratio" | "value"
    at_most: bool = True
    text: str = ""  # how the target reads in the table

    def holds(self, ratio: float | None, value: float | None) -> bool | None:
        """Whether the target is met; None when the figure it bears on was not measured."""
        measured = ratio if self.on == "ratio" else value
        if measured is None:
            return None
        return measured <= self.limit if self.at_most else measured >= self.limit


@dataclass
class Row:
    """One line of the table: our figure, the baseline measured in the same run, the target."""

    figure: str
    ours: str
    section: int = 0  # the figure's number in the table; rows are printed in that order
    value: float | None = None  # the number behind ``ours``, in ``unit``
    unit: str = ""
    baseline: str = "—"
    baseline_value: float | None = None
    ratio: float | None = None
    target: Target | None = None
    note: str = ""
    unmeasured: bool = False  # the figure cannot be measured honestly here: said, not faked
    met: bool | None = None  # for a target of several parts (statements and commits): decided by the module
    timed: bool = False  # a wall-clock figure: when others take the CPU meanwhile, it cannot be trusted
    extra: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        # the ratio is ours / baseline whenever both exist, so that no module computes it its own way
        if self.ratio is None and self.value is not None and self.baseline_value:
            self.ratio = self.value / self.baseline_value

    @property
    def verdict(self) -> str:
        """✅ or ❌ against the target; ⚠️ when not measurable; · for an informative row."""
        if self.unmeasured:
            return UNMEASURED
        if self.met is not None:
            return PASS if self.met else FAIL
        if self.target is None:
            return INFO
        held = self.target.holds(self.ratio, self.value)
        if held is None:
            return UNMEASURED
        return PASS if held else FAIL

    def as_json(self) -> dict:
        """The row with its verdict, numbers kept as numbers."""
        data = asdict(self)
        data["verdict"] = self.verdict
        return data


def ratio_text(ratio: float | None) -> str:
    """« 3.6× », or « — » without a baseline."""
    return "—" if ratio is None else f"{ratio:.2f}×"


def machine() -> dict:
    """What the figures were measured on: absolute values only compare on the same kind of machine."""
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        total_kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{total_kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return {
        "cpu": model or platform.processor() or platform.machine(),
        "cores": os.cpu_count(),
        "memory": memory,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "load_before": load_average(),
    }


@dataclass(frozen=True)
class Usage:
    """CPU seconds used so far by the whole machine and by this process with its waited children."""

    machine: float
    own: float
    at: float


def usage() -> Usage:
    """A snapshot from /proc/stat (every CPU) and os.times() (this process and the bots it ran)."""
    ticks = os.sysconf("SC_CLK_TCK")
    try:
        fields = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:9]]
        busy = sum(fields) - fields[3] - fields[4]  # everything but idle and iowait
    except (OSError, ValueError, IndexError):
        busy = 0
    times = os.times()
    own = times.user + times.system + times.children_user + times.children_system
    return Usage(busy / ticks, own, time.monotonic())


def others_share(before: Usage) -> float:
    """The share of the machine's CPU that other processes took during the run (0 to 1)."""
    after = usage()
    others = (after.machine - before.machine) - (after.own - before.own)
    capacity = (after.at - before.at) * (os.cpu_count() or 1)
    return max(0.0, others) / capacity if capacity > 0 and after.machine else 0.0


def judge_busy(rows: list[Row], share: float) -> None:
    """Mark the wall-clock figures of a benchmark during which other processes took the CPU.

    On a shared machine, a latency or a start time measured while others compete says nothing
    of the product (a slow echo can even make the product pass): it is shown, flagged ⚠️, with why.
    CPU times (from /proc) and counts are kept: other processes do not change them much.
    """
    for row in rows:
        row.extra["others_cpu_share"] = round(share, 3)
        if row.timed and share > BUSY:
            row.unmeasured = True
            busy = (
                f"not kept: other processes took {share:.0%} of the CPU meanwhile, rerun on a quiet machine"
            )
            row.note = f"{busy}. {row.note}" if row.note else busy


def load_average() -> str:
    """The 1-minute load average: above the number of cores, others compete for the CPU."""
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except OSError:
        return "?"


def table(rows: list[Row]) -> str:
    """The rows as a Markdown table, ready for the README."""
    header = ("figure", "ours", "baseline (same run)", "ratio", "target", "verdict")
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        target = row.target.text if row.target else "—"
        cells = (row.figure, row.ours, row.baseline, ratio_text(row.ratio), target, row.verdict)
        lines.append("| " + " | ".join(cell.replace("|", "/") for cell in cells) + " |")
    return "\n".join(lines)


def notes(rows: list[Row]) -> str:
    """The notes of the rows that have one, numbered by row."""
    return "\n".join(f"- {row.figure}: {row.note}" for row in rows if row.note)


def write_json(path: Path, rows: list[Row], meta: dict) -> None:
    """The same table as JSON: machine, mode, duration and every row with its numbers."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {**meta, "rows": [row.as_json() for row in rows]}
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
