"""The Mini App: the whole dossier as one page inside Telegram, on the bot's own web server.

The chat is the guided path; the Mini App is the desk. Both call the same domain functions on the
same database (parsing, error messages, audit, conflict rule): ``saves`` goes through the chat's
field tables, ``view`` shows the chat's fields and rules, ``access`` gives the chat's rights.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from telegram.ext import Application

if TYPE_CHECKING:  # starlette and jinja2 are imported by routes(), once the web server is built
    from starlette.routing import BaseRoute

API = "/app/api/"  # a dossier as data: never stored by a cache on the way (``web.server.SafeHeaders``)


def routes(application: Application) -> list[BaseRoute]:
    """/app, its static files and its API."""
    from starlette.routing import Mount, Route
    from starlette.staticfiles import StaticFiles

    from bot.web.miniapp.api import MiniApp
    from bot.web.miniapp.pages import STATIC

    app = MiniApp(application)

    def api(work):
        async def endpoint(request):
            return await app.run(request, work)

        return endpoint

    return [
        Route("/app", app.shell, methods=["GET"]),
        Mount("/app/static", StaticFiles(directory=STATIC), name="miniapp-static"),
        Route(API + "page", api(app.page), methods=["GET"]),
        Route(API + "dossier", api(app.dossier), methods=["GET"]),
        Route(API + "field", api(app.field), methods=["POST"]),
        Route(API + "engagement", api(app.engagement), methods=["POST"]),
        Route(API + "indicator", api(app.indicator), methods=["POST"]),
        Route(API + "action", api(app.action), methods=["POST"]),
        Route(API + "closed", app.closed, methods=["POST"]),
    ]
