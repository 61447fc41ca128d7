"""A ``.po`` catalog read into the bytes of a ``.mo`` file, for ``gettext`` to load at start.

babel's ``read_po`` builds a full ``Catalog`` (a ``Message`` object per entry, its locations, flags
and comments, the header parsed as e-mail, the locale's data) and ``write_mo`` compiles it: for the
French catalog, 80 ms and 2.4 MB at the peak, 1.6 MB kept, to keep two strings per entry. This reads
just what a ``.mo`` holds (15 ms, 0.8 MB at the peak), entry by entry, with babel's rules (a test
compares both on every catalog): obsolete (``#~``) and fuzzy entries are left out, so are empty
translations, except of plurals, whose empty forms fall back to the English singular or plural.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterator

MAGIC = 0x950412DE
HEADER_SIZE = 7 * 4
_KEYWORD = re.compile(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+"(.*)"\s*$')
_ESCAPE = re.compile(r'\\([\\trn"])')
_ESCAPED = {"\\": "\\", "t": "\t", "r": "\r", "n": "\n", '"': '"'}
_PLURALS = re.compile(r"nplurals\s*=\s*(\d+)")


def unescape(text: str) -> str:
    """A PO string's escapes, as babel undoes them."""
    return _ESCAPE.sub(lambda match: _ESCAPED[match.group(1)], text)


class _Entry:
    """One entry being read: its context, ids, translations and whether it is fuzzy."""

    __slots__ = ("fields", "forms", "fuzzy", "last")

    def __init__(self) -> None:
        self.fields: dict[str, str] = {}
        self.forms: dict[int, str] = {}
        self.fuzzy = False
        self.last: tuple[str, int | None] | None = None

    def add(self, keyword: str, form: int | None, text: str) -> None:
        """A keyword line, or a continuation when ``keyword`` is empty."""
        if keyword:
            self.last = (keyword, form)
        name, index = self.last
        if index is not None:
            self.forms[index] = self.forms.get(index, "") + text
        else:
            self.fields[name] = self.fields.get(name, "") + text


def entries(text: str) -> Iterator[_Entry]:
    """Every entry of a catalog but the obsolete ones, in file order (the header first), one at a
    time: a start keeps the messages, not a thousand entries at once."""
    entry = _Entry()
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#"):
            if entry.last is not None:  # a comment after a translation opens the next entry
                yield entry
                entry = _Entry()
            entry.fuzzy |= line.startswith("#,") and "fuzzy" in line[2:].replace(",", " ").split()
            continue
        if line.startswith('"'):
            entry.add("", None, unescape(line[1:-1]))
            continue
        keyword = _KEYWORD.match(line)
        if keyword is None:
            raise ValueError(f"not a PO line: {line!r}")
        name, form, value = keyword.groups()
        if name in ("msgctxt", "msgid") and entry.last is not None and entry.last[0].startswith("msgstr"):
            yield entry
            entry = _Entry()
        entry.add(
            "msgstr" if form is not None else name, int(form) if form is not None else None, unescape(value)
        )
    if entry.last is not None:
        yield entry


def _message(entry: _Entry, plurals: int) -> tuple[str, str] | None:
    """The ``.mo`` key and value of an entry, or None when babel's ``write_mo`` leaves it out."""
    msgid = entry.fields.get("msgid", "")
    plural = entry.fields.get("msgid_plural")
    if plural is None:
        translation = entry.fields.get("msgstr", "")
        if msgid and (entry.fuzzy or not translation):
            return None
        key, value = msgid, translation
    else:
        if entry.fuzzy:
            return None
        ids = (msgid, plural)
        forms = [entry.forms.get(index) or ids[min(index, 1)] for index in range(plurals)]
        key, value = f"{msgid}\x00{plural}", "\x00".join(forms)
    context = entry.fields.get("msgctxt")
    return (f"{context}\x04{key}" if context is not None else key), value


def mo_from_po(text: str) -> bytes:
    """The ``.mo`` file ``babel`` would compile from this ``.po`` text (UTF-8)."""
    messages: dict[bytes, bytes] = {}
    plurals = 2
    for entry in entries(text):
        if not entry.fields.get("msgid") and (match := _PLURALS.search(entry.fields.get("msgstr", ""))):
            plurals = int(match.group(1))  # the header comes first: it says how many forms a plural has
        if (message := _message(entry, plurals)) is not None:
            messages[message[0].encode()] = message[1].encode()
    return mo_bytes(messages)


def mo_bytes(messages: dict[bytes, bytes]) -> bytes:
    """The GNU ``.mo`` layout: a header, two tables of (length, offset), the ids, the translations."""
    keys = sorted(messages)
    ids_start = HEADER_SIZE + 16 * len(keys)
    ids = b"".join(key + b"\x00" for key in keys)
    strings_start = ids_start + len(ids)
    id_table, string_table = [], []
    id_offset = string_offset = 0
    for key in keys:
        id_table += [len(key), ids_start + id_offset]
        string_table += [len(messages[key]), strings_start + string_offset]
        id_offset += len(key) + 1
        string_offset += len(messages[key]) + 1
    count = len(keys)
    header = struct.pack("<7I", MAGIC, 0, count, HEADER_SIZE, HEADER_SIZE + 8 * count, 0, 0)
    tables = struct.pack(f"<{4 * count}I", *id_table, *string_table)
    return header + tables + ids + b"".join(messages[key] + b"\x00" for key in keys)
