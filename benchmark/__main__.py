"""``python -m benchmark``: every figure of the performance issue, measured in one run, as one table.

    .venv/bin/python -m benchmark                 # the figures: about 7 minutes on 2 cores
    .venv/bin/python -m benchmark --quick         # every benchmark on tiny data: a smoke test
    .venv/bin/python -m benchmark --json out.json # the JSON elsewhere (default benchmark/results.json)
    .venv/bin/python -m benchmark --only updates,sql  # some benchmarks only (while working on them)

``QUALICOOP_BENCH_QUICK=1`` asks for the quick run too. The table goes to stdout, progress to stderr;
the exit status is 1 when a benchmark could not run (a target missed is a figure, not an error).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

from benchmark.config import scale_from
from benchmark.report import BUSY, load_average, machine, notes, others_share, table, usage, write_json
from benchmark.run import NAMES, run_all, say

HERE = Path(__file__).resolve().parent


def parse(argv: list[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(prog="python -m benchmark", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny data: proves every benchmark still runs")
    parser.add_argument(
        "--json", type=Path, help="where to write the results (default benchmark/results.json)"
    )
    parser.add_argument(
        "--workdir", type=Path, help="keep the databases and logs there instead of a temp dir"
    )
    parser.add_argument(
        "--only",
        type=lambda names: frozenset(names.split(",")),
        default=frozenset(NAMES),
        help=f"some benchmarks only, comma-separated, among: {', '.join(NAMES)}",
    )
    args = parser.parse_args(argv)
    if unknown := args.only - set(NAMES):
        parser.error(f"unknown benchmark(s): {', '.join(sorted(unknown))}")
    return args


def main(argv: list[str] | None = None) -> int:
    """Run everything, print the table, write the JSON; 1 if a benchmark failed to run."""
    args = parse(argv)
    scale = scale_from(args.quick)
    default = HERE / ("results-quick.json" if scale.quick else "results.json")
    output = args.json or default
    about = machine()
    say(f"{scale.name} run on {about['cpu']}, {about['cores']} cores, load {about['load_before']}")
    started, before = time.monotonic(), usage()
    with tempfile.TemporaryDirectory(prefix="qualicoop-bench-") as temporary:
        workdir = args.workdir or Path(temporary)
        rows, errors = asyncio.run(run_all(scale, workdir, args.only))
    seconds = time.monotonic() - started
    about["load_after"] = load_average()
    # other sessions on a shared machine make every figure noisier: say how much they took
    about["others_cpu_share"] = round(others_share(before), 3)
    if scale.quick:
        print("Quick run: tiny data and benchmarks sharing the cores; the figures mean nothing.\n")
    print(table(rows))
    print()
    print(notes(rows))
    print()
    print(
        f"{scale.name} run, {seconds:.0f} s; {about['cpu']}, {about['cores']} cores, {about['memory']}, "
        f"Python {about['python']}; load average {about['load_before']} before, {about['load_after']} after; "
        f"other processes took {about['others_cpu_share']:.0%} of the CPU during the run"
    )
    if about["others_cpu_share"] > BUSY:
        print("Other work shared the machine during the run: the figures are noisier than on a quiet one.")
    write_json(output, rows, {"scale": scale.name, "seconds": round(seconds, 1), "machine": about})
    for error in errors:
        print(f"\nbenchmark failed: {error}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
