"""Texts as the PDF prints them: escaped, printable in its font, no-break spaces that hold (numbers'
thousands included), and paragraphs broken and built the lean way."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib.rl_accel import instanceStringWidthTTF
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getAscentDescent, getFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus.paragraph import _handleBulletWidth, split, strip
from reportlab.platypus.paraparser import ParaParser

from conversations.render.fonts import NOT_PRINTABLE, printable_in
from conversations.render.pdf.drawing import draw_plain
from conversations.render.pdf.layout import unbroken
from conversations.render.pdf.style import NBSP, NNBSP, glyphs
from conversations.render.report import DossierReport
from locales import translator

# user texts may carry control characters that reportlab's markup parser chokes on
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# a space before « : ; ! ? % € », after « and between « n° » and its number must never end a line
BEFORE_PUNCTUATION = re.compile(r"[ \u202f](?=[:;!?%€»])")
HELD_AFTER = re.compile(r"(?<=«)[ \u202f]|(?<=\b[nN]°) (?=\d)")
APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
# a number typed with spaces between its thousands (« 1 200 € ») and a date (« 1er février 2027 »,
# « 12 mars », « 1 May 2027 »): never broken across two lines (« 1er » ending one, its month on the next).
# One pass that starts at a digit: the regular expression engine skips to the digits (three times faster)
MONTHS = (
    "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|January|February|"
    "March|April|May|June|July|August|September|October|November|December"
)
HELD_TOGETHER = re.compile(
    r"\d(?<![\d,.]\d)(?:\d{0,2}(?: \d{3})+(?!\d)"
    rf"|(?:er|(?<=[12])\d|(?<=3)[01])?[ \u00a0](?i:{MONTHS})\b(?:[ \u00a0]\d{{4}}\b)?)"
)
# anything ``typeset`` would change: a control character, a tab or a carriage return, U+202F, a space
# before « : ; ! ? % € », « itself, a straight apostrophe, a space between digits, a date, « n° 3 », an
# uncommon character (most labels have none)
TO_TYPESET = re.compile(
    rf"[\x00-\x09\x0b-\x1f\x7f\u202f«']| (?=[:;!?%€»])|\d \d|\d(?:er)?[ \u00a0](?i:{MONTHS})|[nN]° \d"
    r"|[^\t\n\x20-\x7e\xa0-\u024f\u2010-\u2027]"
)


@dataclass
class Unprintable:
    """What a document prints for letters its font lacks, and whether it had to."""

    marker: str
    found: bool = False


# the document being made in this thread or task (``printing_in``): several are made at once, in threads
_document: ContextVar[Unprintable | None] = ContextVar("unprintable", default=None)


@contextmanager
def printing_in(language: str | None) -> Iterator[Unprintable]:
    """While a document in ``language`` is made: letters its font lacks read as that language's marker."""
    token = _document.set(Unprintable(marker_in(language)))
    try:
        yield _document.get()
    finally:
        _document.reset(token)


def marker_in(language: str | None) -> str:
    """What letters the font lacks read as, in a language, on one line (« [texte non imprimable] »)."""
    return translator(language).gettext(NOT_PRINTABLE).replace(" ", NBSP)


def unprinted_marker() -> str:
    """The marker, once some letters of the document being made read as it; empty before."""
    document = _document.get()
    return document.marker if document is not None and document.found else ""


def printable(text: str) -> str:
    """The text as the font prints it (``fonts.printable_in``): no emoji nor invisible character, nor the
    spaces they leave (« ouvrés ✅. »); letters of a script it lacks as the document's marker."""
    document = _document.get()
    marker = document.marker if document is not None else marker_in(None)
    text, marked = printable_in(text, glyphs(), marker)
    if marked and document is not None:
        document.found = True
    return text


def typeset(text: str) -> str:
    """Plain text with French typography that holds: no-break spaces, true apostrophes."""
    if TO_TYPESET.search(text) is None:  # one pass instead of seven, for a text already right
        return text
    return typeset_fully(text)


def typeset_fully(text: str) -> str:
    """``typeset``'s every step, whatever the text."""
    text = CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "))
    # reportlab breaks lines at U+202F (« 1 » and « 200 € » on two lines), never at U+00A0
    text = text.replace(NNBSP, NBSP)
    text = BEFORE_PUNCTUATION.sub(NBSP, text)
    text = HELD_TOGETHER.sub(lambda held: held.group().replace(" ", NBSP), text)
    text = HELD_AFTER.sub(NBSP, text)
    return APOSTROPHE.sub("’", printable(text))


def markup(text: str) -> str:
    """A plain text as Paragraph markup: typeset, escaped, line breaks kept."""
    return escape(typeset(text)).replace("\n", "<br/>")


# each word's width by font and size, for the document being laid out (``forget_widths`` at its start):
# a dossier's prose repeats its words (« de », « la », « logements »…), each measured once
_widths: dict[tuple[str, float], dict[str, float]] = {}


def forget_widths() -> None:
    """A new document: its words measured afresh (the memory of the last one let go)."""
    _widths.clear()


def word_widths(words: list[str], font: object, size: float) -> list[float]:
    """Each word's width, as ``stringWidth`` gives it: the same sum of the glyphs' widths, left to right,
    then ``* 0.001 * size`` (rl_accel's formula), without its three calls per word; a word already
    measured in this font and size taken from ``_widths``."""
    known = _widths.setdefault((font.fontName, size), {})
    widths = list(map(known.get, words))
    if None not in widths:
        return widths
    glyph = font.face.charWidths.__getitem__
    for number, word in enumerate(words):
        if widths[number] is None:
            try:
                width = sum(map(glyph, map(ord, word))) * 0.001 * size
            except KeyError:  # a character the font lacks: its default width, reportlab's way
                width = instanceStringWidthTTF(font, word, size, "utf8")
            widths[number] = known[word] = width
    return widths


SPECIAL = ("endDots", "shaping", "wordWrap", "hyphenationLang", "uriWasteReduce", "embeddedHyphenation")
_special_styles: dict[int, tuple[object, bool]] = {}  # by style: whether reportlab breaks it its own way
_metrics: dict[tuple[str, float], tuple[float, float, float]] = {}  # ascent, descent, space's width


def special_style(style: ParagraphStyle) -> bool:
    """Whether a style asks for breaking the lean way cannot do (hyphenation, shaping, dots…)."""
    known = _special_styles.get(id(style))
    if known is None or known[0] is not style:  # the style itself kept: its id cannot be reused
        if len(_special_styles) > 256:  # styles made on the fly by some caller: never more than these
            _special_styles.clear()
        known = _special_styles[id(style)] = (style, any(getattr(style, name, None) for name in SPECIAL))
    return known[1]


def metrics(font: TTFont, size: float) -> tuple[float, float, float]:
    """A font's ascent and descent at this size, and its space's width, as reportlab measures them."""
    found = _metrics.get((font.fontName, size))
    if found is None:
        ascent, descent = getAscentDescent(font.fontName, size)
        found = _metrics[(font.fontName, size)] = (
            ascent,
            descent,
            instanceStringWidthTTF(font, " ", size, "utf8"),
        )
    return found


def plain_words(paragraph: Paragraph) -> list[str] | None:
    """The words of a one-style plain paragraph that reportlab breaks the simple way; None for any other
    (markup, hyphenation, soft hyphens, bidi, shaping, dots, or words already split across pages)."""
    style, frags = paragraph.style, paragraph.frags
    if len(frags) != 1 or not hasattr(frags[0], "text") or hasattr(frags[0], "cbDefn"):
        return None
    if special_style(style) or hasattr(frags[0], "backColor"):
        return None
    text = strip(frags[0].text)
    if "\xad" in text or not isinstance(getFont(frags[0].fontName), TTFont):
        return None
    return split(text) if text else []


class Para(Paragraph):
    """A Paragraph that breaks its lines once per width (tables and kept-together blocks measure twice),
    a plain one by a lean copy of reportlab's own greedy breaking (the same lines, in half the time)."""

    _wrapped_at: float | None = None

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """The size at this width, its lines broken only when the width changes."""
        if available_width != self._wrapped_at or "blPara" not in self.__dict__:  # split() may drop it
            super().wrap(available_width, available_height)
            self._wrapped_at = available_width
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list:
        """reportlab's parts, the second without the empty line it starts with when cut at a line break."""
        return unbroken(super().split(available_width, available_height))

    def drawOn(self, canvas, x: float, y: float, _sW: float = 0) -> None:
        """Drawn as reportlab draws it: a plain paragraph's operators written directly (``drawing``)."""
        x = self._hAlignAdjust(x, _sW)
        if not draw_plain(self, canvas, x, y):
            super().drawOn(canvas, x, y)

    def breakLines(self, width: list[float]) -> object:
        """reportlab's lines for a plain paragraph whose every word fits on a line; its own otherwise."""
        words = plain_words(self) if isinstance(width, list) else None
        if words is None:
            return super().breakLines(width)
        f = self.frags[0]
        font, size = getFont(f.fontName), f.fontSize
        widths = word_widths(words, font, size)
        room = list(width)
        _handleBulletWidth(self.bulletText, self.style, room)
        if widths and max(widths) > min(room):  # a word to cut (a long link, a file name): reportlab's way
            return super().breakLines(width)
        width[:] = room  # reportlab narrows the caller's first line for a bullet: so does this
        self.height, self._splitLongWordCount, self._hyphenations = 0, 0, 0
        ascent, descent, space = metrics(font, size)
        lines = self.greedy(words, widths, room, space)
        return f.clone(kind=0, lines=lines, ascent=ascent, descent=descent, fontSize=size)

    def greedy(self, words: list[str], widths: list[float], room: list[float], space: float) -> list:
        """As many words on each line as hold (spaces may shrink a little), as reportlab breaks them:
        (room left, words) per line; the widest line kept in ``_width_max``."""
        shrink, last = self.style.spaceShrinkage * space, len(room) - 1
        lines, line, current, number, limit, widest = [], [], -space, 0, room[0], 0
        for word, word_width in zip(words, widths, strict=True):
            new = current + space + word_width
            if new <= limit + shrink * len(line) or not line:
                line.append(word)
                current = new
                continue
            widest = max(widest, current)
            lines.append((limit - current, line))
            line, current, number = [word], word_width, number + 1
            limit = room[min(last, number)]
        if line:
            widest = max(widest, current)
            lines.append((limit - current, line))
        self._width_max = widest
        return lines


_templates: dict[str, tuple] = {}  # by style: a word's and a line break's fragment, parsed once


def fragments(text: str, style: ParagraphStyle) -> list:
    """What reportlab's markup parser makes of a plain text in one style, made without parsing it.

    The parser costs a sixth of a dossier's rendering; a plain text is only words and line breaks.
    """
    template = _templates.get(style.name)
    if template is None:
        _, parsed, _ = ParaParser().parse("x<br/>x", style)
        template = _templates[style.name] = (parsed[0], parsed[1])
    word, line_break = template
    made = []
    for number, line in enumerate(typeset(text).split("\n")):
        if number:
            made.append(copy_fragment(line_break))
        if line:
            made.append(copy_fragment(word, line))
    return made or [copy_fragment(word, "")]


def copy_fragment(fragment: object, text: str | None = None) -> object:
    """``fragment.clone(text=text, link=[], us_lines=[])`` at half its cost (no keyword arguments)."""
    made = object.__new__(type(fragment))
    made.__dict__.update(fragment.__dict__)
    made.link, made.us_lines = [], []
    if text is not None:
        made.text = text
    return made


def para(text: str, style: ParagraphStyle, bullet: str | None = None) -> Paragraph:
    """A paragraph of plain (user or translated) text."""
    return Para("", style, bulletText=bullet, frags=fragments(text, style))


def long_text(text: str, style: ParagraphStyle) -> list[Flowable]:
    """A multi-paragraph answer: one Paragraph per blank-line block, so pages can break between them."""
    blocks = [block.strip("\n") for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n"))]
    return [para(block, style) for block in blocks if block.strip()] or [para("—", style)]


def label(report: DossierReport, key: str) -> str:
    """A translated heading, the key itself if the caller forgot it (better than a crash)."""
    return report.labels.get(key) or key
