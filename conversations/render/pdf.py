"""The dossier as an A4 PDF for the committee: a pure renderer of a DossierReport (no Telegram here).

The story: a cover, the chosen engagements axis by axis (indicators, then the action plan), the
approach and involvement, the documents and what is still missing. The look is in ``pdf_style``.
"""

from __future__ import annotations

import io
import re
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Paragraph, SimpleDocTemplate, Spacer

from conversations.render.pdf_style import (
    MARGIN,
    NBSP,
    NNBSP,
    TEAL_LIGHT,
    WIDTH,
    Styles,
    ensure_ready,
    grid,
    page_footer,
)
from conversations.render.report import AxisView, DossierReport, EngagementView

# user texts may carry control characters that reportlab's markup parser chokes on
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def markup(text: str) -> str:
    """A plain text as Paragraph markup: escaped, line breaks kept, no-break spaces that truly don't break."""
    text = CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "))
    # reportlab breaks lines at U+202F (it would print "1" and "200 €" on two lines), never at U+00A0
    text = (
        text.replace(NNBSP, NBSP).replace("« ", "«" + NBSP).replace(" »", NBSP + "»")
    )  # never a lone » on a line
    return escape(text).replace("\n", "<br/>")


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain (user or translated) text."""
    return Paragraph(markup(text), style)


def _long_text(text: str, style: ParagraphStyle) -> list[Flowable]:
    """A multi-paragraph answer: one Paragraph per blank-line block, so pages can break between them."""
    blocks = [block.strip("\n") for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n"))]
    return [_p(block, style) for block in blocks if block.strip()] or [_p("—", style)]


def _label(report: DossierReport, key: str) -> str:
    """A translated heading, the key itself if the caller forgot it (better than a crash)."""
    return report.labels.get(key) or key


def _colon(report: DossierReport) -> str:
    """French sets a narrow no-break space before a colon, English does not."""
    return NNBSP + ":" if report.language.startswith("fr") else ":"


def _cover(report: DossierReport, s: Styles) -> list[Flowable]:
    """Title, the coop, the dossier's identity, and how many engagements were chosen per axis."""
    L = lambda key: _label(report, key)  # noqa: E731
    story: list[Flowable] = [Spacer(1, 25 * mm), _p(L("title"), s.title), _p(report.coop_name, s.coop)]
    story.append(_p(f"{L('region')}{_colon(report)} {report.region}" if report.region else " ", s.subtitle))
    identity = [
        (L("cycle"), str(report.cycle)),
        (L("status"), report.status),
        (L("version"), str(report.version)),
        (L("generated"), report.generated_on),
    ]
    rows = [[Paragraph(f"<b>{markup(key)}</b>", s.cell), _p(value, s.cell)] for key, value in identity]
    story += [
        grid(rows, [50 * mm, 90 * mm], head=False, extra=[("BACKGROUND", (0, 0), (0, -1), TEAL_LIGHT)]),
        Spacer(1, 12 * mm),
    ]
    story.append(_p(L("chosen_count"), s.h2))
    if report.axes:
        rows = [
            [
                _p(f"{L('axis')} {axis.code} — {axis.title}", s.cell),
                _p(f"{axis.chosen}/{axis.available}", s.cell_right),
            ]
            for axis in report.axes
        ]
        story.append(grid(rows, [125 * mm, 15 * mm], head=False))
    else:
        story.append(_p("—", s.body))
    story.append(PageBreak())
    return story


def _engagement(report: DossierReport, engagement: EngagementView, s: Styles) -> list[Flowable]:
    """One chosen engagement: its indicators table, then the action plan grouped by indicator."""
    L = lambda key: _label(report, key)  # noqa: E731
    star = " *" if engagement.provisional else ""
    story: list[Flowable] = [_p(f"{L('engagement')} {engagement.code} — {engagement.title}{star}", s.h3)]
    if not engagement.indicators:
        return [*story, _p(L("no_indicator"), s.summary)]
    head = [_p(L(key), s.cell_head) for key in ("indicator", "rationale", "current", "target", "target_date")]
    rows = [head] + [
        [
            _p(i.title, s.cell),
            _p(i.rationale, s.cell),
            _p(i.current, s.cell),
            _p(i.target, s.cell),
            _p(i.target_date, s.cell),
        ]
        for i in engagement.indicators
    ]
    story.append(grid(rows, [38 * mm, 62 * mm, 24 * mm, 24 * mm, WIDTH - 148 * mm]))
    # one table for the whole plan, a shaded row naming the indicator each group of actions serves
    rows = [[_p(L(key), s.cell_head) for key in ("action", "who", "when")]]
    extra: list = []
    for indicator in engagement.indicators:
        extra += [
            ("SPAN", (0, len(rows)), (-1, len(rows))),
            ("BACKGROUND", (0, len(rows)), (-1, len(rows)), TEAL_LIGHT),
        ]
        rows.append([Paragraph(f"<b>{markup(indicator.title)}</b>", s.cell), "", ""])
        if not indicator.actions:
            extra.append(("SPAN", (0, len(rows)), (-1, len(rows))))
            rows.append([Paragraph(f"<i>{markup(L('no_action'))}</i>", s.cell), "", ""])
        rows += [
            [_p(a.description, s.cell), _p(a.owner, s.cell), _p(a.due, s.cell)] for a in indicator.actions
        ]
    story += [_p(L("actions"), s.h3), grid(rows, [WIDTH - 84 * mm, 50 * mm, 34 * mm], extra=extra)]
    return story


def _axis(report: DossierReport, axis: AxisView, s: Styles) -> list[Flowable]:
    """An axis heading, its summary, then its chosen engagements."""
    story: list[Flowable] = [
        CondPageBreak(70 * mm),
        _p(f"{_label(report, 'axis')} {axis.code} — {axis.title}", s.h2),
    ]
    if axis.summary:
        story.append(_p(axis.summary, s.summary))
    story.append(
        _p(f"{_label(report, 'chosen_count')}{_colon(report)} {axis.chosen}/{axis.available}", s.body)
    )
    for engagement in axis.engagements:
        story += _engagement(report, engagement, s)
    return story


def _closing(report: DossierReport, s: Styles) -> list[Flowable]:
    """Approach and involvement, documents, what is still missing."""
    L = lambda key: _label(report, key)  # noqa: E731
    story: list[Flowable] = [CondPageBreak(60 * mm), _p(L("involvement"), s.h1)]
    for question, answer in report.involvement:
        story += [_p(question, s.h3), *_long_text(answer, s.body)]
    story += [CondPageBreak(40 * mm), _p(L("documents"), s.h1)]
    if report.attachments:
        rows = [
            [_p(a.kind, s.cell), _p(a.label, s.cell), _p(a.file_name, s.cell), _p(a.size, s.cell_right)]
            for a in report.attachments
        ]
        story.append(grid(rows, [50 * mm, 60 * mm, WIDTH - 130 * mm, 20 * mm], head=False))
    else:
        story.append(_p(L("no_documents"), s.body))
    story += [CondPageBreak(30 * mm), _p(L("missing"), s.h1)]
    if report.gaps:
        story += [Paragraph(markup(gap), s.bullet, bulletText="•") for gap in report.gaps]
    else:
        story.append(_p(L("complete"), s.body))
    return story


def render_pdf(report: DossierReport) -> bytes:
    """The dossier as the bytes of an A4 PDF, in the report's language."""
    s = ensure_ready()
    story = _cover(report, s)
    if report.axes:
        story.append(_p(_label(report, "axes_heading"), s.h1))
    for axis in report.axes:
        story += _axis(report, axis, s)
    if any(e.provisional for axis in report.axes for e in axis.engagements):
        story.append(_p(_label(report, "provisional_note"), s.note))
    story += _closing(report, s)
    buffer = io.BytesIO()
    title = f"{_label(report, 'title')} — {report.coop_name}"
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 4 * mm,
        title=title,
        author=report.coop_name,
        subject=_label(report, "title"),
        creator="Quali’Coop assistant",
        lang=report.language or None,
    )
    footer = page_footer(report.coop_name, _label(report, "page"))
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
