"""A request's body, read up to a bound: what is longer is refused before it is held whole.

Starlette reads a body whole, however long; uvicorn sets no bound either. The longest thing the Mini App
sends is a text of a few thousand characters (6,000 at most are stored) and Telegram's updates are a few
kilobytes: a megabyte is far above both, and a body of a gigabyte (a member's script, a mistaken proxy)
would otherwise sit in the bot's memory before anything refuses it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # starlette itself is imported with the web server
    from starlette.requests import Request

BODY_MAX = 1024 * 1024  # bytes


class BodyTooLarge(ValueError):
    """A body longer than ``BODY_MAX``: refused, not read further."""


async def bounded_body(request: Request, limit: int = BODY_MAX) -> bytes:
    """The request's body, or BodyTooLarge as soon as it is known to be longer than ``limit``: from its
    announced length before a byte is read, else while it comes (a chunked body announces none)."""
    announced = request.headers.get("content-length", "")
    if announced.isdigit() and int(announced) > limit:
        raise BodyTooLarge(f"announced {announced} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge(f"over {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)
