"""A FakeTelegram served over real HTTP, for bots running in another process."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Coroutine
from types import TracebackType
from typing import Any

from aiohttp import web

from tests.fakes.protocol import BotApiError, JSONDict, Upload
from tests.fakes.telegram import FakeTelegram

MAX_UPLOAD_SIZE = 60 * 1024 * 1024  # above Telegram's 50 MB bot upload limit
_NOT_FOUND = {"ok": False, "error_code": 404, "description": "Not Found"}


async def _read_params(request: web.Request) -> tuple[dict[str, Any], dict[str, Upload]]:
    """Collect parameters from the query string and a JSON, urlencoded or multipart body."""
    params: dict[str, Any] = dict(request.query)
    files: dict[str, Upload] = {}
    if request.content_type == "application/json" and request.can_read_body:
        params.update(await request.json())
    elif request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        for name, value in (await request.post()).items():
            if isinstance(value, web.FileField):
                files[name] = (value.filename, value.file.read(), value.content_type)
            else:
                params[name] = value
    return params, files


class FakeBotApiServer:
    """Serves a FakeTelegram on 127.0.0.1 so PTB can reach it through base_url."""

    def __init__(self, fake: FakeTelegram, max_poll: float = 5.0) -> None:
        self.fake = fake
        self.max_poll = max_poll
        self.tokens_seen: set[str] = set()
        self._runner: web.AppRunner | None = None
        self._port: int | None = None
        self._polls: set[asyncio.Future[tuple[int, JSONDict]]] = set()
        self._unanswered: set[str] = set()  # methods whose next call waits forever (hold_next)
        self.held: list[str] = []  # the calls that did

    def hold_next(self, method: str) -> None:
        """The next call of ``method`` is never answered (nor done): the caller waits until it gives up
        or dies, as when Telegram is slow while the process is killed."""
        self._unanswered.add(method.lower())

    @property
    def base_url(self) -> str:
        """Pass as Bot(base_url=...): PTB appends the token, then "/<method>"."""
        return f"http://127.0.0.1:{self._bound_port()}/bot"

    @property
    def base_file_url(self) -> str:
        """Pass as Bot(base_file_url=...): PTB appends the token, then "/<file_path>"."""
        return f"http://127.0.0.1:{self._bound_port()}/file/bot"

    async def start(self) -> None:
        """Listen on a free port of 127.0.0.1."""
        app = web.Application(client_max_size=MAX_UPLOAD_SIZE)
        app.router.add_route("*", "/bot{token}/{method}", self._api)
        app.router.add_get("/file/bot{token}/{file_path:.*}", self._file)
        # A short shutdown timeout: stop() must not wait for pending long polls.
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.2)
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        self._port = sock.getsockname()[1]
        await web.SockSite(self._runner, sock).start()

    async def stop(self) -> None:
        """Close the listening socket and all connections."""
        for poll in self._polls:
            poll.cancel()  # pending long polls answer "no updates" instead of delaying shutdown
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeBotApiServer:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.stop()

    def _bound_port(self) -> int:
        if self._port is None:
            raise RuntimeError("FakeBotApiServer is not started")
        return self._port

    async def _api(self, request: web.Request) -> web.Response:
        self.tokens_seen.add(request.match_info["token"])
        try:
            params, files = await _read_params(request)
        except ValueError as error:
            body = BotApiError(400, f"Bad Request: {error}").payload()
            return web.json_response(body, status=400)
        if request.match_info["method"].lower() in self._unanswered:
            self._unanswered.discard(request.match_info["method"].lower())
            self.held.append(request.match_info["method"])
            await asyncio.Event().wait()  # until stop() closes the connection
        answer = self.fake.respond(request.match_info["method"], params, files, max_poll=self.max_poll)
        if request.match_info["method"].lower() == "getupdates":
            status, body = await self._long_poll(answer)
        else:
            status, body = await answer
        return web.json_response(body, status=status)

    async def _long_poll(self, answer: Coroutine[Any, Any, tuple[int, JSONDict]]) -> tuple[int, JSONDict]:
        """Run a getUpdates that stop() may end early with an empty result."""
        poll = asyncio.ensure_future(answer)
        self._polls.add(poll)
        try:
            return await poll
        except asyncio.CancelledError:
            current = asyncio.current_task()
            if current is not None and current.cancelling():
                raise  # the handler itself is being cancelled, not just our poll
            return 200, {"ok": True, "result": []}
        finally:
            self._polls.discard(poll)

    async def _file(self, request: web.Request) -> web.Response:
        self.tokens_seen.add(request.match_info["token"])
        try:
            content = self.fake.file_content(request.match_info["file_path"])
        except KeyError:
            return web.json_response(_NOT_FOUND, status=404)
        return web.Response(body=content, content_type="application/octet-stream")
