"""An indicator's kind and unit: a change never loses a colleague's values, and values always fit the kind.

Through the domain functions and through the Mini App's API (the real web server and Application).
"""

from __future__ import annotations

import httpx
import pytest
from sqlmodel import select

from models.dossier.indicators import update_indicator
from models.dossier.reads import StaleValue
from models.tables import AuditEntry, Dossier, Indicator
from tests.conftest import NOW
from tests.dossier_steps import join
from tests.harness import BotHarness, ChatUser
from tests.miniapp import local_client, signed_init_data, tma

COLLEAGUE = 999


def client(harness: BotHarness) -> httpx.AsyncClient:
    return local_client(harness.web_url)


def auth(user: ChatUser, language: str = "fr") -> dict[str, str]:
    return tma(signed_init_data(user.id, language=language))


async def with_indicator(harness: BotHarness, user_id: int, name: str) -> tuple[ChatUser, int]:
    """A direction member whose dossier has engagement 1 and one indicator, with no kind yet."""
    director = await join(harness, user_id, "fr", name)
    async with client(harness) as http:
        dossier = (await http.get("/app/api/dossier", headers=auth(director))).json()
        dossier_id = dossier["dossier"]["id"]
        change = {"dossier": dossier_id, "code": 1, "chosen": True}
        assert (
            await http.post("/app/api/engagement", headers=auth(director), json=change)
        ).status_code == 200
        new = {"dossier": dossier_id, "code": 1, "value": "Part de BRS"}
        assert (await http.post("/app/api/indicator", headers=auth(director), json=new)).status_code == 200
        dossier = (await http.get("/app/api/dossier", headers=auth(director))).json()
    return director, dossier["engagements"][0]["indicators"][0]["id"]


async def post_field(http, user, indicator_id, name, value, expected=None, language="fr") -> httpx.Response:
    change = {"entity": "indicator", "id": indicator_id, "field": name, "value": value, "expected": expected}
    return await http.post("/app/api/field", headers=auth(user, language), json=change)


async def stored(harness: BotHarness, indicator_id: int) -> Indicator:
    async with harness.database.transaction() as session:
        return await session.get(Indicator, indicator_id)


async def colleague_sets(
    harness: BotHarness, indicator_id: int, *changes: tuple[str, object, object]
) -> None:
    """A colleague's changes (in the chat, say), through the domain function both surfaces use."""
    async with harness.database.transaction() as session:
        indicator = await session.get(Indicator, indicator_id)
        dossier = await session.get(Dossier, indicator.dossier_id)
        for name, value, expected in changes:
            await update_indicator(
                session, dossier, indicator, name, value, actor_id=COLLEAGUE, expected=expected, now=NOW
            )


# --- A stale kind or unit change writes nothing ----------------------------------------------------


@pytest.mark.parametrize(
    ("name", "mine", "theirs"), [("value_kind", "yes_no", "text"), ("unit", "euro", "homes")]
)
async def test_a_stale_kind_or_unit_change_keeps_the_colleagues_values(web_harness, name, mine, theirs):
    director, indicator_id = await with_indicator(web_harness, 7301, "Coop Conflit")
    async with client(web_harness) as http:
        for field, value in (("value_kind", "number"), ("unit", "percent"), ("current_value", "12,5 %")):
            assert (await post_field(http, director, indicator_id, field, value)).status_code == 200
        # a colleague changes the kind (or the unit) and types both values meanwhile
        before = (await stored(web_harness, indicator_id)).model_dump()[name]
        values = ("Charte en projet", "Charte adoptée") if name == "value_kind" else ("120", "150")
        await colleague_sets(
            web_harness,
            indicator_id,
            (name, theirs, before),
            ("current_value", values[0], None),
            ("target_value", values[1], None),
        )
        async with web_harness.database.transaction() as session:
            audited = len((await session.exec(select(AuditEntry))).all())
        # my page still shows the old kind (or unit): my change is refused, and changes nothing
        refused = await post_field(http, director, indicator_id, name, mine, before)
    assert refused.status_code == 409, refused.text
    after = await stored(web_harness, indicator_id)
    assert getattr(after, name) == theirs
    assert (after.current_value, after.target_value) == values
    async with web_harness.database.transaction() as session:
        assert len((await session.exec(select(AuditEntry))).all()) == audited


async def test_update_indicator_checks_the_expected_value_before_clearing(web_harness):
    _, indicator_id = await with_indicator(web_harness, 7302, "Coop Conflit Domaine")
    await colleague_sets(
        web_harness,
        indicator_id,
        ("value_kind", "text", None),
        ("current_value", "Charte en projet", None),
        ("target_value", "Charte adoptée", None),
    )
    async with web_harness.database.transaction() as session:  # committed, whatever was refused
        indicator = await session.get(Indicator, indicator_id)
        dossier = await session.get(Dossier, indicator.dossier_id)
        with pytest.raises(StaleValue):
            await update_indicator(
                session, dossier, indicator, "value_kind", "yes_no", actor_id=1, expected="number", now=NOW
            )
    after = await stored(web_harness, indicator_id)
    assert (after.value_kind, after.current_value, after.target_value) == (
        "text",
        "Charte en projet",
        "Charte adoptée",
    )


# --- Values and kinds ------------------------------------------------------------------------------


async def legacy_values(harness: BotHarness, indicator_id: int, current: str, target: str) -> None:
    """Values typed while the indicator had no kind (as the Mini App once allowed): stored as typed."""
    await colleague_sets(
        harness, indicator_id, ("current_value", current, None), ("target_value", target, None)
    )


async def test_a_value_is_asked_only_once_the_kind_is_chosen(web_harness):
    director, indicator_id = await with_indicator(web_harness, 7303, "Coop Sans Genre")
    async with client(web_harness) as http:
        view = (await http.get("/app/api/dossier", headers=auth(director))).json()
        names = [f["name"] for f in view["engagements"][0]["indicators"][0]["fields"]]
        refused = await post_field(http, director, indicator_id, "current_value", "12,5 %")
        assert (await post_field(http, director, indicator_id, "value_kind", "number")).status_code == 200
        view = (await http.get("/app/api/dossier", headers=auth(director))).json()
        names_then = [f["name"] for f in view["engagements"][0]["indicators"][0]["fields"]]
        accepted = await post_field(http, director, indicator_id, "current_value", "12,5")  # no unit yet
    assert "value_kind" in names and "current_value" not in names and "target_value" not in names
    assert refused.status_code == 400
    assert {"current_value", "target_value"} <= set(names_then)
    assert accepted.status_code == 200
    assert (await stored(web_harness, indicator_id)).current_value == "12.5"


@pytest.mark.parametrize(
    ("kind", "typed", "kept"),
    [
        ("number", ("12,5 %", "beaucoup"), ("12.5", None)),  # what parses is kept, in its stored form
        ("number", ("1 200", "1,200"), ("1200", None)),  # 1,2 in French, 1200 in English: no guess
        ("yes_no", ("oui", "12"), ("yes", None)),
        ("text", ("Charte en projet", "Charte adoptée"), ("Charte en projet", "Charte adoptée")),
    ],
)
async def test_choosing_the_kind_reads_earlier_values_again(web_harness, kind, typed, kept):
    director, indicator_id = await with_indicator(web_harness, 7304, "Coop Relecture")
    await legacy_values(web_harness, indicator_id, *typed)
    async with client(web_harness) as http:
        assert (await post_field(http, director, indicator_id, "value_kind", kind)).status_code == 200
        page = await http.get("/app/api/page", headers=auth(director))
    after = await stored(web_harness, indicator_id)
    assert (after.current_value, after.target_value) == kept
    assert page.status_code == 200


async def test_the_chat_reads_earlier_values_again_and_the_review_shows_them(web_harness):
    director, indicator_id = await with_indicator(web_harness, 7305, "Coop Relecture Chat")
    await legacy_values(web_harness, indicator_id, "12,5 %", "beaucoup")
    await director.send("/dossier")
    await director.press("📊 Indicateurs")
    await director.press(" 1 · ")
    await director.press("1 · Part de")
    await director.press("✏️ Type")
    await director.press("🔢")
    after = await stored(web_harness, indicator_id)
    assert (after.value_kind, after.unit, after.current_value, after.target_value) == (
        "number",
        "percent",  # the unit it was typed with, never dropped
        "12.5",
        None,
    )
    await director.send("/recap")
    assert "12,5\u00a0% → —" in director.reply_text()  # current → target


async def test_a_stored_value_that_does_not_fit_its_kind_is_shown_as_typed(web_harness):
    """Data stored before the rule (a number kind holding « 12,5 % » as typed): shown, never a crash."""
    director, indicator_id = await with_indicator(web_harness, 7306, "Coop Ancienne")
    async with web_harness.database.transaction() as session:
        indicator = await session.get(Indicator, indicator_id)
        indicator.value_kind, indicator.current_value, indicator.target_value = (
            "number",
            "12,5 %",
            "peut-être",
        )
        session.add(indicator)
    async with client(web_harness) as http:
        page = await http.get("/app/api/page", headers=auth(director))
        view = await http.get("/app/api/dossier", headers=auth(director))
    assert page.status_code == 200 and "12,5 %" in page.json()["html"]
    assert view.status_code == 200
    await director.send("/recap")
    assert "12,5 %" in director.reply_text() and "peut-être" in director.reply_text()
    await director.send("/pdf")
    assert any("document" in m for m in director.replies)
