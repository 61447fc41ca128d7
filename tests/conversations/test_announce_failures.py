"""« ⚠️ See the failures »: who was not reached and why, in the admin's words, a page at a time."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from conversations.ui import callbacks as cb
from models.announcements import approve, create_announcement, update_announcement
from models.coops import create_coop
from models.tables import Delivery, DeliveryStatus, Member, MemberRole, User
from tests.conftest import ADMIN_ID, NOW

LONG_COOP = "Coopérative d’Habitat Social & Accession « Les Jardins < Les Tilleuls » 🏡 " * 3
ERRORS = [
    "Bad Request: chat not found",
    "Forbidden: bot was blocked by the user",
    "Forbidden: user is deactivated",
    "Timed out",
    "Bad Request: message is too long",
]


async def failed_announcement(harness, n: int) -> int:
    """An announcement to ``n`` members of coops with long names, every delivery failed for good."""
    async with harness.database.transaction() as session:
        for i in range(n):
            coop = await create_coop(session, f"{LONG_COOP[:150]} n°{i:03d}")
            session.add(User(id=9_400_000 + i, first_name=f"Camille{i:03d} " + "de la Grande Maison" * 3))
            await session.flush()
            session.add(Member(user_id=9_400_000 + i, coop_id=coop.id, role=MemberRole.DIRECTION))
        announcement = await create_announcement(session, ADMIN_ID, "VisioCoop")
        await update_announcement(session, announcement, "starts_at", NOW + timedelta(days=10))
        await approve(session, announcement, ADMIN_ID, now=NOW)
        for k, delivery in enumerate((await session.exec(select(Delivery).order_by(Delivery.id))).all()):
            delivery.status, delivery.error = DeliveryStatus.FAILED, ERRORS[k % len(ERRORS)]
            session.add(delivery)
        return announcement.id


async def test_failures_name_who_and_why_in_french_every_one_counted_and_paged(harness):
    announcement_id = await failed_announcement(harness, 150)
    admin = harness.user(ADMIN_ID, language_code="fr")
    await admin.send("/aide")
    await admin.press_data(admin.last, cb.ANNOUNCEMENT_FAILURES.pack(announcement_id))
    assert len(admin.replies) == 1  # one message per page
    page = admin.last_text
    assert page.startswith("⚠️ Envois en échec\u00a0: 150") and "Page 1/8" in page
    assert len(page) <= 4096 and page.count("\n• ") == 20
    assert "• Camille000 de la Grande Maison" in page and "(Coopérative d’Habitat Social" in page
    assert "9400000" not in page and "Bad Request" not in page and "Forbidden" not in page
    for reason in (
        "n’a jamais ouvert l’assistant, ou l’a quitté",
        "a bloqué l’assistant",
        "a supprimé son compte Telegram",
        "Telegram était injoignable",
        "envoi refusé par Telegram",
    ):
        assert f" — {reason}" in page
    assert admin.buttons() == ["➡️"]
    shown = {line for line in page.splitlines() if line.startswith("• ")}
    for number in range(2, 9):
        await admin.press("➡️")
        assert f"Page {number}/8" in admin.last_text and len(admin.last_text) <= 4096
        shown |= {line for line in admin.last_text.splitlines() if line.startswith("• ")}
    assert len(shown) == 150 and admin.buttons() == ["⬅️"]
    assert sum(1 for text in admin.texts() if "Envois en échec" in text) == 1  # turned in place


async def test_a_few_failures_are_one_page_without_turns(harness):
    announcement_id = await failed_announcement(harness, 3)
    admin = harness.user(ADMIN_ID, language_code="en")
    await admin.send("/help")
    await admin.press_data(admin.last, cb.ANNOUNCEMENT_FAILURES.pack(announcement_id))
    assert admin.last_text.startswith("⚠️ Failed deliveries: 3") and "Page" not in admin.last_text
    assert " — never opened the assistant, or left it" in admin.last_text and admin.buttons() == []
