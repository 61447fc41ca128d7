"""Ids the Mini App's page never sends, forged: each refused (400), nothing stored, never a 500.

Before: an id between 2³¹ and 2⁶² passed the guard and failed in PostgreSQL (its ids are 32-bit INTEGERs:
« value out of int32 range », a 500 with a traceback); a text « +999… », « 999… » with a space or
« 9_999… » passed it too (``int`` reads them); 1.5 or true was truncated to row 1 and written there; a
value refused for a choice field went to the log whole, as typed. Its answers now also say not to sniff
their type, and its data not to be stored by a cache."""

from __future__ import annotations

import logging

import pytest
from sqlmodel import func, select

from models.tables import Action, Indicator
from tests.conversations.test_miniapp_api import auth, client, coop_with_indicator

HUGE = "99999999999999999999"


def forged(dossier: dict, written) -> list[tuple[str, dict]]:
    """A request of each kind naming a row by ``written``."""
    return [
        (
            "field",
            {"entity": "indicator", "id": written, "field": "rationale", "value": "x", "expected": None},
        ),
        ("engagement", {"dossier": written, "code": 2, "chosen": True}),
        ("indicator", {"dossier": written, "code": 1, "value": "Titre"}),
        ("action", {"indicator": written, "value": "Une action"}),
    ]


@pytest.mark.parametrize("written", [3_000_000_000, 2**62 - 1, "+" + HUGE, HUGE + " ", "99_999", 1.5, True])
async def test_a_forged_id_is_refused_and_nothing_is_stored(web_harness, written):
    director, dossier = await coop_with_indicator(web_harness, 9_511, "Coop Grands Nombres")
    indicator = dossier["engagements"][0]["indicators"][0]
    assert indicator["id"] == 1  # 1.5 and true would be read as this row
    async with client(web_harness) as http:
        for path, body in forged(dossier, written):
            answer = await http.post(f"/app/api/{path}", headers=auth(director), json=body)
            assert answer.status_code == 400, (path, answer.status_code, answer.text[:200])
    async with web_harness.database.transaction() as session:
        assert (await session.exec(select(func.count()).select_from(Indicator))).one() == 1
        assert (await session.exec(select(func.count()).select_from(Action))).one() == 1
        assert (await session.get(Indicator, 1)).rationale in (None, "")


async def test_a_refused_choice_is_logged_by_its_field_not_as_typed(web_harness, caplog):
    director, dossier = await coop_with_indicator(web_harness, 9_515, "Coop Discrète")
    indicator = dossier["engagements"][0]["indicators"][0]
    typed = "Mme Durand, locataire au 3e, dossier de surendettement"
    change = {
        "entity": "indicator",
        "id": indicator["id"],
        "field": "value_kind",
        "value": typed,
        "expected": None,
    }
    caplog.set_level(logging.DEBUG)
    async with client(web_harness) as http:
        answer = await http.post("/app/api/field", headers=auth(director), json=change)
    assert answer.status_code == 400
    assert not [record for record in caplog.records if "surendettement" in record.getMessage()]


async def test_the_page_and_its_data_say_not_to_sniff_and_the_data_not_to_be_stored(web_harness):
    director, _dossier = await coop_with_indicator(web_harness, 9_514, "Coop Entêtes")
    async with client(web_harness) as http:
        frame, script = await http.get("/app"), await http.get("/app/static/app.js")
        data = [
            await http.get(path, headers=auth(director)) for path in ("/app/api/page", "/app/api/dossier")
        ]
    for answer in (frame, script, *data):
        assert answer.headers.get("x-content-type-options") == "nosniff", answer.url
        assert "access-control-allow-origin" not in answer.headers and "set-cookie" not in answer.headers
    assert all("no-store" in answer.headers.get("cache-control", "") for answer in data)
