"""What a Telegram server holds for one bot: chats and messages, files, the update queue, and who waits."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

from tests.fakes.calls import ApiCall
from tests.fakes.files import FileStore
from tests.fakes.protocol import JSONDict, bad_request, snapshot


class TelegramState:
    """The stored state and its primitives, shared by the Bot API methods and the user actions.

    Not thread-safe: use it from one event loop.
    """

    def __init__(self, bot_username: str = "qualicoop_test_bot", bot_id: int = 999000) -> None:
        self.bot_user: JSONDict = {
            "id": bot_id,
            "is_bot": True,
            "first_name": "Quali'Coop",
            "username": bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }
        self.messages: dict[int, list[JSONDict]] = {}
        self.calls: list[ApiCall] = []
        self.users: dict[int, JSONDict] = {}
        # Telegram never echoes reply keyboards in Message objects: this is what each chat shows.
        self.reply_keyboards: dict[int, JSONDict] = {}
        self.callback_answers: dict[str, JSONDict] = {}
        # the menu button of each chat (None: the default one for every chat), as set by the bot
        self.menu_buttons: dict[int | None, JSONDict] = {}
        self.webhook: JSONDict = {}  # what setWebhook registered: url, secret_token, allowed_updates
        self._files = FileStore()
        self._commands: dict[tuple[str, str | None], list[JSONDict]] = {}
        self._message_ids: dict[int, int] = {}
        self._updates: list[JSONDict] = []
        self._update_counter = 0
        self._open_callback_queries: set[str] = set()
        self._callback_counter = 0
        # Every new or edited message gets the next revision; each chat remembers the last one the test saw.
        self._revision = 0
        self._revisions: dict[tuple[int, int], int] = {}
        self._read_marks: dict[int, int] = {}
        self._waiters: set[asyncio.Future[None]] = set()

    # --- inspection --------------------------------------------------------------------------

    def last_message(self, chat_id: int) -> JSONDict | None:
        """The bot's latest message in a chat (the live stored dict)."""
        return self.messages.get(chat_id, [None])[-1]

    def find_message(self, chat_id: int, message_id: int) -> JSONDict | None:
        """One of the bot's messages by id (the live stored dict)."""
        for message in self.messages.get(chat_id, []):
            if message["message_id"] == message_id:
                return message
        return None

    async def wait_for_message(
        self,
        chat_id: int,
        predicate: Callable[[JSONDict], bool] | None = None,
        timeout: float = 10.0,
    ) -> JSONDict:
        """Wait for a new or edited bot message in a chat matching predicate; return a snapshot.

        Only versions the test has not seen count: each user action in the chat and each
        message returned here marks everything older in that chat as read.
        """
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            message = self._next_unread(chat_id, predicate)
            if message is not None:
                return snapshot(message)
            if not await self._wait_for_change(deadline):
                texts = [m.get("text", m.get("caption")) for m in self.messages.get(chat_id, [])]
                raise TimeoutError(
                    f"no matching message in chat {chat_id} after {timeout}s; last texts: {texts[-5:]!r}"
                )

    def _next_unread(self, chat_id: int, predicate: Callable[[JSONDict], bool] | None) -> JSONDict | None:
        """The oldest unread message version matching predicate; marks it and older as read."""
        read_mark = self._read_marks.get(chat_id, 0)
        versions = [
            (self._revisions[(chat_id, message["message_id"])], message)
            for message in self.messages.get(chat_id, [])
        ]
        for revision, message in sorted(versions, key=lambda version: version[0]):
            if revision > read_mark and (predicate is None or predicate(message)):
                self._read_marks[chat_id] = revision
                return message
        return None

    # --- files -------------------------------------------------------------------------------

    def store_file(self, content: bytes, filename: str, mime_type: str) -> JSONDict:
        """Store a file as if uploaded to Telegram and return its Document dict."""
        return self._files.store(filename, content, mime_type).document()

    def file_content(self, file_path: str) -> bytes:
        """The bytes behind a getFile file_path; KeyError if unknown."""
        return self._files.content(file_path)

    # --- the update queue --------------------------------------------------------------------

    def pending_updates(self) -> list[JSONDict]:
        """Updates not yet confirmed by a getUpdates offset."""
        return snapshot(self._updates)

    async def get_updates(
        self,
        offset: int | None = None,
        limit: int = 100,
        timeout: float = 0,
        allowed_updates: list[str] | None = None,
    ) -> list[JSONDict]:
        """getUpdates semantics: confirm updates below offset, long-poll up to timeout seconds."""
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            updates = self._take_updates(offset, limit, allowed_updates)
            if updates or not await self._wait_for_change(deadline):
                return updates
            if offset is not None and offset < 0:
                offset = None  # a negative offset trims the queue once, not on every wake-up

    def _take_updates(
        self, offset: int | None, limit: int, allowed_updates: list[str] | None
    ) -> list[JSONDict]:
        if offset is not None and offset < 0:
            self._updates = self._updates[offset:]  # "all previous updates will be forgotten"
        elif offset is not None:
            self._updates = [update for update in self._updates if update["update_id"] >= offset]
        allowed = set(allowed_updates or [])
        updates = [u for u in self._updates if not allowed or allowed & set(u)]
        return snapshot(updates[: max(1, min(int(limit), 100))])

    def _push_update(self, chat_id: int, payload: JSONDict) -> JSONDict:
        self._update_counter += 1
        update = {"update_id": self._update_counter, **payload}
        self._updates.append(update)
        # The user saw the chat before acting, so older bot messages count as read.
        self._read_marks[chat_id] = self._revision
        self._notify()
        return snapshot(update)

    # --- change notification -----------------------------------------------------------------

    def _notify(self) -> None:
        for waiter in self._waiters:
            if not waiter.done():
                waiter.set_result(None)

    async def _wait_for_change(self, deadline: float) -> bool:
        """Wait until state changes or the deadline passes; False on timeout."""
        loop = asyncio.get_running_loop()
        remaining = deadline - loop.time()
        if remaining <= 0:
            return False
        waiter: asyncio.Future[None] = loop.create_future()
        self._waiters.add(waiter)
        try:
            await asyncio.wait({waiter}, timeout=remaining)
        finally:
            self._waiters.discard(waiter)
        return waiter.done()

    def _touch(self, chat_id: int, message_id: int) -> None:
        self._revision += 1
        self._revisions[(chat_id, message_id)] = self._revision
        self._notify()

    # --- chats and messages ------------------------------------------------------------------

    def _chat(self, chat_id: int) -> JSONDict:
        if chat_id < 0:
            chat_type = "supergroup" if str(chat_id).startswith("-100") else "group"
            return {"id": chat_id, "type": chat_type, "title": f"Chat {chat_id}"}
        chat: JSONDict = {"id": chat_id, "type": "private"}
        user = self.users.get(chat_id, {})
        names = ("first_name", "last_name", "username")
        chat.update({key: user[key] for key in names if key in user})
        return chat

    def _chat_id(self, params: JSONDict) -> int:
        chat_id = params.get("chat_id")
        if chat_id is None or chat_id == "":
            raise bad_request("chat_id is empty")
        if not isinstance(chat_id, int):
            raise bad_request("chat not found")
        return chat_id

    def _next_message_id(self, chat_id: int) -> int:
        self._message_ids[chat_id] = self._message_ids.get(chat_id, 0) + 1
        return self._message_ids[chat_id]

    def _new_message(self, chat_id: int, **content: Any) -> JSONDict:
        sender = {key: self.bot_user[key] for key in ("id", "is_bot", "first_name", "username")}
        message: JSONDict = {
            "message_id": self._next_message_id(chat_id),
            "from": sender,
            "chat": self._chat(chat_id),
            "date": int(time.time()),
        }
        message.update({key: value for key, value in content.items() if value})
        self.messages.setdefault(chat_id, []).append(message)
        self._touch(chat_id, message["message_id"])
        return message
