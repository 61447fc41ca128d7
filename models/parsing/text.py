"""Typed text: the input error every parser raises, lenient folding, yes/no and free texts (names: ``names``).

Parsers raise ``InputError`` with a machine ``code`` and ``params``; the UI turns the code into a
friendly message, so the exception text itself is English, for logs only.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable
from typing import Any

from models.parsing.dressed import split_emoji


class InputError(ValueError):
    """Something a user typed that cannot be accepted, as a code the UI translates."""

    example = ""  # what to type instead, when the refusal shows one (a date's: a day that fits the question)

    def __init__(self, code: str, params: dict[str, Any] | None = None) -> None:
        self.code = code
        self.params: dict[str, Any] = dict(params or {})
        super().__init__(f"{code}: {self.params}" if self.params else code)


# marks that turn the text after them round or isolate it: « Zoé\u202eollo a rejoint » reads backwards
_DIRECTION_MARKS = dict.fromkeys(
    map(ord, "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)


def person_name(name: str | None) -> str:
    """A person's name as Telegram tells it, without direction marks or control characters (on a
    director's screens they would turn the rest of the line round, disguising who is named),
    single-spaced, 200 characters at most."""
    return " ".join(clean_text((name or "").translate(_DIRECTION_MARKS)).split())[:200]


def fold(text: str) -> str:
    """Lower-case, accent-free, single-spaced form of typed text, for lenient matching."""
    # NFKD also turns NBSP, narrow NBSP and thin spaces into plain spaces, full-width digits into ASCII
    # ones; other decimal digits (an Arabic keyboard's « ٣٠ ») are made ASCII too: read alike everywhere
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(_ascii_digit(char) for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.lower().split())


def _ascii_digit(char: str) -> str:
    """A decimal digit of any script as its ASCII digit (« ٣ » → « 3 »); any other character as it is."""
    return str(unicodedata.decimal(char)) if char.isdecimal() and not char.isascii() else char


def is_french(language: str) -> bool:
    """Whether a language code ("fr", "fr-FR", "en"...) means French conventions."""
    return language.lower().startswith("fr")


# --- Yes / no --------------------------------------------------------------------------

_YES = frozenset({"oui", "o", "yes", "y", "vrai", "true", "1"})
_NO = frozenset({"non", "n", "no", "faux", "false", "0"})
# emoji that answer alone (« ✅ », « 👎 ») or beside the word (« oui 👍 »)
_SIGNS = {**dict.fromkeys("✅✔☑👍", True), **dict.fromkeys("❌✖❎👎", False)}
# words after a yes or a no that say it again: « non, pas encore », « oui, c’est fait »
_AGAIN = {
    **dict.fromkeys(("c'est fait", "tout a fait", "bien sur", "done", "of course"), True),
    **dict.fromkeys(
        ("pas encore", "toujours pas", "pas du tout", "not yet", "still not", "not at all"), False
    ),
}
_WORD_AND_AGAIN = re.compile(r"(?P<word>[a-z]+)[\s,;:\u2013\u2014-]+(?P<again>.+)")


def parse_yes_no(text: str, language: str) -> bool:
    """Read a yes/no answer; French and English words are accepted in both languages, the emoji that say
    it too, alone or beside the word (« ✅ », « 👎 », « oui 👍 »), and words after it that say it again
    (« non, pas encore »); a text saying both, or more (« oui mais… »), is refused."""
    words, emoji = split_emoji(text or "")
    said = {_SIGNS[char] for char in emoji if char in _SIGNS}
    word = fold(words).replace("\u2019", "'").rstrip(" .!?…")
    if word:
        said.add(_yes_or_no(word))
    if len(said) == 1 and None not in said:
        return said.pop()
    if not word and not emoji:
        raise InputError("empty")
    raise InputError("not_yes_no", {"text": text})


def _yes_or_no(word: str) -> bool | None:
    """What a folded answer's words say: yes (True), no (False) or neither (None)."""
    if word in _YES or word in _NO:
        return word in _YES
    found = _WORD_AND_AGAIN.fullmatch(word)
    if found is None or found["word"] not in _YES | _NO:
        return None
    yes = found["word"] in _YES
    return yes if _AGAIN.get(found["again"]) is yes else None


# --- A command's word typed alone ------------------------------------------------------

# the words of the commands a person types without the slash (the bot's own refusals say « envoyez
# /annuler »), by language, each for what it does; both tables read whatever the person's language
COMMAND_WORDS = {
    "fr": {
        "annuler": "cancel",
        "stop": "cancel",
        "retour": "back",
        "aide": "help",
        "menu": "home",
        "accueil": "home",
    },
    "en": {"cancel": "cancel", "stop": "cancel", "back": "back", "help": "help", "menu": "home"},
}


def command_word(text: str | None) -> str | None:
    """What a message that is only a command's word means (« cancel », « back », « help », « home »),
    compared without case, accents, surrounding spaces nor a final « . » or « ! »; None for any other
    text, a word inside a longer one included (« Annuler la réunion » is an answer)."""
    word = fold(text or "").rstrip(" .!")
    return next((words[word] for words in COMMAND_WORDS.values() if word in words), None)


# --- Free text -------------------------------------------------------------------------


# Characters that show nothing: a text made only of them is empty (the completeness rule counts it
# as not filled), but inside a visible text they stay (a zero-width joiner makes one emoji of several).
_INVISIBLE = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me"})  # controls, formats, spaces, marks
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")  # Hangul fillers, the blank Braille cell
# emoji, pictographs and their skin tones: the PDFs' font has none of most, so a text of them alone
# would print as nothing in the committee's PDF (inside words they stay, dropped from the PDF only)
_PICTURES = frozenset({"So", "Sk"})
# trimmed around a text: white space, and the zero-width spaces a paste may bring (not a joiner)
_EDGES = re.compile(r"^[\s\u200b\u2060\ufeff]+|[\s\u200b\u2060\ufeff]+$")


_DROPPED = {"Cc", "Cs"}  # control characters, lone surrogates


def clean_text(text: str | None) -> str:
    """A typed text as it is judged and stored: without control characters but line breaks and tabs
    (a NUL is refused by PostgreSQL) nor half an emoji (a lone surrogate, which a page's broken paste can
    send and no database stores), accents composed (« é » typed as « e » and its accent is one
    character, counted and stored once), trimmed of white space and zero-width spaces."""
    kept = "".join(
        char for char in text or "" if char in "\t\n\r" or unicodedata.category(char) not in _DROPPED
    )
    return _EDGES.sub("", unicodedata.normalize("NFC", kept))


def is_blank(text: str) -> bool:
    """Whether a text shows nothing at all (spaces, zero-width characters, lone accents)."""
    return all(unicodedata.category(char) in _INVISIBLE or char in _BLANK_LETTERS for char in text)


def has_words(text: str) -> bool:
    """Whether a text has more than emoji: a letter, a digit or a sign (€, %, ?) that the PDF prints."""
    return any(
        unicodedata.category(char) not in _INVISIBLE | _PICTURES and char not in _BLANK_LETTERS
        for char in text
    )


def visible_text(text: str | None) -> str:
    """A typed text as kept (``clean_text``), or "" when it shows nothing or emoji only (a caption of
    zero-width spaces, or « 📷 », labels no document: its label is asked)."""
    cleaned = clean_text(text)
    return cleaned if has_words(cleaned) else ""


def one_line(text: str) -> str:
    """A short text (a title, a unit) as it is shown, on one line: its line breaks and tabs (a cell
    pasted from a spreadsheet) become spaces, each line trimmed and an empty one dropped; nothing else
    of it is lost."""
    return " ".join(line.strip() for line in text.replace("\t", " ").splitlines() if line.strip())


def check_text(
    text: str | None, *, max_length: int = 3000, min_length: int = 1, emoji_alone: bool = False
) -> str:
    """The cleaned text (``clean_text``), if it shows something besides emoji (the committee's PDF would
    print nothing of « 🏠🤝 »; ``emoji_alone`` for a message only read in the chat, where « 👍 » says
    enough) and is not too long (inner newlines kept)."""
    stripped = clean_text(text)
    if is_blank(stripped):
        raise InputError("empty")
    if not emoji_alone and not has_words(stripped):
        raise InputError("emoji_only")
    if len(stripped) < min_length:
        raise InputError("too_short", {"length": len(stripped), "limit": min_length})
    if len(stripped) > max_length:
        raise InputError("too_long", {"length": len(stripped), "limit": max_length})
    return stripped


# --- A message's formatting ------------------------------------------------------------

# what an address is read without, to tell a link whose words are its own address (« coop.org/rapport »)
_ADDRESS_DRESS = re.compile(r"^(?:https?://(?:www\.)?|www\.|mailto:)|/+$", re.IGNORECASE)


def typed_text(text: str | None, entities: Iterable = ()) -> str:
    """A message's text as we store it, plain: a formatted link (Telegram's ``text_link``) keeps its
    address beside its words, « notre rapport (https://…) », unless the words are the address already;
    without it the committee's PDF, or every coop an announcement goes to, would get « notre rapport »
    alone. A mention keeps the name only (``text_mention``, or a link to a Telegram account, ``tg://``:
    an account's number means nothing outside Telegram). ``entities``: Telegram's, whose offsets and
    lengths count UTF-16 units; the other kinds (bold, code…) only dress what the text says."""
    text = text or ""
    links = [
        (entity.offset, entity.offset + entity.length, entity.url)
        for entity in entities or ()
        if entity.type == "text_link" and entity.url and not entity.url.lower().startswith("tg:")
    ]
    if not links:
        return text
    bounds = [0]  # where each character starts, in UTF-16 units (an emoji out of the BMP counts two)
    for char in text:
        bounds.append(bounds[-1] + (2 if ord(char) > 0xFFFF else 1))
    kept, start = [], 0
    for first, end, url in sorted(links, key=lambda link: link[1]):
        first, end = bisect_left(bounds, first), bisect_left(bounds, end)  # a unit mid-character: the next
        words = text[first:end].rstrip()  # a space the link took after its words stays after the address
        end = max(first + len(words), start)
        kept.append(text[start:end])
        if _ADDRESS_DRESS.sub("", words.strip()).lower() != _ADDRESS_DRESS.sub("", url).lower():
            kept.append(f" ({url})")
        start = end
    return "".join(kept) + text[start:]


def cut_between_words(text: str, limit: int) -> str:
    """A text on one line within ``limit`` characters: whole when it fits, else cut with « … » between
    two words (at a plain space: a no-break one holds « 12,5 % » together), never inside one unless no
    space falls in the second half of the room (a single long word, a URL)."""
    text = re.sub(r"[^\S\u00a0\u202f]+", " ", text).strip()  # any space but the French no-break ones
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :] and text[limit - 1] != " ":  # a word boundary not too far back
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-—–") + "…"
