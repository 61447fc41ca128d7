"""Telegram's formatting: HTML parse mode into plain text and MessageEntity dicts, trimming, commands."""

from __future__ import annotations

import re
from typing import NoReturn

from tests.fakes.protocol import JSONDict, bad_request

_TAG_ENTITY_TYPES = {
    **dict.fromkeys(["b", "strong"], "bold"),
    **dict.fromkeys(["i", "em"], "italic"),
    **dict.fromkeys(["u", "ins"], "underline"),
    **dict.fromkeys(["s", "strike", "del"], "strikethrough"),
    **dict.fromkeys(["tg-spoiler", "span"], "spoiler"),
    "code": "code",
    "pre": "pre",
    "a": "text_link",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY_RE = re.compile(r"&(?:#([0-9]{1,8})|#[xX]([0-9a-fA-F]{1,8})|([a-zA-Z][a-zA-Z0-9]*));")
_TAG_NAME_RE = re.compile(r"[a-zA-Z0-9-]*")
_ATTR_RE = re.compile(r"""\s+([a-zA-Z0-9_-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
_PLAIN_RE = re.compile(r"[^&<]+")
_COMMAND_RE = re.compile(r"/[a-zA-Z0-9_]{1,32}(?:@[a-zA-Z0-9_]{3,32})?")


def utf16_len(text: str) -> int:
    """Length as Telegram counts it: in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def formatted(text: str, params: JSONDict, prefix: str = "") -> tuple[str, list[JSONDict]]:
    """Apply parse_mode (HTML only) or explicit entities, then Telegram's trimming."""
    entities = params.get(f"{prefix}entities") or []
    if str(params.get("parse_mode", "")).lower() == "html":
        text, entities = parse_html(text)
    return strip_entities(text, entities)


class _HtmlParser:
    """Telegram's HTML parse mode: turns markup into plain text plus MessageEntity dicts."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.pos = 0
        self.chunks: list[str] = []
        self.length = 0  # UTF-16 length of the text produced so far
        self.open_tags: list[tuple[str, dict[str, str], int]] = []  # (tag, attributes, offset)
        self.entities: list[JSONDict] = []

    def parse(self) -> tuple[str, list[JSONDict]]:
        """Parse the whole source or raise a 400 "can't parse entities" error."""
        while self.pos < len(self.source):
            char = self.source[self.pos]
            if char == "&":
                decoded, self.pos = self._entity(self.source, self.pos)
                self._emit(decoded)
            elif self.source.startswith("</", self.pos):
                self._end_tag()
            elif char == "<":
                self._start_tag()
            else:  # a run of plain text, up to the next tag or entity, at once
                end = _PLAIN_RE.match(self.source, self.pos).end()
                self._emit(self.source[self.pos : end])
                self.pos = end
        if self.open_tags:
            self._fail(f'Can\'t find end tag corresponding to start tag "{self.open_tags[-1][0]}"')
        self.entities.sort(key=lambda entity: (entity["offset"], -entity["length"]))
        return "".join(self.chunks), self.entities

    def _fail(self, reason: str) -> NoReturn:
        raise bad_request(f"can't parse entities: {reason}")

    def _byte_offset(self, index: int) -> int:
        return len(self.source[:index].encode())

    def _emit(self, text: str) -> None:
        self.chunks.append(text)
        self.length += utf16_len(text)

    def _entity(self, text: str, index: int) -> tuple[str, int]:
        """Decode the character entity at text[index]; return it and the index after it."""
        match = _ENTITY_RE.match(text, index)
        # Telegram shows an unknown "&..." verbatim; we fail so that unescaped input is caught.
        if match is None:
            self._fail(f'Character "&" must be escaped as "&amp;" at offset {index}')
        decimal, hexadecimal, name = match.groups()
        if name is not None:
            if name not in _NAMED_ENTITIES:
                self._fail(f'Unsupported HTML entity "&{name};" at offset {index}')
            decoded = _NAMED_ENTITIES[name]
        else:
            code = int(decimal) if decimal else int(hexadecimal, 16)
            if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
                self._fail(f"Invalid character code {code} at offset {index}")
            decoded = chr(code)
        return decoded, match.end()

    def _attribute_value(self, raw: str) -> str:
        """Decode entities inside an attribute value."""
        decoded: list[str] = []
        index = 0
        while index < len(raw):
            if raw[index] == "&":
                char, index = self._entity(raw, index)
                decoded.append(char)
            else:
                decoded.append(raw[index])
                index += 1
        return "".join(decoded)

    def _start_tag(self) -> None:
        start = self.pos
        offset = self._byte_offset(start)
        name_match = _TAG_NAME_RE.match(self.source, start + 1)
        assert name_match is not None  # the pattern also matches an empty name
        name = name_match.group().lower()
        if name not in _TAG_ENTITY_TYPES:
            self._fail(f'Unsupported start tag "{name}" at byte offset {offset}')
        pos = name_match.end()
        attributes: dict[str, str] = {}
        while attribute := _ATTR_RE.match(self.source, pos):
            raw = next((group for group in attribute.groups()[1:] if group is not None), "")
            attributes[attribute[1].lower()] = self._attribute_value(raw)
            pos = attribute.end()
        while pos < len(self.source) and self.source[pos].isspace():
            pos += 1
        if not self.source.startswith(">", pos):
            self._fail(f"Unclosed start tag at byte offset {offset}")
        if name == "span" and attributes.get("class") != "tg-spoiler":
            self._fail(f'Tag "span" must have class "tg-spoiler" at byte offset {offset}')
        if name == "tg-emoji" and not attributes.get("emoji-id"):
            self._fail(f'Tag "tg-emoji" must have attribute "emoji-id" at byte offset {offset}')
        self.open_tags.append((name, attributes, self.length))
        self.pos = pos + 1

    def _end_tag(self) -> None:
        start = self.pos
        end = self.source.find(">", start)
        if end == -1:
            self._fail(f"Unclosed end tag at byte offset {self._byte_offset(start)}")
        name = self.source[start + 2 : end].strip().lower()
        if not self.open_tags:
            self._fail(f'Unexpected end tag "{name}" at byte offset {self._byte_offset(start)}')
        tag, attributes, offset = self.open_tags.pop()
        if name != tag:
            self._fail(
                f"Unmatched end tag at byte offset {self._byte_offset(start)},"
                f' expected "</{tag}>", found "</{name}>"'
            )
        self._add_entity(tag, attributes, offset)
        self.pos = end + 1

    def _add_entity(self, tag: str, attributes: dict[str, str], offset: int) -> None:
        if tag == "code" and self.open_tags and self.open_tags[-1][0] == "pre":
            # <pre><code class="language-x"> makes one pre entity carrying the language.
            css_class = attributes.get("class", "")
            if css_class.startswith("language-"):
                self.open_tags[-1][1]["language"] = css_class.removeprefix("language-")
            return
        if tag == "a" and "href" not in attributes:
            return  # Telegram keeps the text of a link without href but no entity
        length = self.length - offset
        if length == 0:
            return
        entity: JSONDict = {"type": _TAG_ENTITY_TYPES[tag], "offset": offset, "length": length}
        if tag == "a":
            entity["url"] = attributes["href"]
        elif tag == "pre" and attributes.get("language"):
            entity["language"] = attributes["language"]
        elif tag == "tg-emoji":
            entity["custom_emoji_id"] = attributes["emoji-id"]
        elif tag == "blockquote" and "expandable" in attributes:
            entity["type"] = "expandable_blockquote"
        self.entities.append(entity)


def parse_html(source: str) -> tuple[str, list[JSONDict]]:
    """Parse Telegram-flavoured HTML into (plain text, entities), raising BotApiError(400)."""
    return _HtmlParser(source).parse()


def strip_entities(text: str, entities: list[JSONDict]) -> tuple[str, list[JSONDict]]:
    """Trim surrounding whitespace like Telegram does, shifting entities accordingly."""
    stripped = text.strip()
    lead = utf16_len(text[: len(text) - len(text.lstrip())])
    size = utf16_len(stripped)
    kept: list[JSONDict] = []
    for entity in entities:
        start = max(entity["offset"] - lead, 0)
        end = min(entity["offset"] + entity["length"] - lead, size)
        if end > start:
            kept.append({**entity, "offset": start, "length": end - start})
    return stripped, kept


def command_entities(text: str) -> list[JSONDict]:
    """The bot_command entity Telegram adds to a message starting with a command."""
    match = _COMMAND_RE.match(text)
    if match is None:
        return []
    return [{"type": "bot_command", "offset": 0, "length": utf16_len(match.group())}]
