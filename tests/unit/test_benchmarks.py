"""The benchmarks cannot rot: every one of them runs on tiny data, as ``python -m benchmark --quick``.

Not a timed test: the quick run's figures mean nothing (its benchmarks share the cores). What it
proves is that each benchmark still drives the product as it is (the scripted workload finds its
buttons, the echo bot answers like the product, the single join selects what the sweep sends) and
that the table and the JSON hold every figure of the performance issue.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from benchmark.report import UNMEASURED, Row, Target, judge_busy
from benchmark.update_cost import percentile
from benchmark.workload import ENGAGEMENTS, Press, round_script
from tests.databases import POSTGRES_URL

ROOT = Path(__file__).resolve().parents[2]
SECTIONS = set(range(1, 10))  # the eight figures of the issue, and the growth rows


@pytest.mark.skipif(
    POSTGRES_URL is not None, reason="the benchmarks run on SQLite: the SQLite run tries them"
)
def test_every_benchmark_runs_on_tiny_data(tmp_path):
    output = tmp_path / "results.json"
    run = subprocess.run(
        [sys.executable, "-m", "benchmark", "--quick", "--json", str(output)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert run.returncode == 0, run.stderr[-4000:]
    results = json.loads(output.read_text(encoding="utf-8"))
    assert results["scale"] == "quick"
    rows = results["rows"]
    assert {row["section"] for row in rows} == SECTIONS
    unmeasured = [(row["figure"], row["note"]) for row in rows if row["verdict"] == UNMEASURED]
    assert not unmeasured, unmeasured
    assert "| figure | ours | baseline (same run) | ratio | target | verdict |" in run.stdout


def test_a_round_leaves_the_dossier_as_it_found_it():
    for engagement in ENGAGEMENTS:
        presses = [action for action in round_script(engagement) if isinstance(action, Press)]
        chosen = [p for p in presses if p.prefix == "tg" and p.tail == (str(engagement), "1")]
        dropped = [p for p in presses if p.prefix == "tgy" and p.tail == (str(engagement),)]
        assert len(chosen) == len(dropped) == 1


def test_buttons_are_matched_by_prefix_and_trailing_arguments():
    assert Press("tg", ("3", "1")).matches("tg:812:3:1")
    assert not Press("tg", ("3", "1")).matches("tgy:812:3")
    assert not Press("tg", ("3", "1")).matches("tg:812:3:0")
    assert Press("in").matches("in:55") and not Press("in").matches("ia:1:3")
    assert Press("home").matches("home")


def test_verdicts_ratios_and_percentiles():
    ratio = Row("cpu", "30 ms", 1, value=30, baseline_value=20, target=Target(1.5))
    assert ratio.ratio == 1.5 and ratio.verdict == "✅"
    at_least = Row("rate", "0.83", 7, value=0.83, target=Target(0.95, on="value", at_most=False))
    assert at_least.verdict == "❌"
    assert Row("sql", "12 / 2", 3, value=12, target=Target(4, on="value"), met=True).verdict == "✅"
    assert Row("x", "—", 4, unmeasured=True, target=Target(1)).verdict == UNMEASURED
    assert percentile(list(range(1, 101)), 0.99) == 99
    assert percentile([5.0], 0.99) == 5.0


def test_wall_clock_figures_are_not_kept_when_others_took_the_cpu():
    latency = Row("p99", "178 ms", 2, value=178, baseline_value=163, target=Target(1.5), timed=True)
    cpu = Row("cpu", "48 ms", 1, value=48, baseline_value=12, target=Target(1.5))
    judge_busy([latency, cpu], share=0.76)
    assert latency.verdict == UNMEASURED and "76%" in latency.note
    assert cpu.verdict == "❌"  # CPU time from /proc is kept
    quiet = Row("p99", "70 ms", 2, value=70, baseline_value=20, target=Target(1.5), timed=True)
    judge_busy([quiet], share=0.05)
    assert quiet.verdict == "❌"
