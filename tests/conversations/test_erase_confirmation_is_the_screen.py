"""/supprimer's confirmation is the screen the person is on, as any confirmation: a text typed while it
shows points at its buttons and draws it again, its « 🗑 Oui » still there (and it still erases). Before,
the text drew the screen shown before /supprimer (the team…) and the confirmation lost its buttons: the
request was silently dropped. Once cancelled, a text leads where « Annuler » pointed, never back to it."""

from __future__ import annotations

from models.tables import FederationRoleName, User
from models.users import grant_federation_role
from tests.conftest import ADMIN_ID
from tests.conversations.test_team import open_team
from tests.dossier_steps import join

CONFIRM = "⚠️ Effacer vos données personnelles\u00a0?"


async def stored(harness, user_id: int) -> bool:
    async with harness.database.transaction() as session:
        return await session.get(User, user_id) is not None


async def test_a_text_typed_at_the_confirmation_draws_it_again_and_it_still_erases(harness):
    camille = await join(harness, 8930001, "fr", "Coop Attend")
    await open_team(camille)
    await camille.send("/supprimer")
    assert camille.last_text.startswith(CONFIRM)
    await camille.send("attendez")
    said = camille.texts()[-2:]
    assert said[0].startswith("👇") and said[1].startswith(CONFIRM), said
    assert "🗑 Oui, effacer mes données" in camille.buttons()
    await camille.send("oui")
    assert camille.last_text.startswith(CONFIRM)
    await camille.press("🗑 Oui")
    assert not await stored(harness, camille.id)


async def test_once_cancelled_a_text_no_longer_draws_the_confirmation(harness):
    camille = await join(harness, 8930002, "fr", "Coop Annule")
    await camille.send("/supprimer")
    await camille.press("Annuler")
    assert "Rien n’a été effacé." in camille.last_text
    await camille.send("oui")
    assert not any(text.startswith(CONFIRM) for text in camille.texts()[-2:]), camille.texts()[-2:]
    assert "🗑 Oui, effacer mes données" not in camille.buttons()
    assert await stored(harness, camille.id)


async def test_staff_who_cancel_are_shown_where_they_work(harness):
    # before: « /start takes you back to the welcome », no button: the welcome has nothing for them
    async with harness.database.transaction() as session:
        await grant_federation_role(session, 8930003, FederationRoleName.COMMITTEE)
    claude = harness.user(8930003, "Claude", "en")
    await claude.send("/erase")
    await claude.press("Cancel")
    said, where = claude.texts()[-2:]
    assert said == "✅ Nothing was erased.", said
    assert where.startswith("🏛 Validation committee"), where  # its list, even empty
    admin = harness.user(ADMIN_ID, "Alix", "fr")
    await admin.send("/supprimer")
    await admin.press("Annuler")
    said, where = admin.texts()[-2:]
    assert said == "✅ Rien n’a été effacé." and "/start" not in where, (said, where)
    assert where.startswith("📨 Demandes des coopératives"), where  # the inbox
