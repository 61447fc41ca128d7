"""Fake Telegram Bot API for tests: in-memory state plus in-process and HTTP transports."""

from tests.fakes.botapi_server import FakeBotApiServer
from tests.fakes.calls import ApiCall
from tests.fakes.protocol import BotApiError
from tests.fakes.request import FakeRequest
from tests.fakes.telegram import FakeTelegram

__all__ = ["ApiCall", "BotApiError", "FakeBotApiServer", "FakeRequest", "FakeTelegram"]
