"""« ⚠️ See the failures »: who was not reached and why, in the admin's words, a page at a time (one
message whatever the names, turned in place), in the reading order of their coops."""

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


def long_names(i: int) -> tuple[str, str]:
    """The ``i``-th person's first name and coop's name: long ones, with « & », « < » and emoji."""
    return f"Camille{i:03d} " + "de la Grande Maison" * 3, f"{LONG_COOP[:150]} n°{i:03d}"


async def failed_announcement(harness, n: int, names=long_names, left: tuple[int, ...] = ()) -> int:
    """An announcement to ``n`` members of coops (``names``: each one's first name and coop's), every
    delivery failed for good; the ``left`` ones have left their coop since."""
    async with harness.database.transaction() as session:
        for i in range(n):
            first_name, coop_name = names(i)
            coop = await create_coop(session, coop_name)
            session.add(User(id=9_400_000 + i, first_name=first_name))
            await session.flush()
            session.add(Member(user_id=9_400_000 + i, coop_id=coop.id, role=MemberRole.DIRECTION))
        announcement = await create_announcement(session, ADMIN_ID, "VisioCoop")
        await update_announcement(session, announcement, "starts_at", NOW + timedelta(days=10))
        await approve(session, announcement, ADMIN_ID, now=NOW)
        for k, delivery in enumerate((await session.exec(select(Delivery).order_by(Delivery.id))).all()):
            delivery.status, delivery.error = DeliveryStatus.FAILED, ERRORS[k % len(ERRORS)]
            session.add(delivery)
        for i in left:
            await session.delete(
                (await session.exec(select(Member).where(Member.user_id == 9_400_000 + i))).one()
            )
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


RND = ("R&D " * 16).strip()  # 63 characters, 111 units in the HTML sent (« &amp; »), which split_text counts


async def test_a_page_of_r_and_d_names_is_one_message_turned_in_place(harness):
    """Names were cut by their length as typed: 20 lines of « R&D » names came to two messages, and the
    page turns then sent new ones instead of editing the page."""
    announcement_id = await failed_announcement(harness, 45, lambda i: (RND, f"{RND} {RND} n°{i:03d}"))
    admin = harness.user(ADMIN_ID, language_code="fr")
    await admin.send("/aide")
    await admin.press_data(admin.last, cb.ANNOUNCEMENT_FAILURES.pack(announcement_id))
    assert len(admin.replies) == 1, [len(reply.get("text", "")) for reply in admin.replies]
    page = admin.last_text
    assert "Page 1/3" in page and page.count("\n• ") == 20 and "• R&D R&D" in page and "(R&D R&D" in page
    sent = len(admin.messages)
    await admin.press("➡️")
    assert len(admin.messages) == sent and "Page 2/3" in admin.last_text  # edited in place


async def test_failures_are_in_the_reading_order_of_their_coops_those_in_none_last(harness):
    """As /comite and /tableau list coops, not by the database's code points (« Zèbre » before « abri »)."""
    added = ["Zèbre Habitat", "abri solidaire", "Élan Habitat", "Beaulieu", "Aaa Coop"]
    announcement_id = await failed_announcement(harness, 5, lambda i: (f"Camille {i}", added[i]), left=(4,))
    admin = harness.user(ADMIN_ID, language_code="en")
    await admin.send("/help")
    await admin.press_data(admin.last, cb.ANNOUNCEMENT_FAILURES.pack(announcement_id))
    listed = [line.split(" — ")[0] for line in admin.last_text.splitlines() if line.startswith("• ")]
    assert listed == [
        "• Camille 1 (abri solidaire)",
        "• Camille 3 (Beaulieu)",
        "• Camille 2 (Élan Habitat)",
        "• Camille 0 (Zèbre Habitat)",
        "• Camille 4",  # left their coop since
    ]
