"""``qualicoop run`` when Telegram refuses to start it, through the real process against the fake Bot
API: a revoked token, an unreachable Telegram, a refused webhook are one line (exit 2), never the
token; and the webhook secret never reaches the logs, even at DEBUG."""

from __future__ import annotations

import pytest

from tests.databases import database_url
from tests.e2e.processes import (
    SECRET,
    TOKEN,
    bot_env,
    free_port,
    start_bot,
    stop_bot,
    wait_until,
    webhook_env,
)
from tests.fakes import FakeBotApiServer, FakeTelegram


@pytest.fixture
async def server():
    fake = FakeTelegram(bot_username="QualiCoopRefusalsBot")
    api = FakeBotApiServer(fake)
    await api.start()
    yield api, fake
    await api.stop()


async def ended(env: dict[str, str], cwd, *args: str) -> tuple[int, list[str]]:
    """Run ``qualicoop run`` until it stops by itself: its exit code and its lines."""
    bot = await start_bot(env, cwd, *args)
    await wait_until(lambda: bot.returncode is not None, timeout=60, what="the process to stop")
    output = await stop_bot(bot)
    return bot.returncode, output.strip().splitlines()


@pytest.mark.parametrize("log_format", ["text", "json"])
@pytest.mark.parametrize("mode", [(), ("--webhook",)])
async def test_a_revoked_token_is_one_line_without_the_token(server, tmp_path, mode, log_format):
    api, fake = server
    fake.fail_next("getMe", 401, "Unauthorized", count=5)
    make_env = webhook_env if mode else bot_env
    env = make_env(api, database_url(tmp_path), QUALICOOP_LOG_FORMAT=log_format, QUALICOOP_LOG_LEVEL="DEBUG")
    code, lines = await ended(env, tmp_path, *mode)
    assert code == 2
    assert lines[-1] == (
        "qualicoop: Telegram refused TELEGRAM_BOT_TOKEN (revoked or mistyped): get it again from @BotFather"
    )
    assert not any(TOKEN in line or "Traceback" in line for line in lines), lines
    if log_format == "json":
        assert all(line.startswith("{") for line in lines[:-1]), lines


async def test_an_unreachable_telegram_is_one_line(server, tmp_path):
    env = bot_env(server[0], database_url(tmp_path))
    env["TELEGRAM_API_BASE_URL"] = f"http://127.0.0.1:{free_port()}/bot"  # nobody listens there
    code, lines = await ended(env, tmp_path)
    assert code == 2
    assert lines[-1].startswith("qualicoop: Telegram does not answer at http://127.0.0.1:"), lines
    assert not any(TOKEN in line or "Traceback" in line for line in lines), lines


async def test_an_address_that_is_not_the_bot_api_s_is_said_to_look_wrong(server, tmp_path):
    """The server's root instead of its /bot: it answers 404 (not JSON), which PTB takes for a refused
    token; the address is what is wrong, and PTB's traceback of the page it could not read adds nothing."""
    env = bot_env(server[0], database_url(tmp_path))
    env["TELEGRAM_API_BASE_URL"] = address = server[0].base_url.removesuffix("bot")
    code, lines = await ended(env, tmp_path)
    assert code == 2
    assert lines[-1] == (
        f"qualicoop: TELEGRAM_API_BASE_URL looks wrong ({address}): the Bot API's address ends with /bot, e.g. "
        "https://api.telegram.org/bot, or http://127.0.0.1:8081/bot for a Bot API server of your own"
    )
    assert not any(TOKEN in line or "Traceback" in line for line in lines), lines


async def test_a_refused_webhook_is_one_line_with_telegram_s_reason(server, tmp_path):
    api, fake = server
    fake.fail_next("setWebhook", 400, "Bad Request: bad webhook: Failed to resolve host", count=5)
    code, lines = await ended(webhook_env(api, database_url(tmp_path)), tmp_path, "--webhook")
    assert code == 2
    assert lines[-1].startswith("qualicoop: Telegram refused to start the bot: "), lines
    assert "Bad webhook: failed to resolve host" in lines[-1]
    assert not any(TOKEN in line or "Traceback" in line for line in lines), lines


async def test_the_webhook_secret_is_not_logged_even_at_debug(server, tmp_path):
    api, fake = server
    env = webhook_env(api, database_url(tmp_path), QUALICOOP_LOG_LEVEL="DEBUG")
    bot = await start_bot(env, tmp_path, "--webhook")
    try:
        await wait_until(lambda: fake.webhook, what="setWebhook")
        await wait_until(lambda: "webhook mode" in bot.output, what="the webhook registered")
    finally:
        log = await stop_bot(bot)
    assert fake.webhook["secret_token"] == SECRET  # Telegram got it
    assert "setWebhook" in log and SECRET not in log  # PTB logged the call, without it


async def test_a_web_port_already_taken_is_one_line(server, tmp_path):
    """Another program on QUALICOOP_WEB_PORT: said in one line (exit 2, a setting to change), not the exit
    code of « another instance is polling »."""
    import socket

    api, _fake = server
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = {**webhook_env(api, database_url(tmp_path)), "QUALICOOP_WEB_PORT": str(port)}
        code, lines = await ended(env, tmp_path, "--webhook")
    assert code == 2, lines
    said = f"qualicoop: the web server cannot listen on 127.0.0.1:{port}: Address already in use (set QUALICOOP_WEB_PORT"
    assert lines[-1].startswith(said), lines
    assert not any("Traceback" in line for line in lines), lines


async def test_a_web_host_not_of_this_machine_is_one_line_naming_it(server, tmp_path):
    """QUALICOOP_WEB_HOST an address this machine does not have: the line names the host and port tried,
    and the host's setting first. Before, it blamed the port alone (« cannot listen on port 46183 »)."""
    api, _fake = server
    env = {**webhook_env(api, database_url(tmp_path)), "QUALICOOP_WEB_HOST": "192.0.2.1"}  # TEST-NET-1
    code, lines = await ended(env, tmp_path, "--webhook")
    assert code == 2, lines
    port = env["QUALICOOP_WEB_PORT"]
    said = f"qualicoop: the web server cannot listen on 192.0.2.1:{port}: Cannot assign requested address (set QUALICOOP_WEB_HOST"
    assert lines[-1].startswith(said), lines
    assert not any("Traceback" in line for line in lines), lines
