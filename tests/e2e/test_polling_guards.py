"""``qualicoop run`` (polling) beside a webhook deployment, and Telegram's passing failures, through
the real process against the fake Bot API: a poller started by mistake refuses instead of deleting the
webhook the other instances serve (exit 4, one line); asked to (``--drop-webhook``) it takes over; a
public address without a web port is said at start (no Mini App); a 502 on getUpdates, which python-telegram-bot asks again, is one WARNING line and one « again » line,
without a traceback or an alert to the admins."""

from __future__ import annotations

import re

import pytest

from tests.databases import database_url
from tests.e2e.processes import PUBLIC_URL, bot_env, start_bot, wait_until
from tests.fakes import FakeBotApiServer, FakeTelegram

ADMIN = 4242
WEBHOOK = {"url": f"{PUBLIC_URL}/webhook", "secret_token": "s" * 32}


@pytest.fixture
async def server():
    fake = FakeTelegram(bot_username="QualiCoopGuardsBot")
    api = FakeBotApiServer(fake)
    await api.start()
    yield api, fake
    await api.stop()


async def test_a_poller_leaves_the_webhook_alone_unless_asked_and_a_502_is_no_error(server, tmp_path):
    api, fake = server
    fake.webhook = dict(WEBHOOK)  # instances in webhook mode serve the bot
    env = bot_env(api, database_url(tmp_path), QUALICOOP_ADMIN_IDS=str(ADMIN))

    mistaken = await start_bot(env, tmp_path)
    await wait_until(lambda: mistaken.returncode is not None, timeout=60, what="the refusal")
    lines = (await mistaken.stop()).strip().splitlines()
    assert mistaken.returncode == 4, lines
    assert lines == [
        f"qualicoop: a webhook is set for this bot ({PUBLIC_URL}/webhook): instances in webhook mode receive "
        "its updates and polling would cut them off; run this one with --webhook too, or, to switch the "
        "bot to polling, with --drop-webhook (then stop the webhook instances)"
    ]
    assert fake.webhook == WEBHOOK and not any(call.method == "deleteWebhook" for call in fake.calls)

    env["QUALICOOP_PUBLIC_URL"] = PUBLIC_URL  # without QUALICOOP_WEB_PORT: said at start
    taking_over = await start_bot(env, tmp_path, "--drop-webhook")
    try:
        await wait_until(lambda: "started as @" in taking_over.output, timeout=60, what="the start")
        # asked for: the webhook is gone (dropped before polling starts, after the start's log line)
        await wait_until(lambda: fake.webhook == {}, timeout=30, what="the webhook dropped")
        admin = {"id": ADMIN, "first_name": "Admin", "language_code": "fr"}
        fake.user_text(admin, "/start")
        await fake.wait_for_message(ADMIN)
        fake.fail_next("getUpdates", 502, "Bad Gateway")
        await wait_until(
            lambda: "did not answer getUpdates" in taking_over.output, timeout=10, what="the 502"
        )
        fake.user_text(admin, "/help")  # the next long poll brings it at once
        await wait_until(lambda: "answers getUpdates again" in taking_over.output, timeout=30, what="the end")
        await wait_until(lambda: len(fake.messages[ADMIN]) >= 2, timeout=30, what="the answer after the 502")
    finally:
        output = await taking_over.stop()
    assert taking_over.returncode == 0, output[-2000:]
    assert f"WARNING qualicoop: webhook {PUBLIC_URL}/webhook dropped: this instance polls" in output
    assert (
        "WARNING qualicoop: QUALICOOP_PUBLIC_URL is set but QUALICOOP_WEB_PORT is not: no web server, so no "
        f"Mini App (set QUALICOOP_WEB_PORT, e.g. 8080: the local port the reverse proxy forwards {PUBLIC_URL} to)"
    ) in output
    said = [line.split(" ", 2)[2] for line in output.splitlines() if "getUpdates" in line]
    assert len(said) == 2, said
    assert (
        said[0]
        == "WARNING qualicoop: Telegram did not answer getUpdates (NetworkError: Bad Gateway): asking again"
    )
    assert re.fullmatch(r"WARNING qualicoop: Telegram answers getUpdates again, after \d+ s", said[1]), said
    assert "Traceback" not in output and "ERROR" not in output, output[-2000:]
    assert not [m for m in fake.messages[ADMIN] if "⚠️" in m.get("text", "")]  # no alert for a blip
