"""After an indicator (or an action) is deleted, the ones left are numbered again from 1 and the next one
added follows the last: each number once, in order (the engagement's screen numbered two indicators
« 2. »: ``position = count + 1``, never renumbered). Buttons carry ids, not numbers: only what is read
changes (the screens, the Mini App's « n », the gaps' « n° »)."""

from __future__ import annotations

import re

from sqlmodel import select

from models.dossier.indicators import add_action, add_indicator
from models.tables import Action, Dossier, EngagementChoice, Indicator
from tests.dossier_steps import choose, join, open_home


async def seed(harness, titles) -> None:
    async with harness.database.transaction() as session:
        choice = (await session.exec(select(EngagementChoice))).first()
        dossier = await session.get(Dossier, choice.dossier_id)
        for title in titles:
            await add_indicator(session, dossier, 1, title=title, actor_id=None)


async def at_engagement(sam) -> None:
    await open_home(sam)
    await sam.press("📊 Indicateurs")
    await sam.press(" 1 · ")


async def test_indicator_numbers_stay_distinct_and_in_order_after_a_deletion(harness):
    sam = await join(harness, 9931201, "fr", "Coop Numéros")
    await choose(sam, [1, 2])
    await seed(harness, ["Indicateur Alpha", "Indicateur Bravo", "Indicateur Delta"])
    await at_engagement(sam)
    await sam.press("2 · Indicateur B")
    await sam.press("🗑 Supprimer")
    await sam.press("🗑 Oui, supprimer")
    await seed(harness, ["Indicateur Charlie"])  # a colleague adds one (chat or Mini App)
    await at_engagement(sam)
    numbered = re.findall(r"^[✅⚠️]+ (\d+)\. (.+)$", sam.last_text, re.M)
    assert numbered == [
        ("1", "Indicateur Alpha"), ("2", "Indicateur Delta"), ("3", "Indicateur Charlie")
    ], sam.last_text  # fmt: skip
    async with harness.database.transaction() as session:
        positions = sorted(i.position for i in (await session.exec(select(Indicator))).all())
    assert positions == [1, 2, 3]


async def test_action_numbers_stay_distinct_and_in_order_after_a_deletion(harness):
    sam = await join(harness, 9931211, "fr", "Coop Actions")
    await choose(sam, [1, 2])
    await seed(harness, ["Indicateur Alpha"])
    async with harness.database.transaction() as session:
        indicator = (await session.exec(select(Indicator))).one()
        dossier = await session.get(Dossier, indicator.dossier_id)
        for text in ("Action un", "Action deux", "Action quatre"):
            await add_action(session, dossier, indicator, text, actor_id=None)
    await at_engagement(sam)
    await sam.press("1 · Indicateur A")
    await sam.press("📌 1 · Action")
    await sam.press("🗑 Supprimer")
    await sam.press("🗑 Oui, supprimer")
    async with harness.database.transaction() as session:
        indicator = (await session.exec(select(Indicator))).one()
        dossier = await session.get(Dossier, indicator.dossier_id)
        await add_action(session, dossier, indicator, "Action trois", actor_id=None)
    await at_engagement(sam)
    await sam.press("1 · Indicateur A")
    plan = [b for b in sam.buttons() if b.startswith("📌")]
    assert plan == ["📌 1 · Action deux", "📌 2 · Action quatre", "📌 3 · Action trois"], plan
    async with harness.database.transaction() as session:
        positions = sorted(a.position for a in (await session.exec(select(Action))).all())
    assert positions == [1, 2, 3]
