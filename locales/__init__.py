"""Translations and locale-aware formatting.

The gettext catalogs are the ``.po`` files under ``locales/<lang>/LC_MESSAGES``. They are compiled
in memory at first use (``locales.po``, babel's rules without its catalog objects), so a fresh clone
needs no build step and a translator only ever edits ``.po`` files. Message ids are the English
texts; ``fr`` translates all of them (a test enforces it), ``en`` may leave a msgstr empty to use
the id.
"""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from importlib import resources

from babel import Locale
from babel.dates import format_date as _format_date
from babel.dates import format_datetime as _format_datetime
from babel.numbers import format_decimal as _format_decimal
from babel.support import NullTranslations, Translations

from locales.elision import ElidedMessage
from locales.po import mo_from_po
from models.clock import PARIS, paris_time

SUPPORTED_LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"
DOMAIN = "messages"

# babel locale used for formatting, per interface language
_BABEL_LOCALES = {"fr": "fr_FR", "en": "en_GB"}
# date-time patterns giving « mardi 3 mars 2026 à 9 h 00 » and "Tuesday 3 March 2026 at 09:00"
_DATETIME_PATTERNS = {"fr": "EEEE d MMMM y 'à' H 'h' mm", "en": "EEEE d MMMM y 'at' HH:mm"}
# the full date as those write it, « mardi 3 mars 2026 » and "Tuesday 3 March 2026" (babel's en_GB puts
# a comma after the day's name); the other named formats are babel's
_FULL_DATE_PATTERNS = {"fr": "EEEE d MMMM y", "en": "EEEE d MMMM y"}
# a day number written before its month's name (« d MMMM »), not « dd/MM »
_DAY_BEFORE_MONTH = re.compile(r"(?<![d'])d(?=[ \u00a0]+M{3,})")


def first_of_month(language: str, pattern: str, day: int) -> str:
    """French writes the first of a month as an ordinal: « 1er mars 2026 », « mardi 1er décembre »."""
    if language != "fr" or day != 1:
        return pattern
    return _DAY_BEFORE_MONTH.sub("d'er'", pattern)


def N_(message: str) -> str:
    """Mark a message for extraction; it is translated later, where the user's language is known."""
    return message


def normalize_language(code: str | None) -> str | None:
    """Map a Telegram language code ("fr-FR", "en", "de") to a supported language, else None."""
    if not code:
        return None
    short = code.replace("_", "-").split("-")[0].lower()
    return short if short in SUPPORTED_LANGUAGES else None


def catalog_path(language: str) -> resources.abc.Traversable:
    """Where the .po catalog of a language lives inside the package."""
    return resources.files(__package__).joinpath(language, "LC_MESSAGES", f"{DOMAIN}.po")


@cache
def _translations(language: str) -> NullTranslations:
    """Read and compile one catalog in memory (once per process)."""
    path = catalog_path(language)
    if not path.is_file():
        return NullTranslations()
    return Translations(fp=io.BytesIO(mo_from_po(path.read_text(encoding="utf-8"))), domain=DOMAIN)


class Translator:
    """Everything language-dependent for one user: messages, dates and numbers."""

    def __init__(self, language: str | None = None) -> None:
        self.language = normalize_language(language) or DEFAULT_LANGUAGE
        self.locale = Locale.parse(_BABEL_LOCALES[self.language])
        self._catalog = _translations(self.language)
        # French joins « de », « à », « que » to the name put after them (« d’Aiguillon », « du Toit »)
        self._message = ElidedMessage if self.language == "fr" else str

    def gettext(self, message: str) -> str:
        """Translate one message."""
        return self._message(self._catalog.gettext(message))

    _ = gettext

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """Translate a message that depends on a count."""
        return self._message(self._catalog.ngettext(singular, plural, n))

    def format_number(self, value: int | float | Decimal, pattern: str | None = None) -> str:
        """1 234,5 in French, 1,234.5 in English (or a babel pattern such as "#,##0.00")."""
        return _format_decimal(value, format=pattern, locale=self.locale)

    def format_date(self, value: date, format: str = "long") -> str:
        """3 mars 2026 / 3 March 2026 (« 1er mars 2026 »); ``format`` is a babel name or pattern."""
        named = self.locale.date_formats.get(format)
        pattern = named.pattern if named is not None else format
        if format == "full":
            pattern = _FULL_DATE_PATTERNS[self.language]
        return _format_date(value, first_of_month(self.language, pattern, value.day), locale=self.locale)

    def format_datetime(self, value: datetime) -> str:
        """A UTC instant shown in Paris time: mardi 3 mars 2026 à 9 h 00 (« mardi 1er décembre »)."""
        pattern = first_of_month(self.language, _DATETIME_PATTERNS[self.language], paris_time(value).day)
        return _format_datetime(value, pattern, tzinfo=PARIS, locale=self.locale)


@cache
def translator(language: str | None) -> Translator:
    """The shared translator of a language."""
    return Translator(language)


def translator_for(user: object | None, default: str = DEFAULT_LANGUAGE) -> Translator:
    """The translator of a person: the language they chose, else their Telegram app's, else ``default``.

    ``user`` is anything with ``language`` and ``telegram_language`` (a stored user), or None for
    someone unknown (federation staff who never started the bot).
    """
    chosen = getattr(user, "language", None)
    telegram = normalize_language(getattr(user, "telegram_language", None))
    return translator(chosen or telegram or default)
