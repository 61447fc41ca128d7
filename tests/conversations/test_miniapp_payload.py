"""What the Mini App's page weighs on a phone's connection: its answers compressed when the phone
accepts it (a long dossier's page is mostly repeated French text), and a text's accents written as
themselves in the page, not as six-character escapes."""

from __future__ import annotations

import gzip

from sqlmodel import select

from models.dossier.reads import UNSET
from models.dossier.writes import update_involvement
from models.tables import Dossier
from tests.conversations.test_miniapp_api import auth, client
from tests.dossier_steps import join

APPROACH = "Démarche très élaborée, à l’écoute des coopérateurs et des salariés. " * 80  # ~5,500


async def long_approach(harness):
    director = await join(harness, 8700001, "fr", "Coop Poids")
    async with harness.database.transaction() as session:
        dossier = (await session.exec(select(Dossier))).one()
        await update_involvement(session, dossier, "approach", APPROACH, actor_id=director.id, expected=UNSET)
    return director


async def test_the_page_and_the_dossier_are_compressed_for_a_phone_that_accepts_it(web_harness):
    director = await long_approach(web_harness)
    async with client(web_harness) as http:
        for path in ("/app/api/page", "/app/api/dossier"):
            plain = await http.get(path, headers={**auth(director), "Accept-Encoding": "identity"})
            packed = await http.get(path, headers={**auth(director), "Accept-Encoding": "gzip"})
            assert plain.headers.get("content-encoding") is None, path
            assert packed.headers["content-encoding"] == "gzip", path
            same = [{k: v for k, v in answer.json().items() if k != "session"} for answer in (plain, packed)]
            assert same[0] == same[1], path  # the same answer (but its page's own session), decompressed
            assert packed.num_bytes_downloaded * 4 < len(plain.content), path
            assert len(gzip.compress(plain.content)) >= packed.num_bytes_downloaded / 2, path


async def test_a_text_s_accents_are_written_as_themselves_in_the_page(web_harness):
    director = await long_approach(web_harness)
    async with client(web_harness) as http:
        html = (await http.get("/app/api/page", headers=auth(director))).json()["html"]
    assert html.count("élaborée") == 2 * 80  # the textarea's text and what the page expects back
    assert "\\u00e9" not in html
    assert len(html.encode()) < 3 * len(APPROACH.encode()) + 60_000
