"""Drive the real Application in-process: send text as a user, press buttons by label, read replies.

Modelled on aiogram-dialog's test tools. The network is a FakeTelegram behind a FakeRequest, so
every Bot API call the bot makes is recorded and answered like Telegram would.
"""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from telegram import Update
from telegram.ext import Application, TypeHandler

from bot.application import build_application
from bot.delivery.pipeline import pipeline_for
from bot.settings import load_settings
from bot.updates.polling import PolledUpdates
from bot.web.webhook import keep
from models.clock import Clock, utcnow
from models.coops import create_coop, create_invitation
from models.db import Database
from models.tables import Coop, MemberRole
from tests.databases import compiling_once
from tests.databases import database_url as new_database_url
from tests.fakes import FakeRequest, FakeTelegram
from tests.keyboards import check_keyboards

BOT_TOKEN = "123456:TEST-TOKEN"
PUBLIC_URL = "https://qualicoop.example.org"


def free_port() -> int:
    """A local port nobody listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def is_retired_menu(call) -> bool:
    """An old screen's keyboard taken away: not an answer of the bot to read."""
    return call.method == "editMessageReplyMarkup" and not call.params.get("reply_markup")


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta) -> None:
        self.now += timedelta(**delta)


class ButtonNotFound(AssertionError):
    """The label asked for is on no keyboard of the chat."""


@dataclass
class CoopInvitations:
    coop: Coop
    direction_token: str
    member_token: str


class BotHarness:
    """One bot application on a test database, with a fake Telegram behind it."""

    def __init__(
        self,
        tmp_path: Path,
        *,
        admin_ids: tuple[int, ...] = (),
        clock: Clock = utcnow,
        web: bool = False,
        database_url: str | None = None,
        chat_gap: float = float(os.environ.get("QUALICOOP_TEST_CHAT_GAP", "0")),
        pace: int | None = 1000,
    ):
        """A bot on a new database (SQLite, or PostgreSQL: tests/databases.py), or on ``database_url``
        shared with another harness (a second instance); with ``web``, it serves the Mini App on a free
        local port, as if behind PUBLIC_URL. ``chat_gap``: the pipeline's second between two sends to
        one chat, none by default (the fake Telegram has no such limit; the tests of the gap ask it).
        ``pace``: the pipeline's sends a second, far above Telegram's 30 by default (a news to forty
        people waited a second and a half of real time; the tests of the pace ask None: Telegram's)."""
        self.chat_gap, self.pace = chat_gap, pace
        self.fake = FakeTelegram()
        self.database_url = database_url or new_database_url(tmp_path, "qualicoop-test")
        self.web_port = free_port() if web else None
        self.settings = load_settings(
            telegram_bot_token=BOT_TOKEN,
            database_url=self.database_url,
            admin_ids=",".join(str(i) for i in admin_ids),
            rate_limit=False,
            files_dir=str(tmp_path / "files"),
            public_url=PUBLIC_URL if web else None,
            web_port=self.web_port,
        )
        self.clock = clock
        self.application: Application | None = None
        self.errors: list[BaseException] = []
        # when it says so, an update comes as through the webhook: kept until handled (bot.updates.inbox)
        self.through_webhook: Callable[[], bool] = lambda: False
        # or as polling hands it to PTB: its number recorded with its work (bot.updates.polling)
        self.through_polling: Callable[[], bool] = lambda: False

    async def start(self) -> None:
        """Build and initialise a fresh Application, as ``qualicoop run`` does before polling."""
        self.application = build_application(
            self.settings,
            compiling_once(Database(self.database_url)),
            request=FakeRequest(self.fake),
            clock=lambda: self.clock(),
        )
        self.application.add_error_handler(self._record_error)
        pipeline_for(self.application).chats.gap = self.chat_gap
        if self.pace is not None:
            self.application.bot_data.pacer.limit = self.pace
        await self.application.initialize()
        await self.application.post_init(self.application)

    async def stop(self) -> None:
        """Shut the Application down (the database file stays)."""
        if self.application is not None:
            await self.application.shutdown()
            await self.application.post_shutdown(self.application)
            self.application = None

    async def restart(self) -> None:
        """A new Application instance on the same database, like a process restart."""
        await self.stop()
        await self.start()

    async def _record_error(self, update: object, context) -> None:
        self.errors.append(context.error)

    async def run_background(self) -> None:
        """What the background job does: the outbox, then the announcements."""
        from bot.delivery.announcements import deliver_announcements
        from bot.delivery.notifications import deliver_notifications

        first_call = len(self.fake.calls)
        await deliver_notifications(self.application)
        await deliver_announcements(self.application)
        check_keyboards(self.fake.calls[first_call:])

    @contextmanager
    def meanwhile(self, callback) -> Iterator[None]:
        """Within the block, ``callback(update, context)`` runs at each update after the visitor is read
        (the middleware's group −10) and before the journeys: a colleague, a reminder, another instance."""
        handler = TypeHandler(Update, callback)
        self.application.add_handler(handler, group=-5)
        try:
            yield
        finally:
            self.application.remove_handler(handler, group=-5)

    @property
    def web_url(self) -> str:
        """The local address of the bot's web server."""
        return f"http://127.0.0.1:{self.web_port}"

    @property
    def database(self) -> Database:
        return self.application.bot_data.database

    async def add_coop(self, name: str, region: str | None = None) -> CoopInvitations:
        """Create a coop with a direction and a member invitation, as the CLI does."""
        async with self.database.transaction() as session:
            coop = await create_coop(session, name, region)
            direction = await create_invitation(session, coop, MemberRole.DIRECTION)
            member = await create_invitation(session, coop, MemberRole.MEMBER)
        return CoopInvitations(coop, direction.token, member.token)

    def user(self, user_id: int, first_name: str = "Camille", language_code: str | None = "fr") -> ChatUser:
        """A Telegram user who can talk to the bot."""
        return ChatUser(self, user_id, first_name, language_code)

    async def settle(self, chat_id: int) -> list[dict]:
        """What the job does once the user has been quiet: judge the typed parts waiting for them.

        The job queue does not run in these tests; the judging is called as the job calls it, at an
        instant well after the last part. Returns the messages sent to the chat meanwhile.
        """
        from conversations.ui.pastes import judge_waiting

        before = len(self.fake.messages.get(chat_id, []))
        first_call = len(self.fake.calls)
        await judge_waiting(self.application, chat_id, now=self.clock() + timedelta(minutes=1))
        check_keyboards(self.fake.calls[first_call:])
        return self.fake.messages.get(chat_id, [])[before:]

    async def deliver(self, chat_id: int, update: dict, *, expect_error: bool = False) -> list[dict]:
        """Process one update; return the messages the bot sent or edited in that chat meanwhile."""
        before = len(self.fake.messages.get(chat_id, []))
        first_call = len(self.fake.calls)
        errors_before = len(self.errors)
        received = Update.de_json(update, self.application.bot)
        if self.through_webhook():
            assert await keep(self.application, received, json.dumps(update))
        if self.through_polling():
            services = self.application.bot_data
            services.polled = services.polled or PolledUpdates(self.database)
            assert await services.polled.taken([received])
        await self.application.process_update(received)
        if not expect_error and len(self.errors) > errors_before:
            raise self.errors[-1]
        check_keyboards(self.fake.calls[first_call:])  # every screen a test draws, as a phone shows it
        edited_ids = [
            call.params["message_id"]
            for call in self.fake.calls[first_call:]
            if call.method.lower().startswith("edit")
            and call.ok
            and call.chat_id == chat_id
            and not is_retired_menu(call)
        ]
        chat_messages = self.fake.messages.get(chat_id, [])
        edited = [m for m in chat_messages[:before] if m["message_id"] in edited_ids]
        return edited + chat_messages[before:]


class ChatUser:
    """One person in a private chat with the bot."""

    def __init__(self, harness: BotHarness, user_id: int, first_name: str, language_code: str | None):
        self.harness = harness
        self.id = user_id
        self.tg = {"id": user_id, "is_bot": False, "first_name": first_name}
        if language_code:
            self.tg["language_code"] = language_code
        self.replies: list[dict] = []  # what the last action produced
        self.alerts: list[str] = []  # texts of answered callback queries

    @property
    def fake(self) -> FakeTelegram:
        return self.harness.fake

    async def send(self, text: str, **kwargs) -> list[dict]:
        """Type a text (or a /command) to the bot."""
        self.replies = await self.harness.deliver(self.id, self.fake.user_text(self.tg, text), **kwargs)
        return self.replies

    async def paste(self, *parts: str) -> list[dict]:
        """A long text as Telegram sends it (its parts, milliseconds apart), then the user is quiet."""
        replies = []
        for part in parts:
            replies += await self.send(part)
        replies += await self.harness.settle(self.id)
        self.replies = replies
        return replies

    async def send_photo(self, content: bytes, caption: str | None = None, **kwargs) -> list[dict]:
        """Send a photo to the bot."""
        update = self.fake.user_photo(self.tg, content, caption=caption)
        self.replies = await self.harness.deliver(self.id, update, **kwargs)
        return self.replies

    async def send_document(self, filename: str, content: bytes, mime_type: str, **kwargs) -> list[dict]:
        """Send a file to the bot."""
        update = self.fake.user_document(self.tg, filename, content, mime_type)
        self.replies = await self.harness.deliver(self.id, update, **kwargs)
        return self.replies

    async def press(self, label: str, message: dict | None = None, **kwargs) -> list[dict]:
        """Press the inline button whose label contains ``label`` (newest message first)."""
        message, data = self.find_button(label, message)
        first_call = len(self.fake.calls)
        update = self.fake.user_callback(self.tg, message, data)
        self.replies = await self.harness.deliver(self.id, update, **kwargs)
        self.alerts = [
            call.params.get("text", "")
            for call in self.fake.calls[first_call:]
            if call.method.lower() == "answercallbackquery"
        ]
        return self.replies

    async def press_data(self, message: dict, data: str, **kwargs) -> list[dict]:
        """Send raw callback data for a message, as a forged or forwarded button would."""
        first_call = len(self.fake.calls)
        update = self.fake.user_callback(self.tg, message, data, check_button=False)
        self.replies = await self.harness.deliver(self.id, update, **kwargs)
        self.alerts = [
            call.params.get("text", "")
            for call in self.fake.calls[first_call:]
            if call.method.lower() == "answercallbackquery"
        ]
        return self.replies

    def find_button(self, label: str, message: dict | None = None) -> tuple[dict, str]:
        """The message and callback data of the newest button matching ``label``."""
        candidates = [message] if message else reversed(self.messages)
        for candidate in candidates:
            for row in (candidate.get("reply_markup") or {}).get("inline_keyboard", []):
                for button in row:
                    if label in button["text"] and "callback_data" in button:
                        return candidate, button["callback_data"]
        raise ButtonNotFound(f"no button {label!r}; last messages: {self.texts()[-3:]}")

    @property
    def messages(self) -> list[dict]:
        """Every message of the bot in this chat, in their current (edited) state."""
        return self.fake.messages.get(self.id, [])

    @property
    def last(self) -> dict:
        return self.messages[-1]

    @property
    def last_text(self) -> str:
        return self.last.get("text", "")

    def texts(self) -> list[str]:
        return [m.get("text", "") for m in self.messages]

    def reply_text(self) -> str:
        """All texts produced by the last action, joined."""
        return "\n".join(m.get("text", "") for m in self.replies)

    def buttons(self, message: dict | None = None) -> list[str]:
        """The labels of a message's keyboard (the newest message by default)."""
        message = message or self.last
        return [
            b["text"] for row in (message.get("reply_markup") or {}).get("inline_keyboard", []) for b in row
        ]
