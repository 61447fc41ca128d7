"""The API's answers that are no work's result: a refusal worded as the chat words it, a request the
database did not serve, and the page's session token read from a request.

The database away (stopped, restarting, a failover, a connection cut mid-statement): 503, which the page
takes as a lost connection — its text kept in its field, said « not saved » in the visitor's language, sent
again when the field is left — and one log line per request, as the webhook and /healthz say it: the
error's kind and the driver's first line, never the statement nor its parameters (a member's words), never
uvicorn's « Exception in ASGI application » and its traceback.
"""

from __future__ import annotations

import json
import logging
import re

from starlette.requests import Request
from starlette.responses import JSONResponse

from bot.logs import one_line
from bot.web.bodies import BodyTooLarge, bounded_body
from bot.web.miniapp.access import Forbidden
from bot.web.miniapp.texts import SCRIPT, limit_text, locked_text, refusal_text
from conversations.render.input_errors import input_error_text
from locales import N_, Translator
from models.dossier.reads import DossierError, LimitReached
from models.parsing.text import InputError

log = logging.getLogger("qualicoop.web")

# refusals that give their own valid example (« e.g. 12 or 13 », the earliest possible date), or none
# on purpose (a text too long is to be shortened): the page adds the field's example to the others only
OWN_EXAMPLE = {
    "not_whole",
    "not_yes_no",
    "own_unit_mismatch",
    "unit_mismatch",  # « se mesure en % : … (ex. 12,5 %) » since f89c145
    "number_as_unit",
    "day_first",
    "not_a_date",  # « … sous cette forme : 15/03/2027. »
    "invalid_date",  # « … Tapez-en une autre, ex. 15/03/2027. »
    "month_without_year",
    "month_needed",  # « … ex. juin 2028 »
    "missing_time",
    "date_in_past",
    "moment_past",
    "date_before",
    "date_too_far",
    "too_long",
    "emoji_only",
    "negative",
    "indicator_exists",  # another title, or the other indicator: no title to copy
}
# a body over a megabyte (``bot.web.bodies``): a paste of hundreds of pages, its length not counted (nor
# its field's limit: the request is refused before it is read)
FAR_TOO_LONG = N_("Your text is far longer than an answer can hold. Shorten it here: it stays in its field.")
PAGE_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")  # a page's session token, as secrets.token_urlsafe makes it


def unavailable(t: Translator, user_id: int, error: BaseException) -> JSONResponse:
    """503 for a request the database did not serve, said in one line (no statement, no parameters)."""
    log.warning(
        "Mini App request of %s not served, the database does not answer: %s", user_id, one_line(error)
    )
    said = {"error": t.gettext(SCRIPT["offline"])}  # the page says its own, in the same words
    return JSONResponse(said, status_code=503, headers={"Content-Language": t.language})


def refusal(t: Translator, error: Exception, body: dict) -> tuple[dict, int]:
    """A refusal's answer and status (for a typed value, as the chat refuses a typed answer)."""
    typed = "value" in body  # a field or a new row's title, not an engagement's tick
    if isinstance(error, BodyTooLarge):  # as a text too long: kept in its field, to shorten
        return {"error": t.gettext(FAR_TOO_LONG)}, 422
    if isinstance(error, InputError):
        message = input_error_text(t, error, str(body.get("value", "")), in_field=True)
        return {"error": message, "code": error.code, "example": error.code not in OWN_EXAMPLE}, 422
    if isinstance(error, Forbidden):
        return {"error": error.said or refusal_text(t, "not_allowed")}, 403  # why, if known
    if isinstance(error, LimitReached):  # filled meanwhile (the page hides the form at the limit)
        return {"error": limit_text(t, "actions" if "indicator" in body else "indicators")}, 409
    if isinstance(error, DossierError):
        return {"error": refusal_text(t, error.code, typed)}, 403
    return {"error": refusal_text(t, "not_yours", typed)}, 400  # malformed or forged


def locked_answer(t: Translator, status: str, code: str, html: str | None) -> JSONResponse:
    """403 for a change to a dossier submitted, closed or not retained since the page was drawn: the page
    drawn again read-only (``html``), at once, and why, alone (``error``: under a tick, a menu) and over
    what was typed (``kept``: beside the page, to copy)."""
    said = {"error": locked_text(t, status), "kept": locked_text(t, status, kept=True)}
    return JSONResponse({**said, "code": code, "locked": True, "html": html}, 403)


async def request_body(request: Request) -> dict:
    """The page's request as an object (ValueError otherwise: BodyTooLarge, before a body far longer than
    any answer is read whole)."""
    body = json.loads(await bounded_body(request))
    if not isinstance(body, dict):
        raise ValueError("not an object")
    return body


def request_session(body: dict) -> str | None:
    """The page's session token, sent with every change (to count the fields it changed); None for
    none, or for a forged one (only what ``open_app_session`` makes is looked up: a NUL is a 500 on
    PostgreSQL)."""
    token = body.get("session")
    return token if isinstance(token, str) and PAGE_TOKEN.fullmatch(token) else None
