"""GET /healthz: 200 when the database answers, 503 otherwise (for load balancers)."""

from __future__ import annotations

import logging

from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from telegram.ext import Application

log = logging.getLogger("qualicoop.web")


def routes(application: Application) -> list[Route]:
    """The health check."""

    async def healthz(request: Request) -> PlainTextResponse:
        try:
            await application.bot_data.database.ping()
        except Exception as error:  # any failure means: do not send traffic here
            log.warning("health check: the database does not answer: %s", error)
            return PlainTextResponse("database unavailable", status_code=503)
        return PlainTextResponse("ok")

    return [Route("/healthz", healthz, methods=["GET"])]
