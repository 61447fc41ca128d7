"""A short text (an indicator's title, an action's owner, a document's label, a unit) is kept on one line:
a line break or a tab pasted from a spreadsheet becomes a space, nothing else of it is lost."""

from __future__ import annotations

from models.parsing.text import one_line


def test_line_breaks_and_tabs_become_spaces():
    assert one_line("Part de BRS\t25 %") == "Part de BRS 25 %"
    assert one_line("Ligne un\nLigne deux\t fin") == "Ligne un Ligne deux  fin"  # inner spaces kept
    assert one_line("  Part de BRS\n\n dans la production  ") == "Part de BRS dans la production"
