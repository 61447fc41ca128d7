"""The few words the page's frame needs before the API answers: when the dossier cannot be loaded.

The frame is served before the visitor is known (Telegram's signed init data comes with the API's
first call), so it carries these words in every language; the page picks the visitor's from
Telegram's language_code (or the browser's language): a failed load, and launch data too old. Launch
data too old is Telegram's, signed: whose it is is known, and the server's 401 says it in the language
they chose in the chat (the frame's words then follow it), or, the database away, in the launch data's.
"""

from __future__ import annotations

import logging
from functools import cache

from starlette.responses import JSONResponse

from bot.errors import DATABASE_ERRORS
from bot.web.miniapp.access import init_language
from bot.web.miniapp.auth import Stale, Unauthenticated
from bot.web.miniapp.texts import SCRIPT
from conversations.ui.context import BotServices
from locales import N_, SUPPORTED_LANGUAGES, translator
from models.users import get_user

log = logging.getLogger(__name__)

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


async def expired_answer(services: BotServices, error: Unauthenticated) -> JSONResponse:
    """The 401: launch data too old in the language its user chose in the chat, else their Telegram
    app's, said in ``Content-Language`` too (the frame's words follow it); data Telegram did not sign,
    in the bot's own language (nobody known: the frame picks the Telegram app's words itself). The
    database away, the launch data's language: still the 401, never a 500 for a page only too old."""
    if not isinstance(error, Stale):
        said = translator(services.default_language).gettext(SCRIPT["expired"])
        return JSONResponse({"error": said}, status_code=401)
    language = init_language(error.init, services.default_language)
    try:
        async with services.database.transaction() as session:  # read only: a stale launch changes nobody
            user = await get_user(session, error.init.user_id)
    except DATABASE_ERRORS as away:
        log.warning("the language chosen in the chat not read for a page too old: %r", away)
        user = None
    language = (user.language if user is not None else None) or language
    said = translator(language).gettext(SCRIPT["expired"])
    return JSONResponse({"error": said}, status_code=401, headers={"Content-Language": language})
