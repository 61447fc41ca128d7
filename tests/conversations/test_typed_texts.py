"""Texts typed in the Mini App and in the chat are cleaned alike before they are judged and stored.

A NUL gave a 500 on PostgreSQL (and was stored on SQLite); a text of zero-width characters counted as a
filled field; an accent typed as a letter and its mark counted twice against the limit.
"""

from __future__ import annotations

import pytest
from sqlmodel import select

from models.tables import Dossier
from tests.conversations.test_miniapp_api import auth, client, coop_with_indicator
from tests.dossier_steps import join, open_home

INVISIBLE = ["\x00", "\u200b", "\ufeff", "\u200b \u200b", "\u2060\u00a0"]


async def save_approach(harness, director, dossier: dict, typed: str):
    """The page's save of the approach text, as the page sends it (the field was empty)."""
    change = {"entity": "dossier", "id": dossier["dossier"]["id"], "field": "approach", "expected": None}
    async with client(harness) as http:
        return await http.post("/app/api/field", headers=auth(director), json={**change, "value": typed})


async def approach_of(harness, dossier: dict) -> str | None:
    """The approach text as stored."""
    async with harness.database.transaction() as session:
        return (await session.get(Dossier, dossier["dossier"]["id"])).approach


async def test_an_invisible_text_is_refused_by_the_page_as_empty(web_harness):
    director, dossier = await coop_with_indicator(web_harness, 9520001, "Coop Invisible")
    for typed in INVISIBLE:
        answer = await save_approach(web_harness, director, dossier, typed)
        assert answer.status_code == 422, (typed, answer.text)
        assert answer.json()["error"].startswith("Votre réponse est vide."), typed
        assert await approach_of(web_harness, dossier) is None  # still missing for the rules


async def test_a_nul_inside_a_text_is_removed_not_stored(web_harness):
    """On PostgreSQL the NUL made the save a 500, which the page takes for a lost connection."""
    director, dossier = await coop_with_indicator(web_harness, 9520002, "Coop Nul")
    answer = await save_approach(web_harness, director, dossier, "Notre\x00 démarche\x07")
    assert answer.status_code == 200, answer.text
    assert await approach_of(web_harness, dossier) == "Notre démarche"


async def test_a_text_with_an_emoji_sequence_is_kept_as_typed(web_harness):
    director, dossier = await coop_with_indicator(web_harness, 9520003, "Coop Emoji")
    family = "Toute l’équipe 👨\u200d👩\u200d👧 réunie"
    assert (await save_approach(web_harness, director, dossier, family)).status_code == 200
    assert await approach_of(web_harness, dossier) == family


async def test_decomposed_accents_are_stored_composed_and_counted_once(web_harness):
    director, dossier = await coop_with_indicator(web_harness, 9520004, "Coop Accents")
    answer = await save_approach(web_harness, director, dossier, "e\u0301" * 3001)  # 6,002 code points
    assert answer.status_code == 200, answer.json()  # was « Votre texte compte 6 002 caractères »
    assert await approach_of(web_harness, dossier) == "é" * 3001


@pytest.mark.parametrize("typed", ["\u200b", "\ufeff \u200b"])
async def test_the_chat_refuses_an_invisible_answer_as_empty_too(harness, typed):
    director = await join(harness, 9520005, "fr")
    await open_home(director)
    await director.press("👥 Démarche")
    await director.press("✍️ Répondre")
    asked = director.last_text
    await director.send(typed)
    said = [reply["text"] for reply in director.replies]
    assert said == ["⚠️ Votre réponse est vide.", asked]  # and the same question again
    async with harness.database.transaction() as session:
        assert (await session.exec(select(Dossier.approach))).one() is None


async def test_a_forged_page_token_is_no_500(web_harness):
    """The page's session token comes back with every save: only a token the server could have made is
    looked up (a NUL in it was a 500 on PostgreSQL, the save lost for the page)."""
    director, dossier = await coop_with_indicator(web_harness, 9520006, "Coop Jeton")
    change = {"entity": "dossier", "id": dossier["dossier"]["id"], "field": "approach", "expected": None}
    async with client(web_harness) as http:
        for token in ("a\x00b", "\x00", 12, ["x"]):
            saved = await http.post(
                "/app/api/field", headers=auth(director), json={**change, "value": "Texte", "session": token}
            )
            assert saved.status_code == 200, (token, saved.text)
            change["expected"] = "Texte"
            left = await http.post("/app/api/closed", headers=auth(director), json={"session": token})
            assert left.status_code == 400, (token, left.text)
