"""The commitment letter in the appendix: a PDF letter's own pages, an image letter on a page of its own.

A PDF letter's pages are read by pypdf and drawn by reportlab, each on a page of its own under its
heading, in a hairline frame, under the footer and the watermark (``embed``: one pass, the
dossier is never parsed again). A letter that cannot be read is named, never a reason to fail.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Image, PageBreak, Table, TableStyle

from conversations.render.pdf.contents import Contents, fitted, heading
from conversations.render.pdf.embed import embed_page
from conversations.render.pdf.style import BOLD, FONT, GRID, HEIGHT, TEAL, WIDTH, Styles
from conversations.render.pdf.typography import label, para, typeset
from conversations.render.report import DossierReport, LetterView

MAX_PAGES = 10  # a commitment letter is a page or two; a longer file stays in the bundle
HEADING = 9 * mm  # above each page of the letter
NOTICE = 4 * mm  # more above the last page shown of a longer letter: where its other pages are
SIZE = 9  # the heading's
NAME_LEAST = 6  # characters of a shortened file name worth showing (« Lettre… »), else no name
ORIENTATION = 0x0112  # the EXIF tag a phone sets instead of turning the pixels


@dataclass
class LetterPage:
    """A page of the letter: the page pypdf read, its number in the letter, its size as shown."""

    page: object
    index: int
    width: float
    height: float


@dataclass(frozen=True)
class LetterHeading:
    """What is said above a page of the letter, already translated."""

    title: str  # « Annexe — Lettre d’engagement de la direction »
    file_name: str
    count: str  # « 1/2 »
    notice: str = ""  # on the last page shown of a longer letter: its other pages are in the file

    def line(self, width: float) -> str:
        """« title · file · 1/2 » within ``width``: the file name shortened with « … » (left out when a
        few characters of it do not hold), never the page count."""
        title, count, whole = typeset(self.title), typeset(self.count), typeset(self.file_name)
        name = fitted(whole, width - stringWidth(f"{title} ·  · {count}", BOLD, SIZE), BOLD, SIZE)
        if name and (name == whole or len(name) >= NAME_LEAST):
            return f"{title} · {name} · {count}"
        return f"{fitted(title, width - stringWidth(f' · {count}', BOLD, SIZE), BOLD, SIZE)} · {count}"


class LetterSlot(Flowable):
    """A whole page of the document for a page of the letter: its heading, the page, a hairline frame."""

    def __init__(self, title: LetterHeading, letter: LetterPage, contents: Contents) -> None:
        super().__init__()
        self.title, self.letter, self.contents = title, letter, contents

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """The whole frame."""
        self.width, self.height = available_width, available_height
        return available_width, available_height

    def draw(self) -> None:
        """The letter's page (under the rest), the heading and the frame."""
        p, canvas, above = self.letter, self.canv, HEADING + (NOTICE if self.title.notice else 0)
        scale = min(self.width / p.width, (self.height - above) / p.height, 1.0)
        x, y = (self.width - p.width * scale) / 2, self.height - above - p.height * scale
        name = f"QualiCoopLetter{p.index}"
        embed_page(canvas, p.page, name)
        canvas.saveState()
        canvas.transform(*upright(p.page).scale(scale).translate(x, y).ctm)
        canvas.doForm(name)
        canvas.restoreState()
        canvas.setFont(BOLD, SIZE)
        canvas.setFillColor(TEAL)
        canvas.drawString(0, self.height - 4 * mm, self.title.line(self.width))
        if self.title.notice:  # on a line of its own, whole
            canvas.setFont(FONT, SIZE)
            canvas.drawString(0, self.height - 4 * mm - NOTICE, typeset(self.title.notice))
        self.contents.note("letter", canvas)
        canvas.setStrokeColor(GRID)
        canvas.setLineWidth(0.5)
        canvas.rect(x, y, p.width * scale, p.height * scale)


def open_letter(letter: LetterView) -> object | None:
    """The letter's PDF reader; None when it cannot be read or has no page."""
    from pypdf import PdfReader  # only a dossier with a PDF letter pays for it

    try:
        reader = PdfReader(io.BytesIO(letter.content))
        if reader.is_encrypted:
            reader.decrypt("")
        return reader if reader.pages else None
    except Exception:  # a damaged or locked letter is named in the appendix, never a reason to fail
        return None


def drawable(letter: LetterView | None) -> tuple[LetterView | None, object | None]:
    """The letter as the document shows it, with a PDF letter's reader: one that cannot be drawn (locked,
    damaged) is "other", named in the appendix and never said to be reproduced there."""
    if letter is None or letter.kind == "other":
        return letter, None
    if letter.kind == "pdf":
        reader = open_letter(letter)
        return (letter, reader) if reader is not None else (replace(letter, kind="other"), None)
    try:  # a photo: turned upright once, here
        content = upright_image(letter.content)
        ImageReader(io.BytesIO(content)).getSize()
    except Exception:  # an unreadable image is named instead
        return replace(letter, kind="other"), None
    return replace(letter, content=content), None


def upright_image(content: bytes) -> bytes:
    """A photo turned the way it was taken (phones store the turn as a tag), as JPEG when it was turned."""
    from PIL import Image as Picture
    from PIL import ImageOps

    with Picture.open(io.BytesIO(content)) as picture:
        if picture.getexif().get(ORIENTATION, 1) == 1:
            return content
        turned = ImageOps.exif_transpose(picture).convert("RGB")
    buffer = io.BytesIO()
    turned.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def image_page(report: DossierReport, title: Flowable, letter: LetterView, s: Styles) -> list[Flowable]:
    """An image letter alone on its page, as large as the page allows, in a hairline frame."""
    try:
        content = upright_image(letter.content)
        width, height = ImageReader(io.BytesIO(content)).getSize()
    except Exception:  # an unreadable image is named instead
        return [title, unavailable(report, letter, s)]
    scale = min((WIDTH - 12) / width, (HEIGHT - 30 * mm) / height)
    picture = Table([[Image(io.BytesIO(content), width * scale, height * scale)]])
    picture.setStyle(
        TableStyle([("BOX", (0, 0), (-1, -1), 0.5, GRID), ("ALIGN", (0, 0), (-1, -1), "CENTER")])
    )
    return [title, picture]


def unavailable(report: DossierReport, letter: LetterView, s: Styles) -> Flowable:
    """Said instead of the letter when it cannot be reproduced."""
    return para(label(report, "letter_elsewhere").format(file=letter.file_name), s.body)


def letter_story(report: DossierReport, reader: object | None, s: Styles, contents: Contents) -> list:
    """The appendix with the letter: its pages, its image, or why it is not there."""
    letter = report.letter
    if letter is None:
        return []
    title = f"{label(report, 'appendix')} — {label(report, 'letter')}"
    story: list[Flowable] = [PageBreak()]
    if letter.kind == "image":
        return story + image_page(report, heading(title, s.h1, contents, "letter"), letter, s)
    if reader is None:
        return [*story, heading(title, s.h1, contents, "letter"), unavailable(report, letter, s)]
    total = len(reader.pages)
    for index, page in enumerate(reader.pages[:MAX_PAGES]):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        if page.rotation % 180:  # shown turned a quarter: a landscape page
            width, height = height, width
        more = label(report, "letter_more_pages") if index + 1 == MAX_PAGES < total else ""
        said = LetterHeading(title, letter.file_name, f"{index + 1}/{total}", more)
        story += [LetterSlot(said, LetterPage(page, index, width, height), contents), PageBreak()]
    return story[:-1]  # no blank page after the last one


def upright(page) -> object:
    """The move that shows a page as its viewer would, its corner at 0, 0 (a /Rotate turns it clockwise)."""
    from pypdf import Transformation

    box, turn = page.mediabox, page.rotation % 360
    width, height = float(box.width), float(box.height)
    move = Transformation().translate(-float(box.left), -float(box.bottom)).rotate(-turn)
    return move.translate(*{90: (0, width), 180: (width, height), 270: (height, 0)}.get(turn, (0, 0)))
