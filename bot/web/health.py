"""GET /healthz: 200 when the database answers and takes this instance's writes, 503 otherwise (for load
balancers).

A database that answers may still refuse writes (a failover to a read-only standby, a full disk): every
read of a screen works, every answer typed fails. The probe asks for the instance's own heartbeat, a write
every few seconds: healthy while it is more recent than the lease, the very rule by which the other
instances judge this one alive (past it they take over its sends). One query, as SELECT 1 was; no write
of its own, which a load balancer's probe every second would add to the database's load.
"""

from __future__ import annotations

import logging

from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from telegram.ext import Application

from bot.logs import one_line
from models.clock import utcnow
from models.operations.instances import beats_recently

log = logging.getLogger("qualicoop.web")


async def unhealthy(services) -> str | None:
    """Why this instance should get no traffic (one line), or None when it is healthy."""
    try:
        lease = services.sending
        if lease is None:
            await services.database.ping()
            return None
        async with services.database.transaction() as session:
            if await beats_recently(session, lease.me, utcnow(), lease.duration):
                return None
        seconds = int(lease.duration.total_seconds())
        return f"the database takes no write: this instance's heartbeat is older than {seconds} s"
    except Exception as error:  # any failure means: do not send traffic here
        return f"the database does not answer: {one_line(error)}"


def routes(application: Application) -> list[Route]:
    """The health check, which says in the log when it starts failing and when it is healthy again."""
    failing: list[str] = []  # the reason of the current failure, said once

    async def healthz(request: Request) -> PlainTextResponse:
        reason = await unhealthy(application.bot_data)
        if reason is None:
            if failing:
                log.warning("health check: healthy again")
                failing.clear()
            return PlainTextResponse("ok")
        if not failing:
            log.warning("health check: 503 until this is over: %s", reason)
            failing.append(reason)
        return PlainTextResponse("database unavailable", status_code=503)

    return [Route("/healthz", healthz, methods=["GET"])]
