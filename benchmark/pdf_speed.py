"""Figure 8: the PDF of a full dossier, 12 engagements × 3 indicators × 3 actions.

Rendered in a child process, so that the fonts registered, the modules imported and the memory used
are the PDF's alone: the first render (fonts and imports), then the median of the next ones, the
pages, the size and the peak memory of one render (tracemalloc, apart: it slows the code down).
The renders' CPU time is noted beside their wall time: on a machine shared with other work the two
part, and the gap is the time spent waiting for a core, not rendering.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import time
import tracemalloc
from io import BytesIO

from benchmark.processes import ROOT
from benchmark.report import Row, Target

SECTION = 8
SHAPE = (12, 3, 3)  # engagements, indicators per engagement, actions per indicator
TARGET_MS = 150


def measure(runs: int, memory: bool = True) -> dict:
    """In this process: render the sample dossier ``runs`` times after a first render."""
    from pypdf import PdfReader

    started = time.perf_counter()
    from conversations.render.pdf import render_pdf
    from tests.pdf_samples import sample_report

    engagements, indicators, actions = SHAPE
    report = sample_report(engagements=engagements, indicators=indicators, actions=actions)
    data = render_pdf(report)  # the first render imports and registers the fonts
    first = (time.perf_counter() - started) * 1000
    timings, cpu = [], []
    for _ in range(runs):
        started, cpu_started = time.perf_counter(), time.process_time()
        render_pdf(report)
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
    peak = None
    if memory:  # three times slower under tracemalloc: left out of the quick run
        tracemalloc.start()
        render_pdf(report)
        peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
        tracemalloc.stop()
    return {
        "first_ms": first,
        "median_ms": statistics.median(timings),
        "max_ms": max(timings),
        "cpu_median_ms": statistics.median(cpu),
        "pages": len(PdfReader(BytesIO(data)).pages),
        "kb": len(data) / 1024,
        "peak_mb": peak,
    }


async def run(runs: int, memory: bool = True) -> list[Row]:
    """The measure in a fresh interpreter; one row against the target."""
    command = [sys.executable, "-m", "benchmark.pdf_speed", str(runs), "memory" if memory else "-"]
    child = await asyncio.create_subprocess_exec(*command, cwd=ROOT, stdout=asyncio.subprocess.PIPE)
    out, _ = await child.communicate()
    if child.returncode != 0:
        raise RuntimeError(f"the PDF benchmark failed (exit {child.returncode})")
    found = json.loads(out.decode().strip().splitlines()[-1])
    shape = " × ".join(map(str, SHAPE))
    peak = "" if found["peak_mb"] is None else f", peak memory {found['peak_mb']:.1f} MB"
    return [
        Row(
            f"PDF of a full dossier, {shape}",
            f"{found['median_ms']:.0f} ms",
            SECTION,
            value=found["median_ms"],
            unit="ms",
            timed=True,
            target=Target(TARGET_MS, on="value", text=f"< {TARGET_MS} ms"),
            note=(
                f"median of {runs} renders (max {found['max_ms']:.0f} ms, CPU median "
                f"{found['cpu_median_ms']:.0f} ms); first render with imports and "
                f"fonts {found['first_ms']:.0f} ms; {found['pages']} pages, {found['kb']:.0f} kB{peak}"
            ),
            extra=found,
        )
    ]


if __name__ == "__main__":
    arguments = sys.argv[1:] + ["20", "memory"][len(sys.argv) - 1 :]
    print(json.dumps(measure(int(arguments[0]), arguments[1] == "memory")))
