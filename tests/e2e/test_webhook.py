"""Webhook mode and polling, through the real process: the secret guards the webhook, a second
poller stops with one line, and the logs are JSON lines without the token."""

from __future__ import annotations

import asyncio
import json
import signal

import pytest

from bot.web.webhook import SECRET_HEADER
from tests.databases import database_url
from tests.e2e.processes import (
    PUBLIC_URL,
    SECRET,
    TOKEN,
    bot_env,
    healthy,
    post_update,
    start_bot,
    stop_bot,
    wait_until,
    webhook_env,
)
from tests.fakes import FakeBotApiServer, FakeTelegram
from tests.miniapp import local_client

CONFLICT = "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"


@pytest.fixture
async def server():
    fake = FakeTelegram(bot_username="QualiCoopE2EBot")
    api = FakeBotApiServer(fake)
    await api.start()
    yield api, fake
    await api.stop()


def user(user_id: int) -> dict:
    return {"id": user_id, "is_bot": False, "first_name": "Camille", "language_code": "fr"}


async def test_the_webhook_serves_only_requests_with_the_secret(server, tmp_path):
    api, fake = server
    env = webhook_env(api, database_url(tmp_path), QUALICOOP_LOG_FORMAT="json", QUALICOOP_LOG_LEVEL="DEBUG")
    port = int(env["QUALICOOP_WEB_PORT"])
    bot = await start_bot(env, tmp_path, "--webhook")
    try:
        await wait_until(lambda: fake.webhook, what="setWebhook")
        assert fake.webhook["url"] == f"{PUBLIC_URL}/webhook" and fake.webhook["secret_token"] == SECRET
        assert (
            "message" in fake.webhook["allowed_updates"]
            and "callback_query" in fake.webhook["allowed_updates"]
        )
        await wait_until(lambda: healthy(port), what="the web server")
        assert await post_update(port, fake.user_text(user(601), "/start"), secret=None) == 403
        assert (
            await post_update(port, fake.user_text(user(602), "/start"), secret="not-the-secret-at-all")
            == 403
        )
        # what is not an update (only Telegram knows the secret, and never posts that) is a 400, not a 500
        odd = [{}, [], {"update_id": "x"}, {"update_id": 10**30}, {"update_id": 1, "message": "x"}]
        for payload in [*odd, {"update_id": 2, "message": {"text": "no date, no chat"}}]:
            assert await post_update(port, payload, secret=SECRET) == 400, payload
        utf16 = json.dumps(fake.user_text(user(603), "/start")).encode("utf-16")  # JSON, but not UTF-8
        async with local_client() as client:
            answer = await client.post(
                f"http://127.0.0.1:{port}/webhook", content=utf16, headers={SECRET_HEADER: SECRET}, timeout=10
            )
        assert answer.status_code == 400  # kept as text until handled: refused, not a 500
        assert await post_update(port, fake.user_text(user(603), "/start"), secret=SECRET) == 200
        await fake.wait_for_message(603, timeout=15)
        assert fake.messages.get(601) is None and fake.messages.get(602) is None  # nothing of them was read
        assert not any(call.method == "getUpdates" for call in fake.calls)  # no polling in webhook mode
    finally:
        log = await stop_bot(bot)
    assert bot.returncode == 0, log
    assert TOKEN not in log and "<token>" in log  # PTB's DEBUG lines name the API URL: redacted
    lines = [json.loads(line) for line in log.splitlines() if line.strip()]
    assert {"time", "level", "logger", "message"} <= set(lines[0])
    assert any("refused: wrong or missing secret" in line["message"] for line in lines)
    assert not any(call.method == "deleteWebhook" for call in fake.calls)  # the other instances go on


async def test_webhook_mode_names_the_settings_it_lacks(server, tmp_path):
    api, _fake = server
    bot = await start_bot(bot_env(api, database_url(tmp_path)), tmp_path, "--webhook")
    await wait_until(lambda: bot.returncode is not None, timeout=60, what="the refusal")
    out = await stop_bot(bot)
    lines = out.strip().splitlines()
    assert bot.returncode == 2 and len(lines) == 1, out
    assert "QUALICOOP_PUBLIC_URL, QUALICOOP_WEB_PORT, QUALICOOP_WEBHOOK_SECRET" in lines[0]


async def test_a_second_poller_stops_with_one_line_and_alerts_nobody(server, tmp_path):
    api, fake = server
    fake.fail_next("getUpdates", 409, CONFLICT, count=1000)  # another process holds the long poll
    bot = await start_bot(bot_env(api, database_url(tmp_path), QUALICOOP_ADMIN_IDS="9000"), tmp_path)
    await wait_until(lambda: bot.returncode is not None, timeout=60, what="the poller to stop")
    log = await stop_bot(bot)
    assert bot.returncode == 3, log
    assert log.count("another instance is polling this bot token") == 1, log
    assert "Traceback" not in log
    assert not any(call.chat_id == 9000 for call in fake.calls)  # no alert to the admin


async def test_an_update_posted_again_is_handled_once_whichever_instance_receives_it(server, tmp_path):
    """Telegram posts an update again when our answer did not reach it; behind a load balancer the
    second post may reach another instance: the update is answered once."""
    api, fake = server
    url = database_url(tmp_path)
    envs = [webhook_env(api, url) for _ in range(2)]
    bots = [await start_bot(env, tmp_path, "--webhook") for env in envs]
    ports = [int(env["QUALICOOP_WEB_PORT"]) for env in envs]
    try:
        for port in ports:
            await wait_until(lambda port=port: healthy(port), timeout=60, what=f"the instance on {port}")
        update = fake.user_text(user(604), "/start")
        assert await post_update(ports[0], update) == 200
        await fake.wait_for_message(604, timeout=15)
        for port in (ports[0], ports[1]):  # the same update again, to each instance
            assert await post_update(port, update) == 200
        fresh = fake.user_text(user(604), "/help")  # a new update after them: it is answered
        assert await post_update(ports[1], fresh) == 200
        await wait_until(lambda: len(sent_to(fake, 604)) >= 2, timeout=15, what="the answer to /help")
        assert len(sent_to(fake, 604)) == 2, [c.params.get("text", "")[:60] for c in sent_to(fake, 604)]
    finally:
        logs = [await stop_bot(bot) for bot in bots]
    assert [bot.returncode for bot in bots] == [0, 0], logs
    assert sum(log.count("received again") for log in logs) == 2


def sent_to(fake: FakeTelegram, chat_id: int) -> list:
    """The messages the bot sent to one chat."""
    return [c for c in fake.calls if c.method == "sendMessage" and c.ok and c.chat_id == chat_id]


async def test_an_update_left_by_a_killed_instance_is_handled_by_another(server, tmp_path):
    """Killed after answering « ok » to Telegram and before the update's answer: Telegram will not post
    it again, so another instance handles it once the first one's heartbeat is old, and only once."""
    api, fake = server
    url = database_url(tmp_path)
    envs = [webhook_env(api, url, QUALICOOP_LEASE_SECONDS="3") for _ in range(2)]
    ports = [int(env["QUALICOOP_WEB_PORT"]) for env in envs]
    killed = await start_bot(envs[0], tmp_path, "--webhook")
    other = None
    try:
        await wait_until(lambda: healthy(ports[0]), timeout=60, what="the first instance")
        api.hold_next("sendMessage")  # Telegram slow to take the answer: the instance is killed meanwhile
        assert await post_update(ports[0], fake.user_text(user(605), "/help")) == 200
        await wait_until(lambda: api.held, what="the answer under way")
        await stop_bot(killed, signal.SIGKILL)
        other = await start_bot(envs[1], tmp_path, "--webhook")
        await fake.wait_for_message(605, timeout=30)
        await asyncio.sleep(4)  # more beats of the survivor: nothing handled twice
    finally:
        log = await stop_bot(other) if other is not None else ""
    assert other.returncode == 0, log
    assert "left unhandled by an instance that is gone: handled here" in log, log
    assert len(sent_to(fake, 605)) == 1, [c.params.get("text", "")[:60] for c in sent_to(fake, 605)]
    assert "/aide — Ce que fait cet assistant" in sent_to(fake, 605)[0].params["text"]  # /help's answer


async def test_a_database_that_does_not_answer_is_a_503_telegram_retries(server, tmp_path):
    """What the webhook cannot record is refused with 503 and one log line (no traceback, no SQL): Telegram
    posts the update again, and once the database answers it is handled."""
    from sqlalchemy import text

    from models.db import Database

    api, fake = server
    url = database_url(tmp_path)
    env = webhook_env(api, url)
    port = int(env["QUALICOOP_WEB_PORT"])
    bot = await start_bot(env, tmp_path, "--webhook")
    database = Database(url)
    try:
        await wait_until(lambda: healthy(port), what="the web server")
        async with database.engine.begin() as connection:  # the table it records updates in is gone
            await connection.execute(text("ALTER TABLE receivedupdate RENAME TO receivedupdate_away"))
        update = fake.user_text(user(611), "/start secret-words-of-611")
        assert await post_update(port, update, secret=SECRET) == 503
        async with database.engine.begin() as connection:
            await connection.execute(text("ALTER TABLE receivedupdate_away RENAME TO receivedupdate"))
        assert await post_update(port, update, secret=SECRET) == 200  # Telegram's next try
        await fake.wait_for_message(611, timeout=15)
    finally:
        await database.dispose()
        log = await stop_bot(bot)
    assert bot.returncode == 0, log
    assert "database does not answer" in log
    assert "Traceback" not in log and "Exception in ASGI application" not in log
    assert "secret-words-of-611" not in log  # the statement and its parameters stay out of the logs
