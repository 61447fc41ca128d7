"""Erasing someone already taken off their team: the news that named them no longer does."""

from __future__ import annotations

from conversations.render.notifications import NEW_CYCLE
from models.coops import create_invitation
from models.outbox import enqueue
from models.tables import Coop, MemberRole
from tests.conftest import NOW
from tests.conversations.test_personal_data import all_rows
from tests.dossier_fill import complete_dossier
from tests.dossier_steps import join, open_home, submit

ZELIE, NAME = 5300001, "Zélie"


def naming(rows: dict[str, list[tuple]]) -> list[str]:
    return [f"{table}: {row}" for table, found in rows.items() for row in found if NAME in str(row)]


async def test_news_of_a_removed_member_no_longer_name_her_once_she_is_erased(harness):
    zelie = await join(harness, ZELIE, "fr", "Coop Gamma")
    zelie.tg["first_name"] = NAME
    await zelie.send("/start")  # Telegram tells her name
    bob = harness.user(5300002, "Bob", "fr")
    await bob.send(f"/start {zelie.invitations.member_token}")
    await complete_dossier(zelie)
    await submit(zelie)
    await harness.run_background()
    assert f"{NAME} a soumis le dossier" in bob.last_text
    async with harness.database.transaction() as session:  # the news of a new cycle, as home.py writes it
        coop = await session.get(Coop, zelie.invitations.coop.id)
        news = {"name": NAME, "coop": coop.name, "cycle": 2}
        await enqueue(session, [bob.id], NEW_CYCLE, news, now=NOW)
        token = (await create_invitation(session, coop, MemberRole.DIRECTION)).token
    eve = harness.user(5300003, "Eve", "fr")
    await eve.send(f"/start {token}")
    await open_home(eve)
    await eve.press("🤝 Mon équipe")
    await eve.press(f"➖ 1. {NAME}")
    await eve.press("🗑 Oui, retirer de l’équipe")
    await harness.run_background()

    await zelie.send("/supprimer")
    await zelie.press("🗑 Oui, effacer mes données")
    assert "Vos données personnelles sont effacées" in zelie.last_text
    assert naming(await all_rows(harness)) == []
    notifications = (await all_rows(harness))["notification"]
    assert (
        sum("ancien membre" in str(row) for row in notifications) == 3
    )  # submitted, new cycle, the letter added
