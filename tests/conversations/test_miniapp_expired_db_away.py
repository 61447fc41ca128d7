"""A page too old while the database is away: the 401 « page expirée » in the launch data's language, as
before the language chosen in the chat was looked up (e65f576), never a 500."""

from __future__ import annotations

from contextlib import asynccontextmanager
from datetime import timedelta

from tests.conftest import NOW
from tests.conversations.test_miniapp_api import client
from tests.dossier_steps import join
from tests.miniapp import signed_init_data, tma


async def test_a_page_too_old_with_the_database_away_is_still_the_401_in_the_launch_datas_language(
    web_harness, monkeypatch
):
    cam = await join(web_harness, 9547101, "en", "Coop Coupure")
    stale = signed_init_data(cam.id, language="fr", auth_date=NOW - timedelta(days=2))

    @asynccontextmanager
    async def away():
        raise ConnectionRefusedError(111, "Connect call failed ('127.0.0.1', 5432)")
        yield  # pragma: no cover

    monkeypatch.setattr(web_harness.database, "transaction", away)
    async with client(web_harness) as http:
        old = await http.get("/app/api/page", headers=tma(stale))
    assert old.status_code == 401, old.text
    assert old.json() == {"error": "Cette page a expiré\u00a0: fermez-la et rouvrez-la depuis le chat."}
    assert old.headers["content-language"] == "fr"
