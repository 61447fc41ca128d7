"""In-memory fake of a Telegram Bot API server, independent of any transport.

The pieces, one concern each: ``protocol`` (JSON shapes, limits, errors), ``entities`` (HTML parse
mode), ``files``, ``faults``, ``calls`` (the call log and pacing), ``state`` (chats, messages, the
update queue), ``methods`` (the Bot API methods) and ``updates`` (what users do). This module puts
them together behind the one class tests use.
"""

from __future__ import annotations

import time
from typing import Any

from tests.fakes.calls import ApiCall, max_sends_in_window, min_send_gap
from tests.fakes.faults import FaultPlan
from tests.fakes.methods import BotApiMethods
from tests.fakes.protocol import BotApiError, Files, JSONDict, normalize_params, snapshot
from tests.fakes.updates import UserActions

__all__ = ["ApiCall", "BotApiError", "FakeTelegram"]


class FakeTelegram(BotApiMethods, UserActions):
    """The state of a Telegram server as one bot sees it: chats, messages, files, updates.

    Not thread-safe: use it from one event loop. Polling (getUpdates) is not recorded in calls.
    """

    def __init__(self, bot_username: str = "qualicoop_test_bot", bot_id: int = 999000) -> None:
        super().__init__(bot_username, bot_id)
        self._faults = FaultPlan()
        self._handlers = self._method_handlers()
        self._method_names = {name.lower(): name for name in [*self._handlers, "getUpdates"]}

    # --- entry points used by the transports -------------------------------------------------

    def handle(self, method: str, params: dict[str, Any], files: Files | None = None) -> Any:
        """Run one Bot API method and return its result, or raise BotApiError."""
        name = self._method_names.get(method.lower(), method)
        params = normalize_params(params)
        if name == "getUpdates":
            self._faults.raise_if_due(name, None)
            return self._take_updates(
                params.get("offset"), params.get("limit", 100), params.get("allowed_updates")
            )
        chat_id = params.get("chat_id") if isinstance(params.get("chat_id"), int) else None
        call = ApiCall(name, snapshot(params), time.monotonic(), chat_id)
        self.calls.append(call)
        self._faults.raise_if_due(name, chat_id)
        handler = self._handlers.get(name)
        if handler is None:
            raise BotApiError(404, "Not Found")
        self._faults.raise_if_blocked(name, chat_id)
        result = snapshot(handler(params, files or {}))
        call.ok = True
        return result

    async def respond(
        self,
        method: str,
        params: dict[str, Any],
        files: Files | None = None,
        *,
        max_poll: float = 5.0,
    ) -> tuple[int, JSONDict]:
        """Answer a request as (HTTP status, Bot API JSON body); getUpdates long-polls."""
        try:
            if method.lower() != "getupdates":
                return 200, {"ok": True, "result": self.handle(method, params, files)}
            params = normalize_params(params)
            self._faults.raise_if_due("getUpdates", None)
            timeout = min(float(params.get("timeout", 0)), max_poll)
            offset, limit = params.get("offset"), params.get("limit", 100)
            updates = await self.get_updates(offset, limit, timeout, params.get("allowed_updates"))
            return 200, {"ok": True, "result": updates}
        except BotApiError as error:
            return error.status, error.payload()

    # --- fault injection and measurements ----------------------------------------------------

    @property
    def blocked_chats(self) -> set[int]:
        """Chats whose user blocked the bot: every send there answers 403 (add or remove ids)."""
        return self._faults.blocked_chats

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
        self._faults.fail_next(method, status, description, retry_after, count, chat_id)

    def max_sends_in_window(self, window: float = 1.0) -> int:
        """The most successful message sends that happened within any `window` seconds."""
        return max_sends_in_window(self.calls, window)

    def sends_per_chat_min_gap(self, chat_id: int) -> float | None:
        """The shortest delay between two successful message sends to one chat."""
        return min_send_gap(self.calls, chat_id)
