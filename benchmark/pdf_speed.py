"""How long the dossier PDF takes: the full sample dossier (12 × 3 × 3, long texts, a two-page PDF letter,
the changes appendix), rendered 20 times after a warm-up."""

from __future__ import annotations

import statistics
import sys
import time
import tracemalloc
from io import BytesIO
from pathlib import Path

# run as a script from anywhere: the repository root holds the packages
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pypdf import PdfReader

from conversations.render.pdf import render_pdf
from tests.pdf_samples import sample_report

RUNS = 20


def main() -> None:
    """Print the median and max render time, the pages, the size and the peak memory."""
    report = sample_report()
    start = time.perf_counter()
    data = render_pdf(report)  # the first render registers the fonts
    first = (time.perf_counter() - start) * 1000
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        render_pdf(report)
        timings.append((time.perf_counter() - start) * 1000)
    # measured apart: tracemalloc slows Python code down several times
    tracemalloc.start()
    render_pdf(report)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    pages = len(PdfReader(BytesIO(data)).pages)
    print(f"first render (fonts): {first:.0f} ms")
    print(f"{RUNS} renders: median {statistics.median(timings):.0f} ms, max {max(timings):.0f} ms")
    print(f"{pages} pages, {len(data) / 1024:.0f} kB, peak memory {peak / 1024 / 1024:.1f} MB")


if __name__ == "__main__":
    main()
