"""Where the DejaVu fonts are: the copies matplotlib ships, found without importing matplotlib.

Importing matplotlib costs about a second and tens of megabytes; a PDF only needs its font files.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path


@cache
def dejavu_folder() -> Path:
    """The folder of matplotlib's bundled DejaVu TTF files (no system font needed)."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("matplotlib is not installed: its DejaVu fonts are what the PDFs print with")
    return Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"
