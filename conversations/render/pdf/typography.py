"""Texts as the PDF prints them: escaped, printable in its font, no-break spaces that hold, file names
broken only at their separators.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus.paraparser import ParaParser

from conversations.render.pdf.style import NBSP, NNBSP, glyphs
from conversations.render.report import DossierReport

# user texts may carry control characters that reportlab's markup parser chokes on
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# characters worth checking against the font (plain Latin text never is: a fast path)
UNCOMMON = re.compile(r"[^\t\n\x20-\x7e\xa0-\u024f\u2010-\u2027]")
SPACES = re.compile(r"[ \t]{2,}")
# a space before « : ; ! ? % € » and after « must never end a line
BEFORE_PUNCTUATION = re.compile(r"[ \u202f](?=[:;!?%€»])")
AFTER_QUOTE = re.compile(r"«[ \u202f]")
APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
# where a file name may wrap: after a separator, or between a lower-case letter and a capital
FILE_NAME_BREAKS = re.compile(r"(?<=[_\-.\s])|(?<=[a-zà-ÿ])(?=[A-ZÀ-Þ])")


def printable(text: str) -> str:
    """The text without the characters the font cannot print (emoji), nor the spaces they leave."""
    known = glyphs()
    dropped = False

    def keep(match: re.Match) -> str:
        """The character if the font has it, else nothing."""
        nonlocal dropped
        if ord(match.group()) in known:
            return match.group()
        dropped = True
        return ""

    text = UNCOMMON.sub(keep, text)
    return SPACES.sub(" ", text).strip(" ") if dropped else text


def typeset(text: str) -> str:
    """Plain text with French typography that holds: no-break spaces, true apostrophes."""
    text = CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "))
    # reportlab breaks lines at U+202F (« 1 » and « 200 € » on two lines), never at U+00A0
    text = text.replace(NNBSP, NBSP)
    text = BEFORE_PUNCTUATION.sub(NBSP, text)
    text = AFTER_QUOTE.sub("«" + NBSP, text)
    return APOSTROPHE.sub("’", printable(text))


def markup(text: str) -> str:
    """A plain text as Paragraph markup: typeset, escaped, line breaks kept."""
    return escape(typeset(text)).replace("\n", "<br/>")


def file_name_markup(name: str, width: float, font: str, size: float) -> str:
    """A file name as markup wrapping within ``width`` only after a separator (« lettre_ / signée.pdf »)."""
    lines, line = [], ""
    for piece in FILE_NAME_BREAKS.split(typeset(name)):
        if line and stringWidth(line + piece, font, size) > width:
            lines.append(line)
            line = ""
        line += piece
    lines.append(line)
    return "<br/>".join(escape(line) for line in lines if line)


class Para(Paragraph):
    """A Paragraph that breaks its lines once per width: tables and kept-together blocks measure twice."""

    _wrapped_at: float | None = None

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """The size at this width, its lines broken only when the width changes."""
        if available_width != self._wrapped_at or "blPara" not in self.__dict__:  # split() may drop it
            super().wrap(available_width, available_height)
            self._wrapped_at = available_width
        return self.width, self.height


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
            made.append(line_break.clone(link=[], us_lines=[]))
        if line:
            made.append(word.clone(text=line, link=[], us_lines=[]))
    return made or [word.clone(text="", link=[], us_lines=[])]


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
