"""A body far longer than anything the page or Telegram sends is refused before it is read whole.

Starlette read every body whole: a member's page (behind valid init data) could make the bot hold a
gigabyte before the text was refused as too long, and the webhook (behind its secret) queued an update
of any size. Past a megabyte (``bot.web.bodies``) the Mini App says the text is far too long, as it
refuses one too long (the text stays in its field), and the webhook answers 413; nothing is stored.
"""

from __future__ import annotations

import json

import httpx

from bot.web.bodies import BODY_MAX
from bot.web.server import build_site
from models.tables import Indicator
from tests.conversations.test_miniapp_api import auth, client, coop_with_indicator
from tests.miniapp import local_client

CHUNK = 64 * 1024
FAR_TOO_LONG = (
    "Votre texte est bien plus long que ce qu’une réponse peut contenir. "
    "Raccourcissez-le ici\u00a0: il reste dans son champ."
)


def field_change(indicator_id: int, value: str) -> dict:
    return {"entity": "indicator", "id": indicator_id, "field": "rationale", "value": value}


async def test_a_paste_of_megabytes_is_refused_as_far_too_long_and_nothing_is_stored(web_harness):
    director, dossier = await coop_with_indicator(web_harness, 4301, "Coop Bavarde")
    indicator_id = dossier["engagements"][0]["indicators"][0]["id"]
    async with client(web_harness) as http:
        answer = await http.post(
            "/app/api/field", headers=auth(director), json=field_change(indicator_id, "mot " * BODY_MAX)
        )
        assert answer.status_code == 422, answer.text
        assert answer.json()["error"] == FAR_TOO_LONG
        assert answer.headers["content-language"] == "fr"
        # a long text under the bound is counted and refused as before, with its length
        long = await http.post(
            "/app/api/field", headers=auth(director), json=field_change(indicator_id, "x" * 100_000)
        )
        assert long.status_code == 422 and "100\u202f000 caractères" in long.json()["error"]
    async with web_harness.database.transaction() as session:
        assert (await session.get(Indicator, indicator_id)).rationale in (None, "")


async def test_a_body_sent_without_its_length_is_not_read_past_the_bound(web_harness):
    director, dossier = await coop_with_indicator(web_harness, 4302, "Coop Fleuve")
    indicator_id = dossier["engagements"][0]["indicators"][0]["id"]
    start = json.dumps(field_change(indicator_id, ""))[:-2].encode()  # « …"value": "» left open
    pulled = []

    async def chunks():  # chunked: no Content-Length to refuse it by, 6 MB if read to its end
        yield start
        for number in range(100):
            pulled.append(number)
            yield b"x" * CHUNK
        yield b'"}'

    site = httpx.ASGITransport(app=build_site(web_harness.application))  # the body pulled as it is read
    async with local_client(transport=site, base_url="http://bot.test") as http:
        answer = await http.post("/app/api/field", headers=auth(director), content=chunks())
    assert answer.status_code == 422 and answer.json()["error"] == FAR_TOO_LONG
    assert len(pulled) <= BODY_MAX // CHUNK + 4  # refused as the bound was passed, not at the end


async def test_the_webhook_answers_413_to_a_body_longer_than_any_update(harness):
    harness.application.bot_data.webhook_secret = "a-secret-of-the-tests"
    update = harness.fake.user_text(
        {"id": 4303, "first_name": "Zoé", "is_bot": False, "language_code": "fr"}, "a" * BODY_MAX
    )
    transport = httpx.ASGITransport(app=build_site(harness.application), raise_app_exceptions=False)
    async with local_client(transport=transport, base_url="http://bot.test") as http:
        answer = await http.post(
            "/webhook", headers={"X-Telegram-Bot-Api-Secret-Token": "a-secret-of-the-tests"}, json=update
        )
    assert (answer.status_code, answer.text) == (413, "too large")
    assert harness.application.update_queue.empty()
