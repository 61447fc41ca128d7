"""A unit's own name typed at its question instead of pressing its button (« nombre », « number »), or a
percentage named in words (« pourcentage »), is that listed unit, in the chat and the Mini App alike: it
was stored as the coop's own words, every value then read « 12 nombre » and a percentage escaped the
rules of % (at most 100)."""

from __future__ import annotations

from models.tables import Indicator
from tests.conversations.test_miniapp_api import auth, client, coop_with_indicator
from tests.dossier_steps import choose, join, start_own_indicator


async def _at_unit_question(user, title: str, why: str) -> None:
    await choose(user, [1])
    await start_own_indicator(user, 1)
    await user.send(title)
    await user.send(why)
    await user.press("🔢")


async def _unit(harness) -> str | None:
    async with harness.database.transaction() as session:
        return (await session.get(Indicator, 1, populate_existing=True)).unit


def _said(user) -> str:
    return "\n".join(m.get("text", "") for m in user.replies[-2:]).replace("\u00a0", " ")


async def test_the_number_button_s_name_typed_chooses_it(harness):
    camille = await join(harness, 801, "fr")
    await _at_unit_question(camille, "Réunions tenues", "Parce qu’elles font vivre la coopérative.")
    await camille.send("Nombre")
    assert await _unit(harness) == "count"
    await camille.send("12")
    assert "Valeur actuelle : 12\n" in _said(camille) and "12 nombre" not in _said(camille), _said(camille)


async def test_a_percentage_named_in_words_is_the_percent_unit(harness):
    sam = await join(harness, 802, "en")
    await _at_unit_question(sam, "Share of BRS homes", "It shows our homes stay affordable.")
    await sam.send("percentage")
    assert await _unit(harness) == "percent"
    await sam.send("120")
    assert "A share cannot be more than 100%." in _said(sam), _said(sam)


async def test_the_mini_app_reads_a_unit_s_name_as_the_chat_does(web_harness):
    director, dossier = await coop_with_indicator(web_harness, 91161, "Coop Unité Nommée")
    indicator = dossier["engagements"][0]["indicators"][0]["id"]
    async with client(web_harness) as http:
        for name, value in (("value_kind", "number"), ("unit", "un nombre")):
            body = {"entity": "indicator", "id": indicator, "field": name, "value": value, "expected": None}
            assert (await http.post("/app/api/field", headers=auth(director), json=body)).status_code == 200
    async with web_harness.database.transaction() as session:
        assert (await session.get(Indicator, indicator)).unit == "count"
