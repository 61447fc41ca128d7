"""The few words the page's frame needs before the API answers: when the dossier cannot be loaded.

The frame is served before the visitor is known (Telegram's signed init data comes with the API's
first call), so it carries these words in every language; the page picks the visitor's from
Telegram's language_code (or the browser's language): a failed load, and launch data too old.
"""

from __future__ import annotations

from functools import cache

from bot.web.miniapp.texts import SCRIPT
from locales import N_, SUPPORTED_LANGUAGES, translator

SHELL = {
    "offline": N_("The page could not be loaded: the connection failed. Try again in a moment."),
    "retry": N_("🔄 Try again"),
    # Telegram's launch data too old (a page reopened from an old button): said before the visitor is known
    "expired": SCRIPT["expired"],
    "close": SCRIPT["close"],
}


@cache
def shell_texts() -> dict[str, dict[str, str]]:
    """The frame's words, by language."""
    return {
        language: {key: translator(language).gettext(message) for key, message in SHELL.items()}
        for language in SUPPORTED_LANGUAGES
    }
