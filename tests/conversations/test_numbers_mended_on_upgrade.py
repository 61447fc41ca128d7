"""Numbers left twice (or skipped) by the releases before 1598858 — a deletion then an addition gave an
engagement's indicators 1, 3, 3, an indicator's actions alike — stayed until someone deleted again in that
engagement: the chat read « 1. 3. 3. 4. » (the Mini App's « n » and the gaps' « n° » too) while the PDF
counted 1, 2, 3, 4. Migration 21 numbers every engagement's indicators and every indicator's actions
1, 2… by their number, then their id, once, on SQLite and PostgreSQL."""

from __future__ import annotations

import re

from sqlalchemy import text
from sqlmodel import select

from models.dossier.indicators import add_action
from models.tables import Action, Dossier, Indicator
from tests.conversations.test_numbers_after_deletion import at_engagement, seed
from tests.dossier_steps import choose, join

LEFT_BY_EARLIER_RELEASES = {"Indicateur Alpha": 1, "Indicateur Delta": 3, "Indicateur Charlie": 3}
ACTIONS_LEFT = {"Action deux": 2, "Action trois": 2, "Action cinq": 5}


async def an_older_database(harness) -> None:
    """Engagement 1's indicators and the first one's actions numbered as the releases before left them,
    then one added today (last + 1), the schema stamped as those releases stamped it (version 20)."""
    await seed(harness, list(LEFT_BY_EARLIER_RELEASES))
    async with harness.database.transaction() as session:
        rows = (await session.exec(select(Indicator).order_by(Indicator.id))).all()
        for row in rows:
            row.position = LEFT_BY_EARLIER_RELEASES[row.title]
        dossier = await session.get(Dossier, rows[0].dossier_id)
        for description in ACTIONS_LEFT:
            await add_action(session, dossier, rows[0], description, actor_id=None)
    async with harness.database.transaction() as session:
        for action in (await session.exec(select(Action))).all():
            action.position = ACTIONS_LEFT[action.description]
    await seed(harness, ["Indicateur Echo"])  # a colleague adds one today: after the last, 4
    async with harness.database.engine.begin() as connection:
        await connection.execute(text("DELETE FROM schema_version WHERE version > 20"))


async def test_numbers_left_twice_by_earlier_releases_are_mended_by_the_upgrade(harness):
    sam = await join(harness, 9941201, "fr", "Coop Anciens Numéros")
    await choose(sam, [1, 2])
    await an_older_database(harness)
    applied = await harness.database.upgrade()
    assert [m.version for m in applied][:1] == [21], applied
    await at_engagement(sam)
    numbered = re.findall(r"^[✅⚠️]+ (\d+)\. (.+)$", sam.last_text, re.M)
    assert numbered == [
        ("1", "Indicateur Alpha"), ("2", "Indicateur Delta"), ("3", "Indicateur Charlie"), ("4", "Indicateur Echo")
    ], sam.last_text  # fmt: skip
    await sam.press("1 · Indicateur A")
    plan = [b for b in sam.buttons() if b.startswith("📌")]
    assert plan == ["📌 1 · Action deux", "📌 2 · Action trois", "📌 3 · Action cinq"], plan
    async with harness.database.transaction() as session:
        indicators = (await session.exec(select(Indicator.position).order_by(Indicator.id))).all()
        actions = (await session.exec(select(Action.position).order_by(Action.id))).all()
    assert (indicators, actions) == ([1, 2, 3, 4], [1, 2, 3])
    assert await harness.database.upgrade() == []  # once
