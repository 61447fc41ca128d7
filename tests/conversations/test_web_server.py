"""The bot's web server starts and stops with it; /healthz tells a load balancer whether to send traffic."""

from __future__ import annotations

import socket

from tests.databases import make_unreachable
from tests.harness import BotHarness
from tests.miniapp import local_client


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def test_health_check_follows_the_database(tmp_path):
    port = free_port()
    bot = BotHarness(tmp_path)
    bot.settings = bot.settings.model_copy(update={"web_port": port})
    await bot.start()
    try:
        async with local_client(f"http://127.0.0.1:{port}") as client:
            answer = await client.get("/healthz")
            assert (answer.status_code, answer.text) == (200, "ok")
            make_unreachable(bot.database_url)  # the database disappears under the bot
            await bot.database.dispose()
            assert (await client.get("/healthz")).status_code == 503
            assert (await client.get("/nowhere")).status_code == 404
    finally:
        await bot.stop()
    with socket.socket() as sock:  # stopped with the bot: the port is free again
        sock.bind(("127.0.0.1", port))


async def test_without_a_port_there_is_no_web_server(harness):
    assert harness.application.bot_data.web is None
