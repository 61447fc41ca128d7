"""Removing an engagement in the chat after the person's OWN change to its plans elsewhere (an action added
in the Mini App) since the confirmation was drawn: asked again, said as their own change, as the field
conflict box and the Mini App's ``elsewhere`` answer say it; a colleague's change is still a colleague's.

Before, « ⚠️ Un collègue a modifié entre-temps les indicateurs ou les actions de cet engagement » was said
of the person's own change in the Mini App.
"""

from __future__ import annotations

from sqlmodel import select

from models.tables import Action, EngagementChoice, Indicator
from tests.conversations.test_editor_terms_changed import plain
from tests.conversations.test_engagement_drop_recounted import CHANGED, coop_of_two
from tests.conversations.test_miniapp_api import auth, client
from tests.dossier_steps import open_home

YOURS = "⚠️ Vous avez modifié ailleurs entre-temps les indicateurs ou les actions de cet engagement : confirmez de nouveau."


async def action_in_app(harness, who, text: str) -> None:
    """``who`` adds an action to the coop's indicator in the Mini App."""
    async with harness.database.transaction() as session:
        indicator_id = (await session.exec(select(Indicator))).one().id
    async with client(harness) as http:
        added = await http.post(
            "/app/api/action", headers=auth(who), json={"indicator": indicator_id, "value": text}
        )
    assert added.status_code == 200, added.text


async def drop_confirmation(harness, sam_id: int):
    """Sam (direction) at the confirmation of engagement 1's removal (an indicator, an action)."""
    sam, alex = await coop_of_two(harness, sam_id, f"Coop {sam_id}")
    await open_home(sam)
    await sam.press("Axe 1")
    await sam.press("✅ 1 · ")
    return sam, alex, sam.last


async def counts(harness) -> tuple[int, list[int]]:
    async with harness.database.transaction() as session:
        actions = len((await session.exec(select(Action))).all())
        chosen = sorted(c.engagement_code for c in (await session.exec(select(EngagementChoice))).all())
    return actions, chosen


async def test_my_own_app_change_is_said_as_mine_and_asked_again(web_harness):
    sam, _alex, confirmation = await drop_confirmation(web_harness, 9946401)
    await action_in_app(web_harness, sam, "Action ajoutée dans l’app")
    await sam.press("🗑 Oui, le retirer", confirmation)
    said = plain(sam.reply_text())
    assert said.startswith(YOURS), said
    assert "collègue" not in said and "1 indicateur et ses 2 actions" in said, said
    assert await counts(web_harness) == (2, [1, 2])  # nothing removed: asked again
    await sam.press("🗑 Oui, le retirer")
    assert await counts(web_harness) == (0, [2])


async def test_a_colleagues_change_after_mine_is_still_a_colleagues(web_harness):
    sam, alex, confirmation = await drop_confirmation(web_harness, 9946411)
    await action_in_app(web_harness, sam, "Action de Sam dans l’app")
    await action_in_app(web_harness, alex, "Action d’Alex dans l’app")
    await sam.press("🗑 Oui, le retirer", confirmation)
    said = sam.reply_text()
    assert said.startswith("⚠️ " + CHANGED), said
    assert await counts(web_harness) == (3, [1, 2])
