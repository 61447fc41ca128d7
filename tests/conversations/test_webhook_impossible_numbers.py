"""An update with a number no calendar or database holds is malformed like any other: a 400 (Telegram
drops it), never a 500 it posts again and again.

Behind the webhook's secret, a message dated 10^20 seconds from 1970 (PTB's ``de_json``: OverflowError)
or from a sender whose id is beyond 64 bits (the database's insert) escaped as « Internal Server Error ».
Telegram never sends such numbers; a proxy or a test tool gone wrong may.
"""

from __future__ import annotations

import httpx
import pytest

from bot.web.server import build_site
from tests.miniapp import local_client

SECRET = "a-secret-of-the-tests"


def message(**overrides) -> dict:
    sender = {"id": 77001, "is_bot": False, "first_name": "Zoé"}
    return {
        "message_id": 1,
        "date": 1_700_000_000,
        "chat": {"id": 77001, "type": "private", "first_name": "Zoé"},
        "from": sender,
        "text": "bonjour",
    } | overrides


@pytest.mark.parametrize(
    "update",
    [
        {"update_id": 10, "message": message(date=10**20)},
        {"update_id": 11, "message": message(date=10**17)},  # the platform's clock: OSError, not Overflow
        {
            "update_id": 13,
            "message": message(**{"from": {"id": 10**25, "is_bot": False, "first_name": "Zoé"}}),
        },
    ],
    ids=["date beyond any calendar", "date beyond the clock", "sender beyond 64 bits"],
)
async def test_an_update_with_an_impossible_number_is_a_400(harness, update):
    harness.application.bot_data.webhook_secret = SECRET
    transport = httpx.ASGITransport(app=build_site(harness.application), raise_app_exceptions=False)
    async with local_client(transport=transport, base_url="http://bot.test") as http:
        answer = await http.post("/webhook", headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}, json=update)
    assert (answer.status_code, answer.text) == (400, "not an update")
    assert harness.application.update_queue.empty()
