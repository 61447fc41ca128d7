"""The README's « Hardening » figures are the matrix's: before, they had stayed at 147 button prefixes and
1,737 cells while the matrix had grown to 166 and 1,971 (a new button adds its row; this says to update
the README with it)."""

from __future__ import annotations

from pathlib import Path

from conversations.ui import callbacks as cb
from tests.hardening import matrix_rows
from tests.hardening.world import Kind

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def hardening() -> str:
    """The README's « Hardening » section, on one line."""
    start = README.index("## Hardening")
    return " ".join(README[start : README.find("\n## ", start + 1)].split())


def test_the_readme_gives_the_matrix_s_own_figures():
    rows = [*matrix_rows.COMMANDS.values(), *matrix_rows.CALLBACKS.values(), *matrix_rows.ROUTES.values()]
    allowed = [row if isinstance(row, frozenset) else row[-1] for row in rows]  # a row's kinds let in
    cells, refused = len(rows) * len(Kind), sum(len(Kind) - len(kinds) for kinds in allowed)
    said = hardening()
    assert f"the real Application ({len(matrix_rows.COMMANDS)})" in said
    assert (
        f"`callbacks.REGISTRY` ({len(cb.REGISTRY)}, a few with two rows: {len(matrix_rows.CALLBACKS)})"
        in said
    )
    assert f"({len(matrix_rows.ROUTES)}) × {len(Kind)} kinds of visitor" in said
    assert f"**{cells:,} cells**" in said and f"{refused:,} cells are refusals" in said
