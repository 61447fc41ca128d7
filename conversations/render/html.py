"""HTML for Telegram's parse mode: everything a user typed is escaped, tags are built here only; a long
text is cut into messages here too, each part valid HTML on its own; and buttons' labels never read alike."""

from __future__ import annotations

import html
import re
from collections import Counter
from typing import NamedTuple

from conversations.render.formatting import shorten
from locales import N_, Translator

# what Telegram takes in one message (telegram.constants.MessageLimit.MAX_TEXT_LENGTH), counted in
# UTF-16 code units once the HTML is parsed: an emoji often counts two
MESSAGE_LIMIT = 4096
TAG = re.compile(r"<[^>]*>")


def e(text: object) -> str:
    """Escape anything a user typed (or a stored value) for HTML parse mode."""
    return html.escape("" if text is None else str(text), quote=False)


def bold(text: object) -> str:
    """Bold, escaped."""
    return f"<b>{e(text)}</b>"


def italic(text: object) -> str:
    """Italic, escaped."""
    return f"<i>{e(text)}</i>"


def code(text: object) -> str:
    """Monospace, escaped (ids, technical details)."""
    return f"<code>{e(text)}</code>"


def units(text: str) -> int:
    """A text's length as Telegram counts it: in UTF-16 code units (an emoji often counts two)."""
    return len(text.encode("utf-16-le")) // 2


def characters_over(text: str, limit: int) -> int:
    """How many characters to take off the end of a text for it to fit ``limit`` as Telegram counts (an
    emoji counting two): what the person is asked to cut, in their terms."""
    over, removed = units(text) - limit, 0
    for character in reversed(text):
        if over <= 0:
            break
        over, removed = over - units(character), removed + 1
    return removed


def shown_length(markup: str) -> int:
    """How long Telegram counts an HTML text: once tags and entities are parsed, in UTF-16 units."""
    return units(html.unescape(TAG.sub("", markup)))


def escaped_within(text: str, room: int) -> str:
    """A name for a list, escaped: whole if it takes at most ``room`` units as HTML (what ``split_text``
    counts: « & » is « &amp; », five), else as much as fits with « … », never cut inside an entity."""
    if units(e(text)) <= room:
        return e(text)
    kept, used = 0, units("…")
    for character in text:
        used += units(e(character))
        if used > room:
            break
        kept += 1
    return e(text[:kept].rstrip()) + "…"


def words_within(text: str, around: list[str], rest: str) -> list[str]:
    """Someone's words as lines of a message holding ``around`` too: whole when all fits one Telegram message,
    else as much as fits, then ``rest`` (where to read them whole). A text within its limit in characters
    may count twice that as Telegram counts (emoji, 𝐛𝐨𝐥𝐝 letters pasted from elsewhere)."""
    room = MESSAGE_LIMIT - units("\n".join([*around, ""]))
    if units(e(text)) <= room:
        return [e(text)]
    return [escaped_within(text, room - units(rest) - 2), "", rest]


def names_room(names: list[str], room: int) -> int:
    """The most units (as HTML) a name of a list may take for all of them to fit in ``room``: the
    longest's when they fit whole, else the same cut for the longest ones, the short ones whole."""
    widths = [units(e(name)) for name in names]
    most = max(widths, default=0)
    while most > 1 and sum(min(width, most) for width in widths) > room:
        most -= 1
    return most


# what a message is never cut inside: a tag, a character entity (« &amp; »), else one character
_ENTITY = r"&(?:#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|[a-zA-Z][a-zA-Z0-9]*);"
_PIECE = re.compile(rf"<[^<>]*>|{_ENTITY}|.", re.DOTALL)
_PLAIN_PIECE = re.compile(rf"{_ENTITY}|.", re.DOTALL)
_TAG_NAME = re.compile(r"</?([a-zA-Z0-9-]*)")
_BREAKS = ("\n\n", "\n", " ")  # where a cut falls, the largest break first


class _Piece(NamedTuple):
    """What a message is never cut inside: a tag, an entity or a character, as ``split_text`` weighs it."""

    source: str
    end: int  # where it ends in the text
    weight: int  # its length as counted: in the HTML sent, or once parsed (a tag: nothing)
    opens: str | None = None  # a start tag: its name
    closes: bool = False  # an end tag


def split_text(
    text: str, limit: int = MESSAGE_LIMIT, *, plain: bool = False, shown: bool = False
) -> list[str]:
    """Cut a long text into messages of at most ``limit`` UTF-16 units (as Telegram counts), each valid
    HTML: a tag open where a cut falls (a bold title, an italic note, a link) is closed at the end of
    the part and opened again at the start of the next. ``plain``: a text sent without parse mode,
    where « <b> » is what it says; ``shown``: the length counted once the HTML is parsed, as Telegram
    counts it, rather than the HTML sent (a bound on it, which the screens are sized by).

    Nothing is dropped: put end to end, the parts are the text, but for those tags closed and opened
    again; the space or line break where a cut falls ends the part before it (and is counted in its
    length). Telegram trims the spaces and line breaks at both ends of a message, so that break is
    not shown, and no other character could stand for it without changing the text. A cut falls at
    the largest break of the second half of the message, as late as it fits: a paragraph break
    (which a copy of the messages selected together puts back: Telegram separates them with a blank
    line), else a line break, else a space; a message never ends half empty at a break (a heading
    alone before a long answer) unless only a word cut would fill it. A single word longer than a
    message is cut inside, never inside an HTML entity or tag. Blank space at the very end that fits
    in no message is left out: Telegram trims it, and refuses a message holding nothing else.
    """
    shown = shown and not plain
    measure = shown_length if shown else units
    if measure(text) <= limit:  # most messages: one part
        return [text]
    pieces = _pieces(text, plain, shown)
    parts: list[str] = []
    first, opened = 0, []  # the start tags open where a part begins, as written
    while first < len(pieces):
        start = pieces[first - 1].end if first else 0
        reopened = "".join(opened)
        used = 0 if shown else units(reopened)
        names = [_TAG_NAME.match(tag)[1] for tag in opened]
        last = _part_end(pieces, first, names, used, limit, shown)
        if last is None:  # the rest fits
            rest = text[start:]
            if parts and not (rest if plain else html.unescape(TAG.sub("", rest))).strip():
                if not opened and measure(parts[-1] + rest) <= limit:  # blank: with the part before
                    parts[-1] += rest
                return parts
            return [*parts, reopened + rest]
        while last + 1 < len(pieces) and pieces[last + 1].closes:  # its end tags, not the next part's
            last += 1
        for piece in pieces[first : last + 1]:
            if piece.opens is not None:
                opened.append(piece.source)
            elif piece.closes and opened:
                opened.pop()
        closing = "".join(f"</{_TAG_NAME.match(tag)[1]}>" for tag in reversed(opened))
        parts.append(reopened + text[start : pieces[last].end] + closing)
        first = last + 1
    return parts


def _pieces(text: str, plain: bool, shown: bool) -> list[_Piece]:
    """The text as the pieces a cut falls between, each weighed as ``split_text`` counts."""
    pieces = []
    for match in (_PLAIN_PIECE if plain else _PIECE).finditer(text):
        source = match.group()
        if len(source) > 1 and source[0] == "<":
            closes = source[1] == "/"
            name = None if closes else _TAG_NAME.match(source)[1]
            pieces.append(_Piece(source, match.end(), 0 if shown else len(source), name, closes))
        else:
            pieces.append(_Piece(source, match.end(), units(html.unescape(source) if shown else source)))
    return pieces


def _part_end(
    pieces: list[_Piece], first: int, open_tags: list[str], used: int, limit: int, shown: bool
) -> int | None:
    """The last piece of the part that begins at piece ``first`` (``used``: the units its reopened
    ``open_tags`` take), or None when the rest fits; the end tags a cut adds are counted."""
    closing = sum(len(f"</{name}>") for name in open_tags)  # as sent; nothing once parsed
    latest: dict[str, tuple[int, int]] = {}  # each break: the last piece before a cut there, the units
    word, written = None, False  # a cut inside a word; whether the part shows something yet
    for index in range(first, len(pieces)):
        piece = pieces[index]
        used += piece.weight
        if used > limit:
            break
        if piece.opens is not None:
            open_tags.append(piece.opens)
            closing += len(f"</{piece.opens}>")
        elif piece.closes and open_tags:
            closing -= len(f"</{open_tags.pop()}>")
        elif not piece.source.isspace():
            written = True
        if (length := used + (0 if shown else closing)) > limit or not written:
            continue
        if piece.source in _BREAKS:
            latest[piece.source] = (index, length)
            if piece.source == "\n" and index > first and pieces[index - 1].source == "\n":
                latest["\n\n"] = latest["\n"]
        if piece.opens is None:  # never a cut just after a start tag: an empty span
            word = index
    else:
        return None
    for late_only in (True, False):
        for separator in _BREAKS:
            if separator in latest and (latest[separator][1] * 2 >= limit or not late_only):
                return latest[separator][0]
    return word if word is not None else first


def distinct_labels(titles: list[str], width: int) -> list[str]:
    """Each title shortened to ``width``; titles alike at their start keep their end instead (« Taux de
    partici…des locataires »), and any still alike are numbered: never two buttons read alike."""
    short = [shorten(title, width) for title in titles]
    alike = Counter(short)
    labels, taken = [], set()
    for title, label in zip(titles, short, strict=True):
        title = shorten(title, len(title))  # on one line
        if alike[label] > 1 and len(title) > width:
            label = title[: width // 2 - 1].rstrip() + "…" + title[-(width - width // 2) :].lstrip()
        n, first = 1, label
        while label in taken:
            n += 1
            label = f"{first} ({n})"
        taken.add(label)
        labels.append(label)
    return labels


def distinct_within(names: list[str], room: int) -> dict[str, str]:
    """The names of a message's lines as HTML, ``room`` units for them all (a name counted on each line
    naming it): whole when they fit, else cut alike (``names_room``), those that would read the same
    keeping their end (``distinct_labels``), so that two never read alike."""
    most, distinct = names_room(names, room), sorted(set(names))
    for width in range(max(most, 1), 0, -1):  # « & » is five units as HTML: narrower until they fit
        labels = distinct_labels(distinct, width)
        if all(units(e(label)) <= most for label in labels):
            break
    return {name: e(label) for name, label in zip(distinct, labels, strict=True)}


# a stored text too long for the question's screen: cut there, sent whole after it, in as many plain
# messages as it takes: over one, copied together (Telegram joins them with a blank line), since the
# first alone, corrected and sent, would stand for the whole text and drop the rest
WHOLE_BELOW = N_("The whole current text follows in the next message: copy it, correct it and send it.")
WHOLE_BELOW_PARTS = N_(
    "The whole current text follows in the next {n} messages: select them together, copy them, "
    "correct the text and send it."
)


def whole_below(t: Translator, whole: str) -> str:
    """That a stored text follows whole after the screen, in how many messages ("" when none follows)."""
    if not whole:
        return ""
    parts = len(split_text(whole, plain=True))  # as ``send_plain`` sends it
    return t.gettext(WHOLE_BELOW_PARTS).format(n=parts) if parts > 1 else t.gettext(WHOLE_BELOW)


def current_lines(t: Translator, value: str, room: int) -> tuple[list[str], str]:
    """A question's stored answer (HTML lines: a blank one, « Currently: … » cut to ``room`` characters,
    then, when cut, that it follows whole) and the text to send whole after the screen ("": none)."""
    whole = value if len(value) > room else ""
    lines = ["", e(t.gettext("Currently: {value}").format(value=shorten(value, room)))]
    return lines + ([italic(whole_below(t, whole))] if whole else []), whole
