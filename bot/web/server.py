"""The bot's own web server: one ASGI app (Starlette under uvicorn) for the Mini App, the webhook
and the health check, started and stopped with the bot.

Starlette under uvicorn is python-telegram-bot's own pattern for a custom webhook server, it is
small, and its routes are plain async functions; the same process and event loop as the bot means
the Mini App calls the same domain functions on the same database engine, with no second service.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import socket
from collections.abc import Callable

import uvicorn
from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.routing import BaseRoute
from telegram.ext import Application

from bot.maintenance import CliError
from bot.web import health, miniapp, webhook

log = logging.getLogger("qualicoop.web")

# A dossier's page is mostly French text said twice (shown, and expected back): gzip makes a long one
# a fifth on a phone's connection. Level 6: nearly level 9's size for half its CPU; small answers
# (the webhook's, the health check's) are left as they are.
COMPRESSED = Middleware(GZipMiddleware, minimum_size=1024, compresslevel=6)


class SafeHeaders:
    """Headers every answer carries: no content sniffing (a file is the type it says); the Mini App's data
    not stored by any cache. A plain ASGI middleware: it only adds headers, as they start."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        """The answer as the route gives it, its first message with the headers added."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        private = scope["path"].startswith(miniapp.API)  # a dossier as data (the page already says so)

        async def starting(message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["x-content-type-options"] = "nosniff"
                if private:
                    headers["cache-control"] = "no-store"
            await send(message)

        await self.app(scope, receive, starting)


# each part of the site adds its routes: (application) -> routes
RouteSource = Callable[[Application], list[BaseRoute]]
ROUTE_SOURCES: list[RouteSource] = [health.routes, miniapp.routes, webhook.routes]


def build_site(application: Application) -> Starlette:
    """Every route of every part of the site, for this application."""
    routes: list[BaseRoute] = []
    for source in ROUTE_SOURCES:
        routes += source(application)
    return Starlette(routes=routes, middleware=[Middleware(SafeHeaders), COMPRESSED])


class WebServer:
    """uvicorn serving the site in the bot's event loop, in the background."""

    def __init__(self, application: Application, host: str, port: int) -> None:
        self.application, self.host, self.port = application, host, port
        self.server: uvicorn.Server | None = None
        self.task: asyncio.Task | None = None

    async def start(self) -> None:
        """Listen on host:port; return once the socket is bound."""
        config = uvicorn.Config(
            build_site(self.application), host=self.host, port=self.port, log_level="warning",
            access_log=False, lifespan="off", use_colors=False, log_config=None,
        )  # fmt: skip
        self.server = uvicorn.Server(config)
        listening = self.bound_socket()  # bound here: uvicorn would end the whole process (exit 3)
        self.task = asyncio.create_task(self.server.serve(sockets=[listening]), name="web")
        while not self.server.started:
            if self.task.done():
                await self.task
                raise RuntimeError(f"the web server could not listen on {self.address}")
            await asyncio.sleep(0.01)
        log.info("web server on %s", self.address)

    @property
    def address(self) -> str:
        """host:port, as one writes it (an IPv6 address in brackets)."""
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"

    def bound_socket(self) -> socket.socket:
        """The server's socket bound to host:port, or one line saying where it tried and which setting to
        change: the port if taken or reserved, else the host (not this machine's address, no such name)."""
        listening = socket.socket(socket.AF_INET6 if ":" in self.host else socket.AF_INET)
        listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            listening.bind((self.host, self.port))
        except OSError as error:
            listening.close()
            settings = ("QUALICOOP_WEB_PORT", "QUALICOOP_WEB_HOST")
            if error.errno not in (errno.EADDRINUSE, errno.EACCES):
                settings = settings[::-1]
            raise CliError(
                f"the web server cannot listen on {self.address}: {error.strerror or error} "
                f"(set {settings[0]}, or {settings[1]})"
            ) from None
        return listening

    async def stop(self) -> None:
        """Finish the requests under way, then close."""
        if self.server is not None and self.task is not None:
            self.server.should_exit = True
            await self.task
            self.server = self.task = None
