"""An engagement has one indicator per title, as a person reads it: « taux de vacance », « Taux  de vacance »
or « Taux d’impayés » typed beside « Taux de vacance » or « Taux d'impayés » is that indicator. Typed in the
chat, the existing one is said and continued (as a suggestion or a shared choice pressed again is); typed in
the Mini App, the title is refused with that reason (the page keeps it in its field); renamed to another's
title, refused in both. Nothing stored changes; the rule is the domain's (``add_indicator``), both call it.

Before, only a suggestion or a shared choice found its twin: a typed title added a second indicator
(« 1. Taux de vacance », « 2. taux de vacance »), in the chat and the Mini App alike.
"""

from __future__ import annotations

import httpx
from sqlmodel import select

from models.tables import Indicator
from tests.dossier_steps import choose, join, open_home, start_own_indicator
from tests.harness import BotHarness, ChatUser
from tests.miniapp import local_client, signed_init_data, tma


async def titles(harness: BotHarness) -> list[str]:
    """Every indicator's title, in the order they were added."""
    async with harness.database.transaction() as session:
        return [i.title for i in (await session.exec(select(Indicator).order_by(Indicator.id))).all()]


async def test_a_title_typed_again_in_the_chat_continues_its_indicator(harness):
    user = await join(harness, 1201, "fr", "Élan Habitat")
    await choose(user, [1])
    await start_own_indicator(user, 1)
    await user.send("Taux de vacance")
    await user.send("Parce que des logements vides ne logent personne.")
    await start_own_indicator(user, 1)
    await user.send("Taux d’impayés")
    for twin in ["taux de vacance", "Taux  de vacance", "TAUX DE VACANCE."]:
        await start_own_indicator(user, 1)
        await user.send(twin)
        said = user.last_text
        assert (
            "«\u00a0Taux de vacance\u00a0» fait déjà partie de vos indicateurs\u00a0: poursuivons-le." in said
        ), said
        assert "Indicateur 1 · Étape 3/7" in said and "Quel type de valeur" in said, (
            said
        )  # its first missing one
    await start_own_indicator(user, 1)
    await user.send("Taux d'impayés")
    assert "«\u00a0Taux d’impayés\u00a0» fait déjà partie de vos indicateurs" in user.last_text, (
        user.last_text
    )
    assert "Indicateur 2 · Étape 2/7" in user.last_text, user.last_text
    assert await titles(harness) == ["Taux de vacance", "Taux d’impayés"]


async def test_a_suggestion_titled_as_an_own_indicator_continues_it(harness):
    user = await join(harness, 1202, "fr", "Coop Suggérée")
    await choose(user, [1])
    await start_own_indicator(user, 1)
    await user.send("part de logements PSLA/BRS dans la production.")
    await open_home(user)
    await user.press("📊 Indicateurs")
    await user.press(" 1 · ")
    await user.press("➕ Ajouter un indicateur")
    await user.press("1 · ")  # « Part de logements PSLA/BRS dans la production »
    assert "fait déjà partie de vos indicateurs" in user.last_text, user.last_text
    assert await titles(harness) == ["part de logements PSLA/BRS dans la production."]


def auth(user: ChatUser) -> dict[str, str]:
    return tma(signed_init_data(user.id, language="fr"))


async def test_the_mini_app_refuses_a_title_the_engagement_has_and_keeps_it_typed(web_harness):
    director = await join(web_harness, 1203, "fr", "Coop Bureau")
    async with local_client(web_harness.web_url) as http:
        dossier = (await http.get("/app/api/dossier", headers=auth(director))).json()["dossier"]["id"]
        ticked = {"dossier": dossier, "code": 1, "chosen": True}
        assert (
            await http.post("/app/api/engagement", headers=auth(director), json=ticked)
        ).status_code == 200

        async def add(title: str) -> httpx.Response:
            new = {"dossier": dossier, "code": 1, "value": title}
            return await http.post("/app/api/indicator", headers=auth(director), json=new)

        assert (await add("Taux d'impayés")).status_code == 200
        assert (await add("Taux de vacance")).status_code == 200
        for twin, shown in [("Taux d’impayés", "Taux d'impayés"), ("taux  de vacance", "Taux de vacance")]:
            refused = await add(twin)
            assert refused.status_code == 422, refused.text
            assert refused.json()["error"] == (
                f"Cet engagement a déjà un indicateur intitulé «\u00a0{shown}\u00a0»\u00a0: choisissez un "
                "autre titre, ou complétez celui-là."
            ), refused.json()
            assert refused.json()["example"] is False  # no title to copy: the reason says what to do
        assert await titles(web_harness) == ["Taux d'impayés", "Taux de vacance"]
        async with web_harness.database.transaction() as session:
            vacancy = (
                await session.exec(select(Indicator.id).where(Indicator.title == "Taux de vacance"))
            ).one()
        renamed = {"entity": "indicator", "id": vacancy, "field": "title",
                   "value": "TAUX D'IMPAYÉS", "expected": "Taux de vacance"}  # fmt: skip
        refused = await http.post("/app/api/field", headers=auth(director), json=renamed)
        assert refused.status_code == 422 and "«\u00a0Taux d'impayés\u00a0»" in refused.json()["error"]
        renamed |= {"value": "TAUX DE VACANCE"}  # its own title, in capitals: its own
        assert (await http.post("/app/api/field", headers=auth(director), json=renamed)).status_code == 200
    assert await titles(web_harness) == ["Taux d'impayés", "TAUX DE VACANCE"]


async def test_a_title_renamed_to_another_s_in_the_chat_is_refused_and_asked_again(harness):
    user = await join(harness, 1204, "fr", "Coop Renommée")
    await choose(user, [1])
    for title in ["Taux de vacance", "Taux d'impayés"]:
        await start_own_indicator(user, 1)
        await user.send(title)
    await open_home(user)
    await user.press("📊 Indicateurs")
    await user.press(" 1 · ")
    await user.press(" 2 · ")
    await user.press("✏️ Titre")
    await user.send("taux de vacance")
    said = user.reply_text()
    assert "Cet engagement a déjà un indicateur intitulé «\u00a0Taux de vacance\u00a0»" in said, said
    assert "Quel est le nom de l’indicateur\u00a0?" in user.last_text, user.last_text
    assert await titles(harness) == ["Taux de vacance", "Taux d'impayés"]
