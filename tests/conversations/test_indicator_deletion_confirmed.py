"""Deleting an indicator deletes the actions its confirmation counted, not more: « … et 1 action ? C’est
définitif. » named one; an action a colleague added meanwhile (the chat, the Mini App) is not deleted unsaid.
As an engagement's removal does, the « Oui » carries a mark of the actions counted, checked under the
dossier's lock: a change since is asked again, counting them; an older button, with no mark, asks again."""

from __future__ import annotations

from sqlmodel import select

from conversations.ui import callbacks as cb
from models.dossier.indicators import add_action
from models.tables import Action, Dossier, Indicator
from tests.dossier_steps import FR_ANSWERS, choose, fill_suggested_indicator, join, open_home

NBSP = "\u00a0"


async def at_deletion(sam) -> None:
    """Sam at the confirmation of their engagement 1's only indicator (one action)."""
    await open_home(sam)
    await sam.press("📊 Indicateurs")
    await sam.press(" 1 · ")
    await sam.press(next(b for b in sam.buttons() if "1 · " in b and b[0] in "✅⚠"))
    await sam.press("🗑 Supprimer l’indicateur")
    assert "et 1 action" in sam.last_text, sam.last_text  # one action counted


async def bob_adds_an_action(harness) -> None:
    async with harness.database.transaction() as session:  # a colleague's, committed meanwhile
        indicator = (await session.exec(select(Indicator))).one()
        dossier = await session.get(Dossier, indicator.dossier_id)
        await add_action(session, dossier, indicator, "Action de Bob", actor_id=None)


async def plan(harness) -> tuple[int, list[str]]:
    async with harness.database.transaction() as session:
        indicators = (await session.exec(select(Indicator))).all()
        actions = (await session.exec(select(Action))).all()
    return len(indicators), sorted(a.description for a in actions)


async def test_an_action_added_meanwhile_is_asked_about_then_deleted_once_confirmed(harness):
    sam = await join(harness, 9931001, "fr", "Coop Suppression")
    await choose(sam, [1, 2])
    await fill_suggested_indicator(sam, 1, FR_ANSWERS)
    await at_deletion(sam)
    confirmation = sam.last
    await bob_adds_an_action(harness)
    await sam.press("🗑 Oui, supprimer", confirmation)
    assert await plan(harness) == (1, ["Action de Bob", "Former l’équipe"])  # nothing deleted
    said = sam.reply_text()
    assert f"Un collègue a modifié entre-temps les actions de cet indicateur{NBSP}: confirmez" in said, said
    assert "et ses 2 actions" in said, said  # counted again, Bob's with it
    await sam.press("🗑 Oui, supprimer")
    assert "Indicateur supprimé" in sam.reply_text(), sam.reply_text()
    assert await plan(harness) == (0, [])


async def test_a_confirmation_without_its_mark_is_asked_again(harness):
    sam = await join(harness, 9931011, "fr", "Coop Ancienne")
    await choose(sam, [1, 2])
    await fill_suggested_indicator(sam, 1, FR_ANSWERS)
    await at_deletion(sam)
    async with harness.database.transaction() as session:
        indicator = (await session.exec(select(Indicator))).one()
    await sam.press_data(sam.last, cb.CONFIRM_DELETE_INDICATOR.pack(indicator.id))  # an older screen's
    assert "Cette confirmation venait d’un écran plus ancien" in sam.reply_text(), sam.reply_text()
    assert await plan(harness) == (1, ["Former l’équipe"])
    await sam.press("🗑 Oui, supprimer")
    assert await plan(harness) == (0, [])
