"""An old composer button of an announcement sent, then its meeting cancelled: the announcement was
sent — it is not said « cancelled: nothing was sent », which is true only of a draft dropped."""

from __future__ import annotations

from sqlmodel import select

from models.federation.announcement_changes import call_off
from models.tables import Announcement
from tests.conftest import ADMIN_ID, NOW
from tests.conversations.test_double_tap import NBSP, TITLE, announcement_on_its_preview


async def test_an_old_edit_button_of_a_meeting_cancelled_after_its_sending_says_it_was_sent(harness):
    admin, _member = await announcement_on_its_preview(harness)
    preview, edit_title = admin.find_button("✏️ Titre")
    await admin.press("📤 Envoyer à")
    await harness.run_background()
    async with harness.database.transaction() as session:
        announcement = (await session.exec(select(Announcement))).one()
        await call_off(session, announcement, ADMIN_ID, NOW)

    await admin.press_data(preview, edit_title)
    said = " ".join([admin.reply_text(), *admin.alerts]).replace(NBSP, " ")
    assert f"L’annonce « {TITLE} » a déjà été envoyée : elle ne peut plus être modifiée." in said, said
    assert "rien n’a été envoyé" not in said
