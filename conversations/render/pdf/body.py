"""The engagements chosen, axis by axis: each indicator with its figures, then its rationale and its
action plan flowing at full width under their headings; a page going on with an indicator opens on a
reminder of whose it is, « Engagement 5 · Indicateur 3 — Charte de la gouvernance partagée », in grey
(a page opened on « Plan d’actions » read as nobody's).
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import ActionFlowable, CondPageBreak, Flowable, PageBreak, TableStyle

from conversations.render.pdf.contents import Contents, heading
from conversations.render.pdf.layout import Grid, Together
from conversations.render.pdf.style import NBSP, SECTION_SPACE, TEAL, WIDTH, Styles, grid
from conversations.render.pdf.typography import label, long_text, para, typeset
from conversations.render.report import AxisView, DossierReport, EngagementView, IndicatorView

FIGURES = ("kind", "current", "target", "target_date")
FOLLOWED_FIGURES = ("kind", "start", "current", "target", "target_date")  # from admissibility on
UNDER = {"spaceBefore": 0, "spaceAfter": 1 * mm, "keepWithNext": 1}  # a note under a heading, kept with it


def band(text: str, s: Styles, contents: Contents, key: str, count: str = "") -> Grid:
    """A full-width teal band where an axis starts, some room above it: its title, and on its right how
    many of its engagements were chosen (« 3 engagements sur 4 », on the title's first line)."""
    title = heading(text, s.band, contents, key)
    commands = [
        ("BACKGROUND", (0, 0), (-1, -1), TEAL),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (0, 0), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
    ]
    if not count:
        table = Grid([[title]], colWidths=[WIDTH])
    else:
        count = count.replace(" ", NBSP)  # on one line, never « 4 » alone
        room = stringWidth(typeset(count), s.band_count.fontName, s.band_count.fontSize) + 8 + 1
        table = Grid([[title, para(count, s.band_count)]], colWidths=[WIDTH - room, room])
        lowered = s.band.fontSize - s.band_count.fontSize  # its baseline on the title's first one
        commands += [
            ("LEFTPADDING", (1, 0), (1, 0), 0),
            ("RIGHTPADDING", (1, 0), (1, 0), 8),
            ("TOPPADDING", (1, 0), (1, 0), 5 + lowered),
        ]
    table.setStyle(TableStyle(commands))
    table.keepWithNext, table.spaceBefore = 1, SECTION_SPACE
    return table


class Running(ActionFlowable):
    """Where an indicator's story starts (its reminder, and its opening: its heading and those it comes
    first under, a page opening on one of them needs no reminder) or ends (nothing): taken in by the
    document, never drawn."""

    def __init__(self, reminder: tuple[str, ParagraphStyle] | None = None, opening: tuple = ()):
        super().__init__()
        self.reminder, self.opening = reminder, opening

    def apply(self, document) -> None:
        """The document now in this indicator's story (or out of any)."""
        document.running = self


def resumed(document, flowables: list) -> None:
    """Before the first flowable of a page within an indicator's story, other than its opening (alone or in
    a block), the indicator's reminder; only once for a flowable (one that does not fit under it moves on)."""
    running: Running | None = getattr(document, "running", None)
    first = flowables[0] if flowables else None
    if running is None or running.reminder is None or first is None:
        return
    frame = getattr(document, "frame", None)  # none once the story is done
    if frame is None or not frame._atTop or isinstance(first, (ActionFlowable, PageBreak)):
        return
    if any(piece is first or piece in getattr(first, "_content", ()) for piece in running.opening):
        return
    if getattr(document, "_resumed", None) is first:
        return
    document._resumed = first
    flowables.insert(0, para(*running.reminder))


def cell(text: str, style, width: float) -> object:
    """A table cell: plain text when it holds on one line (cheap to lay out), a paragraph when it wraps."""
    text = typeset(text)
    if "\n" not in text and stringWidth(text, style.fontName, style.fontSize) <= width - 8:
        return text
    return para(text, style)


def figures(report: DossierReport, indicator: IndicatorView, s: Styles) -> Grid:
    """The indicator's figures in a small table: kind, (once followed, its starting value,) current value,
    target, target date."""
    keys = FIGURES if indicator.start is None else FOLLOWED_FIGURES
    width = WIDTH / len(keys)
    values = [getattr(indicator, key) for key in keys]
    table = grid(
        [
            [cell(label(report, key), s.cell_head, width) for key in keys],
            [cell(v, s.cell, width) for v in values],
        ],
        [width] * len(keys),
        head=True,
        extra=[
            ("FONT", (0, 0), (-1, 0), s.cell_head.fontName, s.cell_head.fontSize),
            ("TEXTCOLOR", (0, 0), (-1, 0), s.cell_head.textColor),
            ("FONT", (0, 1), (-1, 1), s.cell.fontName, s.cell.fontSize),
        ],
    )
    table.keepWithNext = 1
    return table


def indicator_story(
    report: DossierReport, number: int, indicator: IndicatorView, s: Styles, lead: list[Flowable], code: int
) -> list[Flowable]:
    """An indicator: its title and figures kept on one page with its rationale and the start of its
    action plan, and with ``lead`` (the headings it comes first under); then the rest of its plan.
    A block taller than what is left of a page keeps only its headings and its rationale's first lines
    together: the rest flows (``Together``'s opening), a page it goes on with reminded whose it is."""
    L = lambda key: label(report, key)  # noqa: E731
    opening = len(lead) + 3  # the headings, the title, the figures, the rationale's label
    title = f"{L('indicator')} {number} — {indicator.title}"
    running = Running((f"{L('engagement')} {code} · {title}", s.reminder), (*lead, para(title, s.h3)))
    head = [
        *running.opening,
        figures(report, indicator, s),
        para(L("rationale"), s.label),
        *long_text(indicator.rationale, s.body),
        para(L("actions"), s.label),
    ]
    if not indicator.actions:
        return [running, Together([*head, para(L("no_action"), s.summary)], opening), Running()]
    story: list[Flowable] = [running]
    for count, action in enumerate(indicator.actions, start=1):
        due = action.due if action.dated else L("not_set")  # « échéance : à renseigner », no ⚠️
        owner = action.owner if action.carried else L("not_set")  # « Porteur : à renseigner »
        # two one-style paragraphs, not one of two styles: reportlab breaks the latter six times slower
        pair = [
            para(action.description, s.action, bullet=f"{count}."),
            para(L("action_meta").format(owner=owner, due=due), s.action_meta),
        ]
        story += [Together([*head, *pair], opening)] if count == 1 else pair
    return [*story, Running()]


def engagement_story(
    report: DossierReport, engagement: EngagementView, s: Styles, lead: list[Flowable], starred: int | None
) -> list[Flowable]:
    """One chosen engagement and its indicators, its heading (and ``lead``) kept with the first one's start:
    a heading never ends a page alone. The first engagement whose title is provisional (``starred``)
    says what its asterisk means under its title, where the reader meets it."""
    star = f"{NBSP}*" if engagement.provisional else ""  # never alone on a line
    heading = [para(f"{label(report, 'engagement')} {engagement.code} — {engagement.title}{star}", s.h2)]
    if engagement.code == starred:
        heading.append(para(label(report, "provisional_note"), ParagraphStyle("star", s.note, **UNDER)))
    if not engagement.indicators:
        return [*lead, *heading, para(label(report, "no_indicator"), s.summary)]  # kept by keepWithNext
    story: list[Flowable] = []
    for number, indicator in enumerate(engagement.indicators, start=1):
        lead_in = [*lead, *heading] if number == 1 else []
        story += indicator_story(report, number, indicator, s, lead_in, engagement.code)
    return story


def axis_story(
    report: DossierReport, axis: AxisView, s: Styles, contents: Contents, starred: int | None = None
) -> list[Flowable]:
    """An axis: its band (how many engagements were chosen in it), its summary, then those engagements
    (the band and summary kept with the first one's start)."""
    lead: list[Flowable] = [
        band(axis_title(report, axis), s, contents, f"axis-{axis.code}", axis.chosen_text)
    ]
    if axis.summary:
        lead.append(para(axis.summary[:1].upper() + axis.summary[1:], s.summary))
    if not axis.engagements:
        return [CondPageBreak(70 * mm), *lead]
    story: list[Flowable] = []
    for engagement in axis.engagements:
        story += engagement_story(report, engagement, s, lead, starred)
        lead = []
    return story


def axis_title(report: DossierReport, axis: AxisView) -> str:
    """« Axe 1 — Mission d’intérêt général »."""
    return f"{label(report, 'axis')} {axis.code} — {axis.title}"


def body(report: DossierReport, s: Styles, contents: Contents) -> list[Flowable]:
    """Every axis, the note on provisional titles under the first one."""
    provisional = (e.code for axis in report.axes for e in axis.engagements if e.provisional)
    starred = next(provisional, None)
    return [flowable for axis in report.axes for flowable in axis_story(report, axis, s, contents, starred)]
