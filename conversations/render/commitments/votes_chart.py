"""A consultation's votes as a phone-sized PNG: one bar per choice, in the ballot's order."""

from __future__ import annotations

import textwrap

from conversations.render import charts
from conversations.render.charts import FONT, GREY, SIZE_SMALL, SIZE_TEXT, SIZE_TITLE, TEAL, new_figure, png
from conversations.render.commitments.consultations import ConsultationView, votes_text
from conversations.render.fonts import NOT_PRINTABLE
from locales import translator

ROW_IN, HEAD_IN = 1.2, 1.6  # a row: up to two lines of label, then the bar


def printed(view: ConsultationView, text: str) -> str:
    """The text as the PDF prints it, by the charts' one rule (``charts.printed``, against ``charts.glyphs``):
    no emoji drawn as a missing-glyph box, letters of a script the font lacks as the reader's marker."""
    return charts.printed(text, {"not_printable": translator(view.language).gettext(NOT_PRINTABLE)})


def _wrap(text: str, width: int) -> str:
    """At most two lines of about ``width`` characters, ending with … when cut."""
    lines = textwrap.wrap(" ".join(text.split()), width) or [""]
    if len(lines) > 2:
        lines = [lines[0], lines[1][: width - 1] + "…"]
    return "\n".join(lines)


def _text(target, x: float, y: float, text: str, **style: object) -> None:
    """Text in DejaVu Sans, never read as mathematics (a « $ » stays a dollar sign)."""
    style.setdefault("fontsize", SIZE_SMALL)
    target.text(x, y, text, family=FONT, parse_math=False, **style)


def votes_chart(view: ConsultationView) -> bytes:
    """The bar chart of a consultation's results (titles wrapped, counts and shares at the bars)."""
    rows = len(view.choices) or 1
    height = HEAD_IN + ROW_IN * rows + 0.4
    figure = new_figure(height)
    _text(
        figure,
        0.04,
        1 - 0.2 / height,
        _wrap(printed(view, view.question), 48),
        fontsize=SIZE_TITLE,
        fontweight="bold",
        color=TEAL,
        va="top",
    )
    _text(figure, 0.04, 1 - 1.15 / height, printed(view, view.participation), color=GREY, va="top")
    ax = figure.add_axes((0.04, 0.3 / height, 0.74, ROW_IN * rows / height))
    ax.set_axis_off()
    top = max([votes for _label, votes, _share in view.choices] + [1])
    ax.set_xlim(0, top)
    ax.set_ylim(rows, 0)
    for index, (label, votes, share) in enumerate(view.choices):
        _text(ax, 0, index + 0.05, _wrap(printed(view, label), 60), va="top", clip_on=False)
        ax.barh(index + 0.8, votes, height=0.28, color=TEAL)
        _text(
            ax,
            votes + top * 0.02,
            index + 0.8,
            f"{votes_text(view, votes)} ({share})",
            fontsize=SIZE_TEXT,
            fontweight="bold",
            va="center",
            clip_on=False,
        )
    return png(figure)
