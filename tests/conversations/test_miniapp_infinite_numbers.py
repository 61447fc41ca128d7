"""JSON as Python reads it takes ``Infinity`` and ``1e400`` (an infinite float): where the API turns a
number into a whole one (the indicators and actions a drop's confirmation counted, ``seen``), an
infinite one overflowed into a 500 with a traceback in the log. It is a malformed request: a 400 in
the visitor's words, as ``NaN`` already was, and nothing changes."""

from __future__ import annotations

import pytest

from tests.conversations.test_miniapp_api import auth, client, coop_with_indicator, everything


@pytest.mark.parametrize("seen", ["Infinity", "-Infinity", "1e400"])
async def test_an_infinite_count_in_a_drop_s_confirmation_is_refused_as_malformed(web_harness, seen):
    director, dossier = await coop_with_indicator(web_harness, 9101, "Coop Infinie")
    before = await everything(web_harness)
    body = f'{{"dossier": {dossier["dossier"]["id"]}, "code": 1, "chosen": false, "confirmed": true, "seen": {seen}}}'
    async with client(web_harness) as http:
        answer = await http.post(
            "/app/api/engagement",
            headers={**auth(director), "Content-Type": "application/json"},
            content=body,
        )
    assert answer.status_code == 400, answer.text
    assert answer.json()["error"]
    assert not web_harness.errors
    assert await everything(web_harness) == before
