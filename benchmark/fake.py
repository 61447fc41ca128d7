"""The tests' fake Telegram, with what measuring needs: when updates leave, which calls answer whom.

``BenchTelegram`` stamps the first getUpdates (the end of a start-up) and the moment each update is
handed to the bot, files every recorded call under the chat it answers (answerCallbackQuery carries
no chat id: the query's chat is remembered), and can refuse sends above Telegram's flood limit with
a 429, the way the real server does, so that flood errors are counted instead of assumed.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import defaultdict, deque
from contextlib import asynccontextmanager
from typing import Any

from tests.fakes import ApiCall, BotApiError, FakeBotApiServer, FakeTelegram
from tests.fakes.calls import is_message_send

# a bot stopped in the middle of a request makes aiohttp log a traceback: expected, not news
logging.getLogger("aiohttp.server").setLevel(logging.CRITICAL)

FLOOD_LIMIT = 30  # messages a second to all chats together, Telegram's documented broadcast limit


class BenchTelegram(FakeTelegram):
    """A FakeTelegram that times deliveries and routes calls to the chat they answer."""

    def __init__(self, flood_limit: int | None = None) -> None:
        super().__init__(bot_username="QualiCoopBenchBot")
        self.first_poll_at: float | None = None
        self.delivered_at: dict[int, float] = {}
        self.chat_calls: dict[int, list[ApiCall]] = defaultdict(list)
        self.flood_limit = flood_limit
        self.floods = 0
        self._recent_sends: deque[float] = deque()
        self._query_chats: dict[str, int] = {}
        self._changed: dict[int, asyncio.Event] = defaultdict(asyncio.Event)

    async def get_updates(self, offset=None, limit=100, timeout=0, allowed_updates=None):
        """getUpdates, stamping the first poll and when each update is first handed over."""
        if self.first_poll_at is None:
            self.first_poll_at = time.monotonic()
        updates = await super().get_updates(offset, limit, timeout, allowed_updates)
        now = time.monotonic()
        for update in updates:
            self.delivered_at.setdefault(update["update_id"], now)
        return updates

    def user_callback(self, user, message, data, *, check_button=True):
        """A button press, remembering the query's chat for its answerCallbackQuery."""
        update = super().user_callback(user, message, data, check_button=check_button)
        self._query_chats[update["callback_query"]["id"]] = message["chat"]["id"]
        return update

    def handle(self, method: str, params: dict[str, Any], files=None) -> Any:
        """One Bot API call; afterwards, filed under its chat and its waiter woken."""
        recorded = len(self.calls)
        self._refuse_flood(method)
        try:
            return super().handle(method, params, files)
        finally:
            if len(self.calls) > recorded:
                self._file(self.calls[-1])

    def _file(self, call: ApiCall) -> None:
        """File a recorded call under its chat, count it if it is a send, wake who waits on the chat."""
        chat = call.chat_id
        if chat is None:
            chat = self._query_chats.get(str(call.params.get("callback_query_id")))
        if call.ok and is_message_send(call.method):
            self._recent_sends.append(call.at)
        if chat is not None:
            self.chat_calls[chat].append(call)
            self._changed[chat].set()

    def _refuse_flood(self, method: str) -> None:
        """Above ``flood_limit`` sends in the last second, a send gets Telegram's 429."""
        if self.flood_limit is None or not is_message_send(self._method_names.get(method.lower(), method)):
            return
        now = time.monotonic()
        while self._recent_sends and self._recent_sends[0] <= now - 1.0:
            self._recent_sends.popleft()
        if len(self._recent_sends) >= self.flood_limit:
            self.floods += 1
            raise BotApiError(429, "Too Many Requests: retry after 1", retry_after=1)

    async def wait_calls(self, chat: int, count: int, timeout: float) -> list[ApiCall]:
        """Wait until ``count`` calls were filed under ``chat`` in all; TimeoutError otherwise."""
        deadline = time.monotonic() + timeout
        while len(self.chat_calls[chat]) < count:
            event = self._changed[chat]
            event.clear()
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"chat {chat}: {len(self.chat_calls[chat])} of {count} calls")
            try:
                await asyncio.wait_for(event.wait(), remaining)
            except TimeoutError:
                continue  # the loop says how many came
        return self.chat_calls[chat]

    async def wait_first_poll(self, timeout: float, alive=lambda: True) -> float:
        """The monotonic time of the first getUpdates; gives up when ``alive()`` turns false."""
        deadline = time.monotonic() + timeout
        while self.first_poll_at is None:
            if time.monotonic() > deadline or not alive():
                raise TimeoutError("the bot never polled")
            await asyncio.sleep(0.005)
        return self.first_poll_at


@asynccontextmanager
async def serving(fake: BenchTelegram):
    """The fake on 127.0.0.1 for the length of a block.

    Long polls last half a second at most, so that a bot stops quickly (it waits for its poll);
    an idle bot polls twice a second, a cost both bots share and a busy one never pays.
    """
    server = FakeBotApiServer(fake, max_poll=0.5)
    await server.start()
    try:
        yield server
    finally:
        await server.stop()
