"""A region button of an older list (before 6d0edd8 it carried the region's place in the list, now a code
of its name) is no region gone: the admin is told the list changed and given the regions again."""

from __future__ import annotations

from sqlmodel import select

from conversations.ui import callbacks as cb
from models.coops import create_coop
from models.tables import Announcement
from tests.conftest import ADMIN_ID
from tests.conversations.test_announce_audiences import compose


async def test_an_old_region_button_says_the_list_changed_and_shows_the_regions(harness):
    async with harness.database.transaction() as session:
        await create_coop(session, "Coop Bretonne", "Bretagne")
        await create_coop(session, "Coop Normande", "Normandie")
    admin = harness.user(ADMIN_ID, language_code="fr")
    await compose(admin)
    await admin.press("Par région")
    regions_message = admin.last
    async with harness.database.transaction() as session:
        announcement = (await session.exec(select(Announcement))).one()
    await admin.press_data(regions_message, cb.ANNOUNCEMENT_REGION.pack(announcement.id, "0"))
    said = admin.reply_text()
    assert "⚠️ La liste des régions a changé depuis l’affichage de ce bouton" in said, said
    assert "n’a plus aucune coopérative" not in said
    assert "Quelle région\u00a0?" in admin.last_text
    assert {"Bretagne", "Normandie"} <= set(admin.buttons())
    async with harness.database.transaction() as session:  # no region chosen by the old button
        assert (await session.exec(select(Announcement))).one().audience_value is None
    await admin.press("Normandie")  # the list shown again works
    assert "Par région — Normandie" in admin.last_text
