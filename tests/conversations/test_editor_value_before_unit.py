"""The chat reads a value as the Mini App does: « 12,5 % » typed for a number indicator whose unit is not
chosen yet (the wizard left after « 🔢 Un nombre ») is refused with the way forward, never stored and
echoed « 12,5 » (then « 12,50 € » once € is chosen); a coop's own unit with its dot reads back."""

from __future__ import annotations

from models.tables import Indicator
from tests.conversations.test_miniapp_api import auth, client, coop_with_indicator
from tests.dossier_steps import open_home


async def _set(harness, user, indicator_id: int, name: str, value: str) -> None:
    body = {"entity": "indicator", "id": indicator_id, "field": name, "value": value, "expected": None}
    async with client(harness) as http:
        assert (await http.post("/app/api/field", headers=auth(user), json=body)).status_code == 200


async def _current(harness, indicator_id: int) -> str | None:
    async with harness.database.transaction() as session:
        return (await session.get(Indicator, indicator_id, populate_existing=True)).current_value


async def _ask_current(director) -> None:
    await open_home(director)
    await director.press("📊 Indicateurs")
    await director.press(" 1 · ")
    await director.press("1 · Part de BRS")
    await director.press("✏️ Actuelle")


def _said(user, last: int = 3) -> str:
    return "\n".join(m.get("text", "") for m in user.replies[-last:]).replace("\u00a0", " ")


async def test_a_percentage_typed_before_the_unit_is_refused_with_the_way_forward(web_harness):
    director, dossier = await coop_with_indicator(web_harness, 91111, "Coop Unité Chat")
    indicator = dossier["engagements"][0]["indicators"][0]["id"]
    await _set(web_harness, director, indicator, "value_kind", "number")
    await _ask_current(director)
    await director.send("12,5 %")
    said = _said(director)
    assert "Cet indicateur n’a pas encore d’unité : choisissez d’abord « % » comme unité" in said, said
    assert await _current(web_harness, indicator) is None
    await director.send("12,5")  # the question asked again: the number alone is taken
    assert "Valeur actuelle : 12,5" in _said(director), _said(director)
    assert await _current(web_harness, indicator) == "12.5"


async def test_the_questions_own_example_for_a_dotted_unit_is_taken(web_harness):
    director, dossier = await coop_with_indicator(web_harness, 91112, "Coop Abrégée Chat")
    indicator = dossier["engagements"][0]["indicators"][0]["id"]
    await _set(web_harness, director, indicator, "value_kind", "number")
    await _set(web_harness, director, indicator, "unit", "log.")
    await _ask_current(director)
    assert "ex. 12 log." in _said(director, 1)
    await director.send("12 log.")
    assert "Valeur actuelle : 12 log." in _said(director), _said(director)
    assert await _current(web_harness, indicator) == "12"
