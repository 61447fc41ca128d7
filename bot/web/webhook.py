"""POST /webhook: the updates Telegram sends in webhook mode, checked by their secret, then queued.

Registered only in webhook mode (``qualicoop run --webhook``). Telegram sends the secret given to
``setWebhook`` in the X-Telegram-Bot-Api-Secret-Token header: a request without it, or with another
one, is answered 403 and nothing of it is read, so nobody who finds the address can forge updates.
An accepted update goes to the Application's queue, as polling would put it there, unless it was
received before, by this instance or another one (Telegram posts an update again when our answer did
not reach it): its number is recorded first, in the database all instances share, and the update
itself kept until its work is stored (``bot.updates.inbox``), so that a kill after « ok » loses nothing.
"""

from __future__ import annotations

import hmac
import json
import logging
from typing import TYPE_CHECKING

from sqlalchemy.exc import SQLAlchemyError
from telegram import Update
from telegram.constants import ChatType
from telegram.ext import Application

from bot.logs import first_line
from bot.web.bodies import BodyTooLarge, bounded_body
from models.operations.inbox import receive
from models.tables.base import LARGEST_ID

if TYPE_CHECKING:  # starlette itself is imported by routes(), once the web server is built
    from starlette.requests import Request
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route

log = logging.getLogger("qualicoop.web")
PATH = "/webhook"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def routes(application: Application) -> list[Route]:
    """The webhook endpoint, in webhook mode only."""
    secret = getattr(application.bot_data, "webhook_secret", None)
    if not secret:
        return []
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route

    async def webhook(request: Request) -> PlainTextResponse:
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), secret.encode()):
            log.warning("webhook request refused: wrong or missing secret token")
            return PlainTextResponse("forbidden", status_code=403)
        try:
            body = (await bounded_body(request)).decode()  # kept as text until handled: UTF-8, as sent
            update = read_update(json.loads(body), application)
        except BodyTooLarge:
            log.warning("webhook request refused: longer than any update")
            return PlainTextResponse("too large", status_code=413)
        # not UTF-8 JSON (or nested too deep for the decoder: RecursionError), not an update (a date
        # beyond any calendar: OverflowError, or OSError from the platform's clock functions)
        except (ValueError, TypeError, KeyError, AttributeError, RecursionError, OverflowError, OSError):
            log.warning("webhook request refused: not an update")  # Telegram never sends that
            return PlainTextResponse("not an update", status_code=400)
        try:
            first = await keep(application, update, body)
        except (SQLAlchemyError, OSError, TimeoutError) as error:  # Telegram posts it again later
            reason = first_line(error)  # no SQL
            log.warning("update %s not taken, the database does not answer: %s", update.update_id, reason)
            return PlainTextResponse("database unavailable", status_code=503)
        if not first:
            log.info("update %s received again: already handled", update.update_id)
            return PlainTextResponse("ok")
        await application.update_queue.put(update)
        return PlainTextResponse("ok")

    return [Route(PATH, webhook, methods=["POST"])]


async def keep(application: Application, update: Update, body: str) -> bool:
    """Record the update and keep it until handled (``bot.updates.inbox``); False if received before.
    One from outside a private chat (a group's command, an inline message's press) is neither: nothing
    of a group's members is written (``ui.middleware.outside``), and its one line may be lost to a kill."""
    chat = update.effective_chat
    if chat is None or chat.type != ChatType.PRIVATE:
        return True
    services = application.bot_data
    sender = update.effective_user.id if update.effective_user is not None else None
    async with services.database.transaction() as session:
        first = await receive(session, update.update_id, sender, body, services.sending.me, services.clock())
    if first:
        services.kept_updates.add(update.update_id)
    return first


def read_update(payload: object, application: Application) -> Update:
    """The update posted; ValueError, TypeError, KeyError or AttributeError when it is none.

    Its number and its sender's must be ids the database can hold (they are recorded before anything
    else): PTB's ``de_json`` checks no type, and a number in words or beyond 64 bits would fail there,
    as a 500.
    """
    number = payload.get("update_id") if isinstance(payload, dict) else None
    if not isinstance(number, int) or isinstance(number, bool) or not 0 <= number < LARGEST_ID:
        raise ValueError(f"not an update number: {number!r}")
    update = Update.de_json(payload, application.bot)
    sender = update.effective_user.id if update.effective_user is not None else 0
    if not isinstance(sender, int) or not -LARGEST_ID < sender < LARGEST_ID:
        raise ValueError(f"not a sender's id: {sender!r}")
    return update
