"""A body nested deeper than the JSON decoder goes is malformed like any other: a 400, never a 500.

Python's decoder raises RecursionError (not a ValueError) past about a thousand levels: the Mini App's
API (behind valid init data) and the webhook (behind its secret) refused every malformed body but
that one, which escaped as « Internal Server Error » with a traceback in the log.
"""

from __future__ import annotations

import httpx

from bot.web.server import build_site
from tests.conversations.test_miniapp_api import auth, client, coop_with_indicator
from tests.miniapp import local_client

NESTED = "[" * 100_000 + "]" * 100_000


async def test_the_mini_app_refuses_a_body_nested_too_deep_as_malformed(web_harness):
    director, _dossier = await coop_with_indicator(web_harness, 4101, "Coop Profonde")
    async with client(web_harness) as http:
        for path in ("/app/api/field", "/app/api/engagement", "/app/api/closed"):
            answer = await http.post(path, headers=auth(director), content=NESTED)
            assert answer.status_code == 400, (path, answer.status_code, answer.text)
            assert answer.headers["content-type"].startswith("application/json"), path


async def test_the_webhook_refuses_a_body_nested_too_deep_as_not_an_update(harness):
    harness.application.bot_data.webhook_secret = "a-secret-of-the-tests"
    transport = httpx.ASGITransport(app=build_site(harness.application), raise_app_exceptions=False)
    async with local_client(transport=transport, base_url="http://bot.test") as http:
        answer = await http.post(
            "/webhook", headers={"X-Telegram-Bot-Api-Secret-Token": "a-secret-of-the-tests"}, content=NESTED
        )
    assert (answer.status_code, answer.text) == (400, "not an update")
