"""A plain paragraph's drawing operators written straight into the page: the very bytes reportlab's
``Paragraph.drawOn`` writes for a left-aligned, one-style paragraph, without its text object, its two
saved canvas states and its per-line calls (a fifth of a dossier's rendering went there).

Anything else (centred or right-aligned lines, a bullet that pushes the first line, a background,
links, several styles) is left to reportlab: ``draw_plain`` then answers False and writes nothing.
"""

from __future__ import annotations

from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import paraFontSizeHeightOffset

STYLED = ("backColor", "borderWidth", "autoLeading", "wordWrap", "endDots", "firstLineIndent")
_plain_styles: dict[int, tuple[object, bool]] = {}  # by style: whether its paragraphs may be plain
_operators: dict[tuple, str] = {}  # numbers formatted once: a colour's rg, a font's Tf and TL


def plain_style(style: object) -> bool:
    """Whether a style draws its paragraphs the simple way: left-aligned, nothing around the text."""
    known = _plain_styles.get(id(style))
    if known is None or known[0] is not style:  # the style itself kept: its id cannot be reused
        if len(_plain_styles) > 256:  # styles made on the fly by some caller: never more than these
            _plain_styles.clear()
        plain = style.alignment == TA_LEFT and not any(getattr(style, name, None) for name in STYLED)
        known = _plain_styles[id(style)] = (style, plain)
    return known[1]


def formatted(template: str, *numbers: float) -> str:
    """``template`` with ``fp_str`` of the numbers, each combination formatted once per process."""
    key = (template, *numbers)
    made = _operators.get(key)
    if made is None:
        if len(_operators) > 1024:  # colours, sizes and leadings of the styles in use: a handful
            _operators.clear()
        made = _operators[key] = template.format(fp_str(*numbers))
    return made


def drawable(paragraph: Paragraph) -> bool:
    """Whether reportlab would draw this paragraph the simple way: one style, broken into words (kind
    0), left-aligned, nothing around or under its text, its lines starting at its left indent."""
    lines = getattr(paragraph, "blPara", None)
    if lines is None or lines.kind != 0 or not lines.lines or lines.us_lines or lines.link:
        return False
    if not plain_style(paragraph.style):
        return False
    if getattr(paragraph, "_offsets", None) not in (None, [0]) or getattr(paragraph, "autoLeading", ""):
        return False
    color = lines.textColor
    return type(color) is Color and color.alpha == 1 and not paragraph.debug


def bullet_code(paragraph: Paragraph, top: float, canvas) -> str | None:
    """The bullet's text object, as ``_drawBullet`` writes it; None when the bullet is wider than the
    indent (reportlab then shifts the first line: its own drawing does that)."""
    style, text = paragraph.style, paragraph.bulletText
    if not isinstance(text, str) or style.bulletAnchor != "start":
        return None
    name, size = style.bulletFontName, style.bulletFontSize
    if style.bulletIndent + stringWidth(text, name, size) + size * 0.6 - style.leftIndent > 1e-6:
        return None
    color = getattr(style, "bulletColor", style.textColor)
    if type(color) is not Color:
        return None
    y = top + getattr(style, "bulletOffsetY", 0)
    head = f"BT 1 0 0 1 {fp_str(style.bulletIndent, y)} Tm {fp_str(color.red, color.green, color.blue)} rg"
    return f"{head} {text_code(text, name, size, size * 1.2, canvas)} ET"


def text_code(text: str, name: str, size: float, leading: float, canvas, subset: list | None = None) -> str:
    """``_formatText``'s operators for a TrueType text: the font (when its subset changes) and ``Tj``;
    ``subset`` the text object's current one, kept from line to line as reportlab keeps it."""
    font, doc, made = getFont(name), canvas._doc, []
    current = subset if subset is not None else [-1]
    codes = font.subset_codes(text, doc) if text and hasattr(font, "subset_codes") else None
    if codes is not None:  # every character already in subset 0 (most lines): one translation
        chunks = [(0, text.translate(codes).encode("latin-1"))]
    else:
        chunks = font.splitString(text, doc)
    for part, encoded in chunks:
        if part != current[0]:
            internal = font.getSubsetInternalName(part, doc)
            made.append(f"{internal} {formatted('{} Tf', size)} {formatted('{} TL', leading)}")
            current[0] = part
        made.append(f"({escapePDF(encoded)}) Tj")
    return " ".join(made)


def lines_of(para: object, leading: float, canvas) -> list[tuple[str, float, int]]:
    """Each line's text operators, room left and spaces (its words and no-break spaces, less one)."""
    subset, made = [-1], []
    for room, words in para.lines:
        text = " ".join(words)
        operators = text_code(text, para.fontName, para.fontSize, leading, canvas, subset)
        made.append((operators, room, len(words) + text.count("\xa0") - 1))
    return made


def draw_plain(paragraph: Paragraph, canvas, x: float, y: float) -> bool:
    """Write the paragraph at (x, y) as ``drawOn`` would, if it is plain; False (nothing written) if not."""
    if not drawable(paragraph) or not getFont(paragraph.blPara.fontName)._dynamicFont:
        return False
    if canvas._extgstate.getValue("ca") != 1 or getattr(paragraph, "_showBoundary", None):
        return False  # reportlab would reset the fill alpha, or outline the paragraph: its own way
    para, style = paragraph.blPara, paragraph.style
    top = paragraph.height - (para.fontSize if paraFontSizeHeightOffset else para.ascent)
    bullet = bullet_code(paragraph, top, canvas) if paragraph.bulletText else ""
    if bullet is None:
        return False
    color, leading = para.textColor, style.leading
    code = ["BT", f"1 0 0 1 {fp_str(style.leftIndent, top)} Tm"]
    for text, room, spaces in lines_of(para, leading, canvas):
        shrunk = room <= -1e-8 and spaces > 0  # a line held by shrinking its spaces a little
        if shrunk:
            code.append(f"{fp_str(room / float(spaces))} Tw")
        code.append(text + " T*")
        if shrunk:
            code.append("0 Tw")
    code.append("ET")
    canvas._doc.ensureMinPdfVersion("transparency")  # what reportlab's fill alpha of 1 leaves behind
    page = canvas._code
    page += ("q", f"1 0 0 1 {fp_str(x, y)} cm", "q")
    if bullet:
        page.append(bullet)
    page += (formatted("{} rg", color.red, color.green, color.blue), " ".join(code), "Q", "Q")
    return True
