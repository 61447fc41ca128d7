"""Where tests keep what a reader looks at (pictures of the PDF, screenshots of the Mini App).

``artifacts/`` at the repository's root, or ``QUALICOOP_TEST_ARTIFACTS`` (CI runs the suite on
SQLite and on PostgreSQL at once: each run keeps its own).
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def artifacts(kind: str) -> Path:
    """The folder of one kind of artifact (not created)."""
    return Path(os.environ.get("QUALICOOP_TEST_ARTIFACTS") or ROOT / "artifacts").resolve() / kind
