"""A plain number the referential suggests counts things one by one (« Passages de locataire à
propriétaire dans l’année »): « 12,5 » and « -3 » are refused, in the chat, the Mini App and the bilan's
walk alike, never stored; « 12 » is taken. A coop's own « nombre » may be an average: « 12,5 » is taken."""

from __future__ import annotations

from sqlmodel import select

from models.tables import Indicator
from tests.conversations.test_bilans import admissible_coop
from tests.conversations.test_miniapp_api import auth, client, coop_with_indicator
from tests.dossier_steps import choose, open_home

WHOLE = "Cela se compte un par un : donnez un nombre entier, ex. 12 ou 13."
NOT_NEGATIVE = "Ce qui se compte un par un ne peut pas être négatif : tapez par exemple 12."


def _said(user, last: int = 3) -> str:
    return "\n".join(m.get("text", "") for m in user.replies[-last:]).replace("\u00a0", " ")


async def _values(harness, **where) -> tuple[str | None, str | None]:
    async with harness.database.transaction() as session:
        query = select(Indicator).where(*(getattr(Indicator, k) == v for k, v in where.items()))
        indicator = (await session.exec(query.execution_options(populate_existing=True))).one()
    return indicator.current_value, indicator.target_value


async def _field(harness, user, indicator_id: int, name: str, value: str):
    body = {"entity": "indicator", "id": indicator_id, "field": name, "value": value, "expected": None}
    async with client(harness) as http:
        return await http.post("/app/api/field", headers=auth(user), json=body)


async def test_a_count_of_the_referential_takes_whole_numbers_in_the_chat_and_the_app(web_harness):
    director, _dossier = await coop_with_indicator(web_harness, 91141, "Coop Passages")
    await choose(director, [3])
    await open_home(director)
    await director.press("📊 Indicateurs")
    await director.press(" 3 · ")
    await director.press("➕ Ajouter un indicateur")
    await director.press("1 · Passages")
    await director.send("Parce que l’accession à la propriété est notre raison d’être.")
    assert "ex. 12" in director.last_text
    await director.send("12,5")
    assert WHOLE in _said(director), _said(director)
    await director.send("-3")
    assert NOT_NEGATIVE in _said(director), _said(director)
    assert await _values(web_harness, suggested_code="3a") == (None, None)
    await director.send("12")
    assert await _values(web_harness, suggested_code="3a") == ("12", None)

    indicator_id = await _indicator_id(web_harness, Indicator.suggested_code == "3a")
    refused = await _field(web_harness, director, indicator_id, "target_value", "12,5")
    assert refused.status_code == 422 and refused.json()["error"].replace("\u00a0", " ") == WHOLE
    assert (await _field(web_harness, director, indicator_id, "target_value", "30")).status_code == 200
    assert await _values(web_harness, suggested_code="3a") == ("12", "30")

    own = await _indicator_id(
        web_harness, Indicator.suggested_code.is_(None)
    )  # « Part de BRS », a coop's own
    for name, value in (("value_kind", "number"), ("unit", "count"), ("current_value", "12,5")):
        assert (await _field(web_harness, director, own, name, value)).status_code == 200
    assert (await _values(web_harness, id=own))[0] == "12.5"


async def _indicator_id(harness, which) -> int:
    async with harness.database.transaction() as session:
        return (await session.exec(select(Indicator.id).where(which))).one()


async def test_a_count_of_the_referential_takes_whole_numbers_at_the_bilan(world):
    harness, _clock = world
    director, _member, _committee = await admissible_coop(harness, "Coop Bilan Entier")
    await director.send("/bilan")
    await director.press("📈")
    await director.press("✅ Garder")
    await director.press("✅ Garder")
    assert "Indicateur 3/8" in director.last_text and "Passages de locataire" in director.last_text
    before = await _values(harness, suggested_code="3a")
    await director.send("12,5")
    assert WHOLE in _said(director), _said(director)
    await director.send("-1")
    assert NOT_NEGATIVE in _said(director), _said(director)
    assert await _values(harness, suggested_code="3a") == before
    await director.send("14")
    assert "Indicateur 4/8" in director.last_text
    assert (await _values(harness, suggested_code="3a"))[0] == "14"
