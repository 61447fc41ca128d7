"""« Résultats du cycle 1 » in a renewal's PDF: per engagement of the earlier cycle, a table of its
indicators (start, target by its date, last value reached and when, the value and target in the cycle
under review where the coop carried it over), the notes the chat's « 📜 Cycle 1 » gives too, then the
engagements the cycle under review added. Its own page, right after the cover.
"""

from __future__ import annotations

import re

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak

from conversations.render.pdf.contents import Contents, heading
from conversations.render.pdf.layout import Together
from conversations.render.pdf.renewal.results import EngagementResults, RenewalView, ResultRow
from conversations.render.pdf.style import WIDTH, Styles, grid
from conversations.render.pdf.typography import para

KEY = "renewal"  # its entry in the cover's contents
# the title gets what the figures leave: a coop's usual figures (« 1 250 logements », « 1 234 567,50 € »,
# 29.7 and 27.1 mm with the cell's padding), « 30 septembre 2028 » and « on 30 September 2028 » (their
# dates in the smaller grey) each hold on a line
FIGURE_COLUMNS = (31 * mm, 31 * mm, 36 * mm, 36 * mm)
COLUMNS = (WIDTH - sum(FIGURE_COLUMNS), *FIGURE_COLUMNS)
# the no-break space between a number and a unit in words (« 12 500 personnes »): a larger figure breaks
# there, not inside the word or the number; « € » and « % » stay on the number's line (``typeset``)
UNIT_SPACE = re.compile(r"(?<=\d)\u00a0(?=[^\W\d_])")


def contents_entry(view: RenewalView) -> tuple[str, str]:
    """The part's line in the cover's contents."""
    return KEY, view.title


def cells(row: ResultRow, s: Styles) -> list:
    """An indicator's row: its title, then each figure with its date in grey under it (the figure grey
    too where the coop did not carry the indicator over)."""

    def dated(pair: tuple[str, str], style=s.cell) -> list:
        value, day = pair
        value = para(figure(value), style)
        return [value, para(day, s.cell_small)] if day else [value]

    now = dated(row.now, s.cell if row.carried else s.cell_small)
    return [para(row.title, s.cell_bold), *dated((row.start, "")), dated(row.target), dated(row.reached), now]


def figure(value: str) -> str:
    """A figure as its cell prints it: whole on its line, or broken between its number and its unit."""
    return UNIT_SPACE.sub(" ", value)


class Tailed(Together):
    """An engagement's headings, its table and the notes under it (« Nouveaux indicateurs au cycle 2 : … »):
    split as ``Together`` splits them, the notes kept with at least the table's last row, never alone at
    the top of the next page, where they read as the next engagement's."""

    def __init__(self, flowables: list, opening: int, tail: int) -> None:
        super().__init__(flowables, opening)
        self.tail = tail  # the notes ending it

    def opened(self, width: float, height: float) -> list | None:
        """``Together.opened``; the table's rest and the notes kept together in turn, on the next page;
        the table's last row moved there with the notes when the table holds here but not they."""
        made = super().opened(width, height)
        if made is None:
            return None
        head, notes = made[: self.opening], made[len(made) - self.tail :]
        parts = made[self.opening : len(made) - self.tail]
        if len(parts) == 1:
            table = parts[0]
            parts = table.splitOn(self.canv, width, table._height - table._rowHeights[-1] / 2)
            if len(parts) != 2:  # a table of one row: the whole block on the next page
                return None
        return [*head, parts[0], Tailed([*parts[1:], *notes], 0, self.tail)]


def engagement_story(view: RenewalView, engagement: EngagementResults, s: Styles) -> list[Flowable]:
    """One engagement of the earlier cycle: its title and notes kept with the start of its table."""
    lead: list[Flowable] = [para(engagement.title, s.h2), *(para(n, s.summary) for n in engagement.before)]
    after = [para(note, s.summary) for note in engagement.after]
    if not engagement.rows:
        return [Together([*lead, *after], len(lead))]
    head = [para(column, s.cell_head) for column in view.columns]
    table = grid([head, *(cells(row, s) for row in engagement.rows)], list(COLUMNS), head=True)
    if not after:
        return [Together([*lead, table], len(lead))]
    return [Tailed([*lead, table, *after], len(lead), len(after))]


def renewal_story(view: RenewalView | None, s: Styles, contents: Contents) -> list[Flowable]:
    """The part, on pages of its own; nothing for a first cycle."""
    if view is None:
        return []
    story: list[Flowable] = [heading(view.title, s.h1, contents, KEY), para(view.intro, s.summary)]
    for engagement in view.engagements:
        story += engagement_story(view, engagement, s)
    if view.added:
        story.append(para(view.added[0], s.h2))
        story += [para(name, s.bullet, "•") for name in view.added[1:]]
    return [*story, PageBreak()]
