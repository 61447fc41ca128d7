"""The committee's PDF on paper: what is as wide as the page's text (a table, an axis's band, a box) starts
and ends on the margins, where the footer's rule does. A reader of the printed dossier saw every table
end about 6 points right of the band above it and of the footer's rule, and, on the cover, the values of
the identity, « Parcours » and « En bref » tables start at three different places down the page.
A page that goes on with an indicator says whose it is: a page opened on « Plan d’actions » read as
nobody's."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from reportlab.platypus import Table

from conversations.render.pdf import render_pdf
from conversations.render.pdf.layout import Boxed
from tests.pdf_samples import sample_report
from tests.unit.test_pdf_long_dossier import A4_WIDTH, COURSE, MARGIN, lines_of, words

FULL = A4_WIDTH - 2 * MARGIN - 1  # as wide as the text, give or take a point


@pytest.fixture(scope="module")
def drawn() -> list[tuple[int, str, float, float, tuple]]:
    """Every table and box the sample dossier (past a refusal: the cover's « Parcours » too) draws: its
    page, kind, left edge on the sheet, width and columns' widths."""
    seen: list[tuple[int, str, float, float, tuple]] = []
    table_draw, box_draw = Table.draw, Boxed.draw

    def table(self) -> None:
        left, _ = self.canv.absolutePosition(0, 0)
        seen.append((self.canv.getPageNumber(), "table", left, self._width, tuple(self._colWidths)))
        table_draw(self)

    def box(self) -> None:
        left, _ = self.canv.absolutePosition(0, 0)
        seen.append((self.canv.getPageNumber(), "box", left, self.width, ()))
        box_draw(self)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Table, "draw", table)
        patch.setattr(Boxed, "draw", box)
        render_pdf(replace(sample_report(), course=COURSE))
    return seen


def test_what_is_as_wide_as_the_text_starts_and_ends_on_the_margins(drawn):
    wide = [(page, kind, left, width) for page, kind, left, width, _ in drawn if width >= FULL]
    assert {kind for _, kind, _, _ in wide} == {"table", "box"}  # the band and the figures, the callout
    assert len(wide) > 40  # 36 indicators' figures among them
    for page, kind, left, width in wide:
        assert left == pytest.approx(MARGIN, abs=0.01), (page, kind, left)
        assert left + width == pytest.approx(A4_WIDTH - MARGIN, abs=0.01), (page, kind, left + width)


def test_the_cover_s_tables_start_their_values_at_one_place(drawn):
    cover = [columns for page, _, _, _, columns in drawn if page == 1 and len(columns) == 2]
    assert len(cover) == 3  # identity, course, at a glance
    assert len({round(columns[0], 2) for columns in cover}) == 1, cover


def test_a_page_going_on_with_an_indicator_says_whose_it_is(tmp_path):
    pages = [lines_of(page) for page in words(render_pdf(sample_report()), tmp_path)]
    first = next(n for n, lines in enumerate(pages) if lines[0].startswith("Axe 1 — "))
    end = next(n for n, lines in enumerate(pages) if "Démarche et implication" in lines)
    opening = re.compile(
        r"Axe \d+ — |Engagement \d+ — |Indicateur \d+ — |Engagement \d+ · Indicateur \d+ — |Démarche et impl"
    )
    reminded = 0
    for number in range(first, end + 1):
        assert opening.match(pages[number][0]), (number + 1, pages[number][:2])
        reminded += pages[number][0].startswith("Engagement") and " · " in pages[number][0]
    assert reminded  # the sample has pages opening on an indicator's plan or rationale
