"""What dresses a typed value without changing it: emoji around it (« 12,5 % 🎯 », « oui 👍 ») and a word
saying a number is rounded (« environ 12 % », « ~12 % »). The value is read without them, and the echo
shows what was read; inside a value they stay, and a parser refuses it as before."""

from __future__ import annotations

import re
import unicodedata

# a character of an emoji: a pictograph (not a letterlike symbol, « № », « ℃ »), its skin tone, the joiner
# and the selectors that make one of several, a keycap; « ° », « % », « € » are not
_EMOJI_PARTS = frozenset("\u200d\ufe0e\ufe0f\u20e3")
_LETTERLIKE = range(0x2100, 0x2150)


def _is_emoji(char: str) -> bool:
    """Whether a character is (part of) an emoji, by its Unicode category and block."""
    code = ord(char)
    if char in _EMOJI_PARTS or 0xE0020 <= code <= 0xE007F:  # tags: a region's flag
        return True
    category = unicodedata.category(char)
    # pictographs newer than Python's Unicode tables are still unassigned to it
    return code >= 0x2000 and code not in _LETTERLIKE and (category in ("So", "Sk") or code >= 0x1F000)


def split_emoji(text: str) -> tuple[str, str]:
    """A typed text without the emoji and spaces around it (« 12,5 % 🎯 »: « 12,5 % »), and those emoji."""
    start, end = 0, len(text)
    while start < end and (text[start].isspace() or _is_emoji(text[start])):
        start += 1
    while end > start and (text[end - 1].isspace() or _is_emoji(text[end - 1])):
        end -= 1
    return text[start:end], "".join(char for char in text[:start] + text[end:] if not char.isspace())


# a word or sign saying a number is rounded, before it (« environ 12 % », « ≈ 12 % », « ~12 % ») or after
# it (« 12 % environ », « 12 % à peu près »), typed as it comes (any case, accents or not); « env. »,
# « approx. » with their dot or not
_ROUGHLY = (
    r"(?:environ|env\.?|[aà] peu pr[eè]s|approximativement|approx\.?|approximately|about|around|roughly"
    r"|circa|ca\.)"
)
_ROUGHLY_BEFORE = re.compile(rf"(?:{_ROUGHLY}\s+|[~≈∼]\s*)(?=\S)", re.IGNORECASE)
_ROUGHLY_AFTER = re.compile(rf"(?<=\S)[\s,]+{_ROUGHLY}[\s.!]*\Z", re.IGNORECASE)


def bare_value(text: str) -> str:
    """A typed value without what dresses it: the emoji around it, and a word or sign saying it is rounded
    before or after it (« environ 12 % 🎯 »: « 12 % »); as typed otherwise, and a text of dress alone too
    (« 🎯 » is no number, not nothing)."""
    value = split_emoji(text or "")[0]
    if found := _ROUGHLY_BEFORE.match(value):
        value = value[found.end() :]
    if found := _ROUGHLY_AFTER.search(value):
        value = value[: found.start()]
    return value or text
