"""One message the bot sends on its own: how its row is claimed, the Bot API call, and its outcome.

What ``bot.delivery.pipeline`` sends; each kind's claim is in ``bot.delivery.claims``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Bot

from models.tables import DeliveryStatus

SendCall = Callable[[Bot, int], Awaitable[object]]  # the Bot API call, given the chat to write to


@dataclass(frozen=True)
class Outcome:
    """What became of one send: sent, blocked or failed (with Telegram's words)."""

    status: DeliveryStatus
    error: str | None = None
    final: bool = False  # a refusal no other try can change (Telegram's 400): failed at once, for good


class Claim(Protocol):
    """One message's record in the database: taken before the send, given back or settled after."""

    async def take(self, session: AsyncSession) -> bool:
        """Take the message for this run; False if another run (or process) has it."""

    async def give_back(self, session: AsyncSession) -> None:
        """Undo the claim of a message that never reached Telegram."""

    async def settle(self, session: AsyncSession, outcome: Outcome, now: datetime) -> bool:
        """Record the outcome (a failure is put back for a later try, up to the kind's limit); False if
        the row is no longer this claim's (settled by another instance meanwhile): left as it is."""


@dataclass(frozen=True)
class Outgoing:
    """One message to one person: how it is claimed, and the call that sends it."""

    chat_id: int
    claim: Claim
    send: SendCall
    what: str  # for the logs: « reminder checkpoint:12 », « announcement 3 »


def send_text(text: str, markup=None) -> SendCall:
    """The Bot API call of an HTML message with its buttons."""

    async def call(bot: Bot, chat_id: int) -> object:
        """Send the text to one chat."""
        return await bot.send_message(chat_id, text, reply_markup=markup)

    return call
