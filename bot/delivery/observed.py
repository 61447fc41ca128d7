"""Every message this instance sends counts in its pacer's window, the conversations' answers too.

The send pipeline waits for its turn in the pacer; so does an answer to someone who just pressed a
button, since Telegram counts it in the same 30 a second, but only when the window is full (less than
a second), and before the pipeline's sends. PTB hands every Bot API request to the application's rate
limiter: this one takes a place in the pacer for each message an answer sends, then lets PTB's own
limiter carry the request. With no rate limit (QUALICOOP_RATE_LIMIT=false: a server without Telegram's
limits, the tests' and the CPU benchmarks'), the answers are counted and go at once.

It also sees every request fail: Telegram takes the answer to a pressed button (the little clock on
it) only within seconds. A press handled later (the bot was down a minute, or a killed instance's
press handled by another) has done its work and draws its screen all the same: that refusal is no
failure to apologise for, nor to alert the administrators about.
"""

from __future__ import annotations

import logging
from contextvars import ContextVar
from typing import Any

from telegram.error import BadRequest
from telegram.ext import BaseRateLimiter

from bot.delivery.pacer import ChatGaps, SlidingWindowPacer

log = logging.getLogger("qualicoop.delivery")

# Set by the send pipeline around its own sends: they hold a slot of the pacer already.
PACED: ContextVar[bool] = ContextVar("qualicoop_paced", default=False)


def is_message_send(endpoint: str) -> bool:
    """Whether a Bot API method posts a new message (what Telegram's limit counts)."""
    return endpoint.startswith("send") and endpoint != "sendChatAction"


class ObservedSends(BaseRateLimiter):
    """Gives the messages sent outside the pipeline their place in the pacer; the requests go on unchanged."""

    def __init__(self, pacer: SlidingWindowPacer, inner: BaseRateLimiter | None = None) -> None:
        """Count in ``pacer``; ``inner`` (PTB's AIORateLimiter, or None: no rate limit) limits requests."""
        self.pacer, self.inner = pacer, inner
        self.chats: ChatGaps | None = None  # the send pipeline's, told of each answer (``pipeline_for``)

    async def initialize(self) -> None:
        """Start the inner limiter."""
        if self.inner is not None:
            await self.inner.initialize()

    async def shutdown(self) -> None:
        """Stop the inner limiter."""
        if self.inner is not None:
            await self.inner.shutdown()

    async def process_request(
        self,
        callback,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args,
    ):
        """Give an answer's message its place in the window (waiting for it under a rate limit), then make
        the request (through the inner limiter, if any)."""
        slot = None
        if is_message_send(endpoint) and not PACED.get():
            slot = self.pacer.note() if self.inner is None else await self.pacer.answer()
        try:
            if self.inner is None:
                return await callback(*args, **kwargs)
            return await self.inner.process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
        except BadRequest as refused:
            if endpoint != "answerCallbackQuery" or not too_late(refused):
                raise
            log.info("a press answered too late for Telegram (%s): its screen is drawn all the same", refused)
            return True
        finally:
            if slot is not None:
                slot.done()
                if self.chats is not None and isinstance(data.get("chat_id"), int):
                    self.chats.answered(data["chat_id"])


def too_late(refused: BadRequest) -> bool:
    """Telegram's refusal of an answer to a press it no longer waits for."""
    said = refused.message.lower()
    return "query is too old" in said or "query id is invalid" in said
