"""Failures a test asks for: the next calls of a method fail, or a user has blocked the bot."""

from __future__ import annotations

from dataclasses import dataclass

from tests.fakes.protocol import BotApiError


@dataclass
class _Fault:
    """A pending injected failure."""

    method: str
    error: BotApiError
    remaining: int
    chat_id: int | None


class FaultPlan:
    """The failures still to happen, checked by every call before it is answered."""

    def __init__(self) -> None:
        # Chats whose user blocked the bot: every send there answers 403, for as long as they stay here.
        self.blocked_chats: set[int] = set()
        self._pending: list[_Fault] = []

    def fail_next(
        self,
        method: str,
        status: int,
        description: str,
        retry_after: int | None = None,
        count: int = 1,
        chat_id: int | None = None,
    ) -> None:
        """Make the next `count` calls of `method` (to `chat_id`, if given) fail."""
        if status == 429 and retry_after is None:
            retry_after = 1  # Telegram always says how long to back off
        error = BotApiError(status, description, retry_after)
        self._pending.append(_Fault(method.lower(), error, count, chat_id))

    def raise_if_due(self, method: str, chat_id: int | None) -> None:
        """Raise the first pending failure this call matches, counting it down."""
        for fault in self._pending:
            if fault.method == method.lower() and fault.chat_id in (None, chat_id):
                fault.remaining -= 1
                if fault.remaining <= 0:
                    self._pending.remove(fault)
                raise fault.error

    def raise_if_blocked(self, method: str, chat_id: int | None) -> None:
        """A send to a chat whose user blocked the bot is refused, as Telegram does."""
        if method.startswith("send") and chat_id in self.blocked_chats:
            raise BotApiError(403, "Forbidden: bot was blocked by the user")
