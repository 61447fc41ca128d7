"""Phone-sized PNG charts (indicator progress, label dashboard): pure renderers of translated texts.

matplotlib is imported on the first chart, never with this module: the bot starts without it.
"""

from __future__ import annotations

import io
import math
import textwrap
from dataclasses import dataclass, replace
from functools import cache, partial
from itertools import pairwise
from typing import TYPE_CHECKING

from conversations.render.fonts import dejavu_folder, printable_in

if TYPE_CHECKING:  # matplotlib itself is imported by new_figure, on the first chart
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

# 1080 px wide at 100 dpi: the width of a phone screenshot, so Telegram shows it without downscaling much
DPI = 100
WIDTH_IN = 10.8
FONT = "DejaVu Sans"  # shipped with matplotlib, covers accents, €, « » and the narrow no-break space
# points at 100 dpi: 16 pt ≈ 22 px, the smallest size still readable once the image fits a phone screen
SIZE_TITLE, SIZE_TEXT, SIZE_SMALL = 22, 17, 16
TEAL, TEAL_LIGHT, GREEN, ORANGE = "#1f5f66", "#e3eff0", "#2e7d32", "#c0551b"
GREY, GRID = "#5a6668", "#b8c7c9"
LOW, HIGH = -0.2, 1.2  # the bar never leaves this range; a triangle marks values beyond it
LABEL_CHARS, TITLE_CHARS = 62, 44


@dataclass(frozen=True)
class ProgressRow:
    """A numeric indicator: where it started, where it is, where it should go (the last two as texts too)."""

    label: str
    baseline: float | None
    current: float | None
    target: float
    current_text: str
    target_text: str
    exact: bool = False  # a yes/no: reached at its target only (a number kept level: at or past it)


def _finite(value: float | None) -> float | None:
    """The value, or None when it is missing or not a real number (NaN, infinity)."""
    if value is None or not math.isfinite(value):
        return None
    return float(value)


def progress_fraction(row: ProgressRow) -> float | None:
    """How far current went from baseline to target (0 = start, 1 = target), unclipped; None if unmeasured."""
    current, target = _finite(row.current), _finite(row.target)
    if current is None or target is None:
        return None
    if row.exact:  # « non » kept « non » is missed by a « oui », though 1 is past 0 on the scale
        return 1.0 if current == target else 0.0
    baseline = _finite(row.baseline) or 0.0
    if target == baseline:  # no distance to cover: either reached or not
        return 1.0 if current >= target else 0.0
    # the same formula serves decreasing targets: both differences are negative
    return (current - baseline) / (target - baseline)


def _wrap(text: str, width: int, lines: int) -> str:
    """The text on at most `lines` lines of about `width` characters, ending with … when cut."""
    wrapped = textwrap.wrap(" ".join(text.split()), width, break_long_words=True) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: width - 1].rstrip() + "…"
    return "\n".join(wrapped)


def title_lines(title: str, width: int) -> str:
    """The title on two lines; a long one shortened before its last « · », so the date it was true stays."""
    head, dot, tail = title.rpartition(" · ")
    for cut in range(len(head), 0, -1) if dot else ():
        fitted = head[:cut].rstrip() + ("…" if cut < len(head) else "") + dot + tail
        if len(textwrap.wrap(" ".join(fitted.split()), width, break_long_words=True)) <= 2:
            return _wrap(fitted, width, 2)
    return _wrap(title, width, 2)


def new_figure(height_in: float) -> Figure:
    """A white figure of the phone width, with its own Agg canvas (no pyplot, no global state)."""
    import matplotlib

    matplotlib.use("Agg")  # said explicitly: a server never looks for a screen
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH_IN, height_in), dpi=DPI, facecolor="white")
    FigureCanvasAgg(figure)
    return figure


def _text(ax: Axes | Figure, x: float, y: float, text: str, **style: object) -> None:
    """Draw text in DejaVu Sans; user texts are never parsed as math, so a "$" stays a dollar sign."""
    style.setdefault("fontsize", SIZE_TEXT)
    style.setdefault("color", "black")
    ax.text(x, y, text, family=FONT, parse_math=False, **style)  # type: ignore[arg-type]


def _bare(ax: Axes) -> None:
    """Hide frame and ticks: every mark on these charts is drawn explicitly."""
    ax.set_axis_off()


def png(figure: Figure) -> bytes:
    """The figure as PNG bytes, at exactly its nominal size (no tight bbox, so the width stays 1080 px)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, facecolor="white", metadata={"Software": None})
    return buffer.getvalue()


def _title(figure: Figure, title: str, height_in: float, part: str = "") -> None:
    """The chart title at the top left, wrapped to two lines; a part's mark (« 2/7 ») at the top right."""
    style = {"fontsize": SIZE_TITLE, "fontweight": "bold", "va": "top"}
    width = TITLE_CHARS - len(part) - 2 if part else TITLE_CHARS  # the title leaves the mark its room
    _text(figure, 0.04, 1 - 0.25 / height_in, title_lines(title, width), ha="left", color=TEAL, **style)
    if part:
        _text(figure, 0.96, 1 - 0.25 / height_in, part, ha="right", color=GREY, **style)


def _empty_chart(title: str, message: str) -> bytes:
    """A minimal figure with the title and a centred message, for empty data."""
    height = 5.0
    figure = new_figure(height)
    _title(figure, title, height)
    _text(figure, 0.5, 0.45, _wrap(message, 50, 3), ha="center", va="center", color=GREY)
    return png(figure)


# Progress chart layout, in inches (then turned into data units of one row each)
HEADER_IN, ROW_IN, FOOTER_IN = 1.45, 1.35, 1.0
# rows in one image: 1,865 px tall at most, a phone screen's proportions, far within Telegram's photo limits
# (width + height ≤ 10,000 px), and within an A4 page at 70 % of its width (the bilan's PDF)
ROWS_PER_IMAGE = 12


@cache
def glyphs() -> frozenset[int]:
    """The characters DejaVu Sans has in both its faces (titles and values are bold); matplotlib is loaded."""
    from matplotlib.ft2font import FT2Font

    faces = (FT2Font(str(dejavu_folder() / f"DejaVuSans{face}.ttf")).get_charmap() for face in ("", "-Bold"))
    return frozenset.intersection(*map(frozenset, faces))


def printed(text: str, legend: dict[str, str]) -> str:
    """A typed text as the PDF prints it (``fonts.printable_in``): no emoji as a missing-glyph box (a coop
    named « Coop Horizon 🏡 »), letters the font lacks as the legend's marker in the reader's language."""
    return printable_in(text, glyphs(), legend.get("not_printable", "[…]"))[0]


def evenly(items: list, most: int) -> list[list]:
    """The items in as few blocks of at most ``most`` as can be, as even as can be (16 by 12: two of 8,
    not 12 and 4); no items: one empty block."""
    count = max(1, math.ceil(len(items) / most))
    cuts = [len(items) * n // count for n in range(count + 1)]
    return [items[start:end] for start, end in pairwise(cuts)]


def chart_parts(rows: list[ProgressRow]) -> list[tuple[list[ProgressRow], str]]:
    """The rows in images of at most ROWS_PER_IMAGE (``evenly``), each with its mark « 2/3 », none when
    the chart is one image; no rows: one image, the empty chart."""
    parts = evenly(rows, ROWS_PER_IMAGE)
    return [(part, f"{n}/{len(parts)}" if len(parts) > 1 else "") for n, part in enumerate(parts, 1)]


def progress_chart(rows: list[ProgressRow], title: str, legend: dict[str, str], part: str = "") -> bytes:
    """One bar per indicator from its baseline (0 %) to its target (100 %), "current → target" beside it;
    ``part`` marks one image of several (``chart_parts``)."""
    title = printed(title, legend)
    typed = ("label", "current_text", "target_text")  # a unit is typed too
    rows = [replace(row, **{name: printed(getattr(row, name), legend) for name in typed}) for row in rows]
    if not rows:
        return _empty_chart(title, legend["empty"])
    height = max(5.0, HEADER_IN + ROW_IN * len(rows) + FOOTER_IN)
    figure = new_figure(height)
    _title(figure, title, height, part)
    # left part holds the bars (from LOW to HIGH), the right part the value texts
    ax = figure.add_axes((0.04, FOOTER_IN / height, 0.62, ROW_IN * len(rows) / height))
    _bare(ax)
    ax.set_xlim(LOW - 0.02, HIGH + 0.05)
    ax.set_ylim(len(rows), 0)  # row i spans [i, i + 1], top to bottom
    bold_small = {"ha": "center", "va": "top", "fontsize": SIZE_SMALL, "fontweight": "bold"}
    for x, key, colour in ((0.0, "start", GREY), (1.0, "target", GREEN)):
        _text(ax, x, len(rows) + 0.08, legend[key], color=colour, **bold_small)
    small = {"fontsize": SIZE_SMALL, "color": GREY}
    _text(figure, 0.35, 0.2 / height, legend["progress"], ha="center", va="bottom", **small)
    for index, row in enumerate(rows):
        _progress_row(ax, index, row)
    return png(figure)


def _progress_row(ax: Axes, index: int, row: ProgressRow) -> None:
    """The label above, the clipped bar with an overflow mark, the value on its right (3+ lines: mid-row)."""
    label = _wrap(row.label, LABEL_CHARS, 2)
    _text(ax, LOW - 0.02, index + 0.08, label, ha="left", va="top", fontsize=SIZE_SMALL, clip_on=False)
    bar_y, bar_h = index + 0.72, 0.38
    # the span to cover as a light track, with the start and target lines drawn only beside the bar,
    # so they never run through the labels
    ax.barh(bar_y, 1, height=bar_h, color=TEAL_LIGHT, zorder=1)
    ax.plot([0, 0], [bar_y - 0.26, bar_y + 0.3], color=GREY, linewidth=2.5, zorder=3)
    ax.plot([1, 1], [bar_y - 0.26, bar_y + 0.3], color=GREEN, linewidth=3, linestyle=(0, (3, 1.5)), zorder=3)
    fraction = progress_fraction(row)
    if fraction is not None:
        shown = min(max(fraction, LOW), HIGH)
        colour = GREEN if fraction >= 1 else ORANGE if fraction < 0 else TEAL
        ax.barh(bar_y, shown, height=bar_h, color=colour, zorder=2)
        if fraction > HIGH or fraction < LOW:  # beyond the drawn range: a triangle says "and more"
            edge = {"markeredgecolor": "white", "markeredgewidth": 2, "zorder": 4, "clip_on": False}
            ax.plot(
                [shown], [bar_y], marker=">" if fraction > HIGH else "<", markersize=22, color=colour, **edge
            )
    lines, size = _value_lines(ax, row)
    style = {"ha": "left", "va": "center", "fontweight": "bold", "fontsize": size, "clip_on": False}
    _text(ax, HIGH + 0.12, bar_y if len(lines) < 3 else index + 0.6, "\n".join(lines), **style)


def _value_lines(ax: Axes, row: ProgressRow) -> tuple[list[str], int]:
    """« current → target » on a line; too wide, each on its lines, smaller, words whole, within the image."""
    from matplotlib.font_manager import FontProperties

    room = ax.figure.bbox.width * 0.96 - ax.transData.transform((HIGH + 0.12, 0))[0]  # the left margin's
    measure = ax.figure.canvas.get_renderer().get_text_width_height_descent  # type: ignore[attr-defined]

    def fits(lines: list[str], size: int = SIZE_SMALL) -> bool:
        font = FontProperties(family=FONT, size=size, weight="bold")
        return all(measure(line, font, ismath=False)[0] <= room for line in lines)

    def wrapped(text: str) -> list[str]:  # the widest lines that fit; textwrap breaks at plain spaces only
        # (« 1 234 heures » holds together), never inside a word: one wider than the room overflows whole
        wrap = partial(textwrap.wrap, text, break_on_hyphens=False, break_long_words=False)
        return next((lines for n in range(len(text), 0, -1) if fits(lines := wrap(n))), wrap(1))

    if fits([value := f"{row.current_text} → {row.target_text}"], SIZE_TEXT):
        return [value], SIZE_TEXT
    return [*wrapped(row.current_text), *wrapped("→ " + row.target_text)], SIZE_SMALL


def _percent(share: float, legend: dict[str, str]) -> str:
    """A share as a rounded percentage, in the format legend["percent"] gives (French « 42 % » by default,
    with the no-break space of every other percentage, ``formatting.format_percent``)."""
    return legend.get("percent", "{}\u00a0%").format(round(share * 100))


# Dashboard layout, in inches
STAGE_IN, GAUGE_IN = 1.0, 2.3


def dashboard_chart(
    stages: list[tuple[str, int]], engaged_share: float, aim: float, title: str, legend: dict[str, str]
) -> bytes:
    """Coops per lifecycle stage as horizontal bars, then a gauge of the engaged share against the aim."""
    height = max(5.5, HEADER_IN + STAGE_IN * len(stages) + GAUGE_IN)
    figure = new_figure(height)
    _title(figure, title, height)
    if stages:
        ax = figure.add_axes((0.04, (GAUGE_IN + 0.2) / height, 0.92, STAGE_IN * len(stages) / height))
        _stages(ax, stages)
    gauge = figure.add_axes((0.06, 0.5 / height, 0.88, 1.3 / height))
    _gauge(gauge, engaged_share, aim, legend)
    return png(figure)


def _stages(ax: Axes, stages: list[tuple[str, int]]) -> None:
    """One bar per stage with its label above and its count at the end of the bar."""
    _bare(ax)
    top = max(1, max(max(count, 0) for _, count in stages))
    ax.set_xlim(0, top * 1.15)  # room for the count after the longest bar
    ax.set_ylim(len(stages), 0)
    for index, (label, count) in enumerate(stages):
        _text(ax, 0, index + 0.05, _wrap(label, LABEL_CHARS, 1), ha="left", va="top", fontsize=SIZE_SMALL)
        ax.barh(index + 0.68, max(count, 0), height=0.4, color=TEAL, zorder=2)
        count_at = (max(count, 0) + top * 0.015, index + 0.68)
        _text(ax, *count_at, str(count), ha="left", va="center", fontweight="bold")


def _gauge(ax: Axes, engaged_share: float, aim: float, legend: dict[str, str]) -> None:
    """A 0–100 % track filled up to the engaged share, with a mark at the aim and both percentages as text."""
    _bare(ax)
    share = min(max(engaged_share if math.isfinite(engaged_share) else 0.0, 0.0), 1.0)
    aim = min(max(aim if math.isfinite(aim) else 0.0, 0.0), 1.0)
    ax.set(xlim=(0, 1), ylim=(0, 1))
    ax.barh(0.28, 1, height=0.36, color=TEAL_LIGHT, zorder=1)
    ax.barh(0.28, share, height=0.36, color=GREEN if share >= aim else TEAL, zorder=2)
    ax.plot([aim, aim], [0.0, 0.56], color=ORANGE, linewidth=4, zorder=3, solid_capstyle="butt")
    # caption above, percentage below it: two texts, so no language-specific "label : value" punctuation
    big = {"va": "bottom", "fontsize": SIZE_TITLE, "fontweight": "bold"}
    for x, align, key, value, colour in (
        (0, "left", "engaged", share, TEAL),
        (1, "right", "aim", aim, ORANGE),
    ):
        _text(ax, x, 1.0, _wrap(legend[key], 40, 1), ha=align, va="top", fontsize=SIZE_SMALL, color=GREY)
        _text(ax, x, 0.52, _percent(value, legend), ha=align, color=colour, **big)
