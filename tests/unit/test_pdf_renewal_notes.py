"""« Résultats du cycle 1 »: an engagement's notes under its table (« Nouveaux indicateurs au cycle 2 : … »)
stay on the page of the table's last row. They followed the block kept together (its title and table), and
could open the next page alone, above the next engagement, where they read as its own (a tester's finding:
engagement 10's, with 12 engagements of 3 indicators)."""

from __future__ import annotations

import re

import pytest

from tests.unit.test_pdf_renewal_figures import lines_of, renewal_pdf


def renamed(cycle, code, position):
    """Cycle 2 renames the indicators of even engagements: none carried over, each new."""
    return {"title": f"Nouvel indicateur {code}.{position}"} if cycle == 2 and code % 2 == 0 else {}


def astray(data: bytes, codes, per: int) -> list[int]:
    """The engagements whose note is on another page than their table's last row."""
    pages = [" ".join(lines) for lines in lines_of(data)]
    found = []
    for code in codes:
        note = next(
            page
            for page in pages
            if re.search(rf"Nouveaux indicateurs au cycle 2 : « Nouvel indicateur {code}\.0", page)
        )
        if f"Indicateur {code}.{per - 1} " not in note:
            found.append(code)
    return found


def test_a_note_is_not_left_alone_at_the_top_of_the_next_page():
    codes = range(1, 13)
    data = renewal_pdf(before=codes, now=codes, per=3, figures=renamed)
    assert astray(data, range(2, 13, 2), 3) == []


# 8: the note alone at the top of page 4 before; 20: a table that holds on its page, not its note: its
# last row goes with the note to the next page (engagement 2), or the note stayed alone there
@pytest.mark.parametrize("per", (8, 20))
def test_a_long_table_s_last_row_goes_with_its_note(per):
    codes = (1, 2, 3, 4)
    data = renewal_pdf(before=codes, now=codes, per=per, figures=renamed)
    assert astray(data, (2, 4), per) == []
