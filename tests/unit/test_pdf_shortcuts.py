"""The PDF's speed shortcuts give exactly what reportlab's own code gives: the same lines, the same
subset codes, the same typography, the same frame and canvas state, and so the same PDF bytes.
"""

from __future__ import annotations

import copy
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reportlab import rl_config
from reportlab.lib.enums import TA_CENTER
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepTogether, Paragraph, Table, TableStyle

from conversations.render.pdf import render_pdf
from conversations.render.pdf.drawing import draw_plain
from conversations.render.pdf.layout import Grid, Together
from conversations.render.pdf.pages import LeanCanvas
from conversations.render.pdf.style import FONT, LightFrame, ensure_ready, grid, grid_commands
from conversations.render.pdf.typography import Para, fragments, plain_words, typeset, typeset_fully
from tests.pdf_samples import prose, sample_report

# French prose and what users paste: no-break spaces, quotes, apostrophes, tabs, emoji, soft hyphens
LETTERS = "aeéèiouàçœ AEÉŒ  \u00a0\u202f\t\n\r'’«»:;!?%€—-_./0123456789\u00ad😀\x07"
TEXTS = st.text(alphabet=LETTERS, max_size=400)
PROPERTIES = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def lines_of(paragraph: Paragraph, widths: list[float]) -> tuple:
    """What a paragraph's line breaking decided: each line's room left and words, the widest line."""
    broken = paragraph.breakLines(list(widths))
    if broken.kind:  # several fragments: reportlab's own breaking on both sides
        return broken.kind, repr(broken.lines)
    lines = [(room, list(words)) for room, words in broken.lines]
    return broken.kind, lines, paragraph._width_max, broken.ascent, broken.descent


@PROPERTIES
@given(
    text=TEXTS,
    first=st.floats(min_value=20, max_value=480),
    later=st.floats(min_value=20, max_value=480),
    style_name=st.sampled_from(["body", "action", "bullet", "cell", "h2"]),
    bullet=st.sampled_from([None, "1.", "•", "12."]),
)
def test_plain_paragraphs_break_as_reportlab_breaks_them(text, first, later, style_name, bullet) -> None:
    """The lean greedy breaking gives reportlab's lines, room and widest line, word for word."""
    style = getattr(ensure_ready(), style_name)
    ours = Para("", style, bulletText=bullet, frags=fragments(text, style))
    theirs = Paragraph("", style, bulletText=bullet, frags=fragments(text, style))
    assert lines_of(ours, [first, later]) == lines_of(theirs, [first, later])


def test_lines_that_just_hold_or_just_do_not_break_as_reportlabs() -> None:
    """At a line's exact width, a hair under it and with the spaces' allowed shrinking, same lines."""
    s = ensure_ready()
    text = typeset(prose(700).replace("\n\n", " "))
    words = text.split(" ")
    assert plain_words(Para("", s.body, frags=fragments(text, s.body))) == words  # the lean way
    for count in range(1, len(words), 3):
        exact = stringWidth(" ".join(words[:count]), s.body.fontName, s.body.fontSize)
        space = stringWidth(" ", s.body.fontName, s.body.fontSize)
        shrunk = exact - s.body.spaceShrinkage * space * (count - 1)  # the spaces may shrink by 5 %
        for width in (exact, exact - 1e-9, exact + 1e-9, shrunk, shrunk - 1e-9, exact - 0.2):
            ours = Para("", s.body, frags=fragments(text, s.body))
            theirs = Paragraph("", s.body, frags=fragments(text, s.body))
            assert lines_of(ours, [width, width * 0.9]) == lines_of(theirs, [width, width * 0.9])


def test_the_lean_breaking_is_the_one_used_and_falls_back_when_it_must() -> None:
    """Plain words take the lean way; a centred heading, a soft hyphen or markup take reportlab's."""
    s = ensure_ready()
    assert plain_words(Para("", s.body, frags=fragments("Nos logements « abordables »", s.body))) == [
        "Nos",
        "logements",
        "«\u00a0abordables\u00a0»",
    ]
    assert plain_words(Para("", s.centered, frags=fragments("mot", s.centered))) == ["mot"]
    assert s.centered.alignment == TA_CENTER  # alignment is the drawing's business, not the breaking's
    assert plain_words(Para("", s.body, frags=fragments("coop\u00aderative", s.body))) is None
    assert plain_words(Para("<b>gras</b> et maigre", s.body)) is None


@PROPERTIES
@given(text=TEXTS)
def test_typeset_skips_only_texts_it_would_not_change(text) -> None:
    """The one-pass check never skips a text that typesetting changes."""
    ensure_ready()
    assert typeset(text) == typeset_fully(text)


@settings(max_examples=60, deadline=None)
@given(texts=st.lists(TEXTS, max_size=25))
def test_subset_codes_are_reportlabs(texts) -> None:
    """The translated text maps each character to the subset and code reportlab's loop gives it."""
    ensure_ready()
    font = getFont(FONT)
    ours, theirs = Canvas(io.BytesIO())._doc, Canvas(io.BytesIO())._doc
    for text in texts:
        assert font.splitString(text, ours) == TTFont.splitString(font, text, theirs)


def test_a_frame_copy_is_deepcopys() -> None:
    """The frame's quick copy holds what ``deepcopy`` would, its lists not shared."""
    frame = LightFrame(10, 20, 300, 400, id="normal")
    frame._frameBGs = [("x", [1])]
    twin = copy.deepcopy(frame)
    assert type(twin) is LightFrame and vars(twin) == vars(frame)
    assert twin._frameBGs is not frame._frameBGs and twin._frameBGs[0][1] is not frame._frameBGs[0][1]


def test_the_saved_canvas_state_is_reportlabs() -> None:
    """The state a lean canvas saves is the one reportlab's canvas saves, attribute for attribute."""
    ours, theirs = LeanCanvas(io.BytesIO()), Canvas(io.BytesIO())
    for canvas in (ours, theirs):
        canvas.setFont("Helvetica", 11)
        canvas.saveState()
    assert ours.state_stack[-1].keys() == theirs.state_stack[-1].keys()
    assert {k: v for k, v in ours.state_stack[-1].items() if k != "_extgstate"} == {
        k: v for k, v in theirs.state_stack[-1].items() if k != "_extgstate"
    }


def test_the_same_dossier_gives_the_same_bytes_twice(monkeypatch) -> None:
    """Rendering is deterministic (no state kept from one render to the next changes the output)."""
    monkeypatch.setattr(rl_config, "invariant", 1)
    report = sample_report()  # the full dossier: every kind of paragraph, table and the letter
    assert render_pdf(report) == render_pdf(report)


def drawn(paragraph: Paragraph, width: float) -> tuple[list[str], object]:
    """The operators a paragraph writes on a fresh canvas, drawn at (30, 500) after wrapping at ``width``,
    then again (its characters now placed in the font's subsets)."""
    canvas = LeanCanvas(io.BytesIO())
    paragraph.wrapOn(canvas, width, 10_000)
    paragraph.drawOn(canvas, 30, 500)
    paragraph.drawOn(canvas, 30, 200)
    return canvas._code, canvas._doc


@PROPERTIES
@given(
    text=TEXTS,
    width=st.floats(min_value=20, max_value=480),
    style_name=st.sampled_from(["body", "action", "bullet", "cell", "h2", "band", "cell_right", "centered"]),
    bullet=st.sampled_from([None, "1.", "•", "12.", "128."]),
)
def test_a_plain_paragraph_writes_reportlabs_operators(text, width, style_name, bullet) -> None:
    """The direct drawing writes reportlab's very operators, bullet, shrunk spaces and subsets included
    (and leaves centred or right-aligned text, wide bullets, to reportlab)."""
    style = getattr(ensure_ready(), style_name)
    ours, doc = drawn(Para("", style, bulletText=bullet, frags=fragments(text, style)), width)
    theirs, their_doc = drawn(Paragraph("", style, bulletText=bullet, frags=fragments(text, style)), width)
    assert ours == theirs
    assert doc._pdfVersion == their_doc._pdfVersion


def test_the_direct_drawing_is_the_one_used() -> None:
    """A left-aligned plain paragraph takes the direct way; centred text and markup take reportlab's."""
    s = ensure_ready()
    plain = Para("", s.action, bulletText="1.", frags=fragments("Nos logements « abordables »", s.action))
    canvas = LeanCanvas(io.BytesIO())
    plain.wrapOn(canvas, 200, 1000)
    assert draw_plain(plain, canvas, 0, 0)
    for other in (Para("", s.centered, frags=fragments("mot", s.centered)), Para("<b>gras</b> et", s.body)):
        other.wrapOn(canvas, 200, 1000)
        assert not draw_plain(other, canvas, 0, 0)


def test_lines_held_by_shrinking_their_spaces_are_drawn_as_reportlabs() -> None:
    """A line a hair too long, held by shrinking its spaces, gets reportlab's word spacing (Tw)."""
    s = ensure_ready()
    text = typeset(prose(700).replace("\n\n", " "))
    words, space = text.split(" "), stringWidth(" ", s.body.fontName, s.body.fontSize)
    shrunk_lines = 0
    for count in range(2, len(words), 5):
        exact = stringWidth(" ".join(words[:count]), s.body.fontName, s.body.fontSize)
        width = exact - s.body.spaceShrinkage * space * (count - 1) * 0.9
        ours, _ = drawn(Para("", s.body, frags=fragments(text, s.body)), width)
        theirs, _ = drawn(Paragraph("", s.body, frags=fragments(text, s.body)), width)
        assert ours == theirs
        shrunk_lines += " Tw" in ours[-3] and " Tw" in ours[-10]  # drawn twice, 7 operators each
    assert shrunk_lines > 10


def test_the_direct_ways_give_reportlabs_own_document(monkeypatch) -> None:
    """The whole dossier, drawn and measured the direct ways, is byte for byte the one reportlab's own
    drawing (paragraphs, table cells) and measuring (kept-together blocks, tables) gives."""
    monkeypatch.setattr(rl_config, "invariant", 1)
    report = sample_report()
    ours = render_pdf(report)
    monkeypatch.setattr(Para, "drawOn", Paragraph.drawOn)
    monkeypatch.setattr(Grid, "_drawCell", Table._drawCell)
    monkeypatch.setattr(Grid, "_calc", Table._calc)
    monkeypatch.setattr(Together, "wrap", KeepTogether.wrap)
    assert render_pdf(report) == ours


def test_a_kept_together_block_measures_as_reportlabs() -> None:
    """Widest piece, total and first heights with the spaces merged: KeepTogether's own figures; a block
    that fits says its true height (it is then drawn whole), one that does not is split as reportlab's."""
    s = ensure_ready()
    cells = [["Type", "Valeur actuelle"], ["Nombre", typeset(prose(120))]]
    pieces = [
        Para("", s.h3, frags=fragments("Indicateur 1 — Logements", s.h3)),
        grid(cells, [120, 120], head=True),
        Para("", s.label, frags=fragments("Pourquoi", s.label)),
        *[Para("", s.body, frags=fragments(prose(length), s.body)) for length in (300, 900)],
    ]
    canvas, fits = LeanCanvas(io.BytesIO()), set()
    for width, height in ((200.0, 300), (480.0, 300), (200.0, 2000), (480.0, 2000)):
        ours, theirs = Together(pieces), KeepTogether(pieces)
        (our_width, our_height), (their_width, their_height) = (
            ours.wrapOn(canvas, width, height),
            theirs.wrapOn(canvas, width, height),
        )
        assert (ours._H, ours._H0, ours._wrapInfo) == (theirs._H, theirs._H0, theirs._wrapInfo)
        assert our_width == their_width and their_height == 0xFFFFFF
        assert our_height == (theirs._H if height >= theirs._H else 0xFFFFFF)
        fits.add(height >= theirs._H)
    assert fits == {True, False}


def test_a_grid_s_cells_are_styled_as_setstyle_styles_them() -> None:
    """The cell styles a grid takes from its shape's shared ones are those reportlab's ``setStyle`` gives
    each cell, and the table-wide commands (lines, backgrounds) are the table's own."""
    s = ensure_ready()
    extra = [
        ("FONT", (0, 0), (-1, 0), s.cell_head.fontName, 8),
        ("TEXTCOLOR", (0, 0), (-1, 0), s.cell_head.textColor),
    ]
    for head, rows in ((True, [["a", "b", "c"], ["d", "e", "f"]]), (False, [["a", "b"]] * 4)):
        ours = grid(rows, [50.0] * len(rows[0]), head=head, extra=extra)
        theirs = Table(rows, colWidths=[50.0] * len(rows[0]), repeatRows=1 if head else 0, hAlign="LEFT")
        theirs.setStyle(TableStyle(grid_commands(head) + extra))
        assert [[vars(c) for c in row] for row in ours._cellStyles] == [
            [vars(c) for c in row] for row in theirs._cellStyles
        ]
        assert (ours._linecmds, ours._bkgrndcmds) == (theirs._linecmds, theirs._bkgrndcmds)
    assert grid([["x"]], [50.0])._cellStyles is grid([["y"]], [60.0])._cellStyles  # shared by shape
