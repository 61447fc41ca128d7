"""« 📅 Upcoming meetings »: any federation admin reaches a sent VisioCoop meeting still ahead to cancel
or move it (a tester's finding: the buttons were only on the final report, sent to the author alone;
the author away, erased or no longer an admin, nobody could tell the people the meeting reached).

From /annonce's first screen, the list of sent meetings not begun (title, date, how many it reached),
soonest first, a page at a time; each opens a screen with the report's « ❌ Cancel the meeting » and
« 🕘 Change the time ». Every press checks the person is a federation admin."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import select

from bot.delivery.announcements import deliver_announcements
from bot.delivery.notifications import deliver_notifications
from models.announcements import approve, create_announcement, update_announcement
from models.tables import Announcement, AnnouncementStatus, FederationRoleName, Notification
from models.users import grant_federation_role, revoke_federation_role
from tests.conftest import ADMIN_ID
from tests.harness import ButtonNotFound

AUTHOR = 7100001  # the admin who announced the meetings
MEETING = datetime(2026, 12, 9, 8, 0, tzinfo=UTC)  # Wednesday 9 December 2026, 9:00 in Paris
SOONER = datetime(2026, 12, 2, 13, 0, tzinfo=UTC)  # Wednesday 2 December, 14:00 in Paris
UPCOMING_FR, UPCOMING_EN = "📅 Réunions à venir", "📅 Upcoming meetings"


async def announce(harness, title: str, starts_at: datetime, *, audience: str = "all", send: bool = True):
    """A meeting the author announced (sent and its broadcast done, unless ``send`` is False)."""
    async with harness.database.transaction() as session:
        announcement = await create_announcement(session, AUTHOR, title)
        await update_announcement(session, announcement, "starts_at", starts_at)
        await update_announcement(session, announcement, "audience", audience)
        if send:
            await approve(session, announcement, AUTHOR, now=harness.clock())
    await deliver_announcements(harness.application)
    return announcement.id


async def federation_with_two_people(harness):
    """A coop's direction and a member, both French; the author, a federation admin."""
    coop = await harness.add_coop("Coop des Lilas")
    direction, member = harness.user(2001, "Claude", "fr"), harness.user(2002, "Marie", "fr")
    await direction.send(f"/start {coop.direction_token}")
    await member.send(f"/start {coop.member_token}")
    async with harness.database.transaction() as session:
        await grant_federation_role(session, AUTHOR, FederationRoleName.ADMIN)
    return direction, member


async def status_of(harness, announcement_id: int) -> AnnouncementStatus:
    async with harness.database.transaction() as session:
        return AnnouncementStatus((await session.get(Announcement, announcement_id)).status)


async def test_another_admin_cancels_a_meeting_whose_author_erased_their_data(harness):
    direction, member = await federation_with_two_people(harness)
    meeting = await announce(harness, "VisioCoop : la Raison d’être & <vous>", MEETING)
    author = harness.user(AUTHOR, "Dominique", "fr")
    await author.send("/supprimer")  # the author leaves: their report's buttons with them
    await author.press("🗑 Oui, effacer mes données")
    colleague = harness.user(ADMIN_ID, "Alix", "fr")
    await colleague.send("/annonce")
    assert "Titre de l’annonce\u00a0?" in colleague.last_text
    assert colleague.buttons() == ["📅 Réunions à venir (1)", "Annuler"], colleague.buttons()
    await colleague.press(UPCOMING_FR)
    listed, listed_message = colleague.last_text, colleague.last
    assert UPCOMING_FR in listed, listed
    assert "1. VisioCoop : la Raison d’être & <vous>\n🗓 " in listed, listed
    assert "mercredi 9 décembre 2026 à 9 h 00 · annonce reçue par 2\u00a0personnes" in listed, listed
    await colleague.press("1. VisioCoop")
    opened = colleague.last_text
    assert "mercredi 9 décembre 2026 à 9 h 00" in opened and "Annonce reçue par 2\u00a0personnes" in opened, (
        opened
    )
    assert {"❌ Annuler la réunion", "🕘 Changer l’horaire", "⬅️ Retour"} <= set(colleague.buttons())
    await colleague.press("❌ Annuler la réunion")
    assert "2\u00a0personnes qui ont reçu l’annonce seront prévenues" in colleague.last_text
    await colleague.press("Oui, annuler la réunion")
    assert "La réunion est annulée\u00a0: 2\u00a0personnes seront prévenues." in colleague.last_text
    assert await status_of(harness, meeting) == AnnouncementStatus.CANCELLED
    await deliver_notifications(harness.application)
    for person in (direction, member):
        assert any(
            "❌ La réunion «\u00a0VisioCoop : la Raison d’être & <vous>\u00a0»" in t for t in person.texts()
        )
    await colleague.send("/annonce")  # none ahead: the first question as it always was
    assert colleague.buttons() == ["Annuler"], colleague.buttons()
    await colleague.press_data(listed_message, "anu")  # the list's older button: none left
    assert "Aucune réunion à venir" in colleague.last_text, colleague.last_text
    assert "1. VisioCoop" not in " ".join(colleague.buttons())


async def test_the_list_holds_sent_meetings_ahead_soonest_first_in_english(harness):
    await federation_with_two_people(harness)
    await announce(harness, "Late VisioCoop", MEETING)
    await announce(harness, "Direction VisioCoop", SOONER, audience="direction")
    await announce(harness, "Draft VisioCoop", SOONER, send=False)  # never sent
    begun = await announce(harness, "Begun VisioCoop", SOONER)
    async with harness.database.transaction() as session:  # its time come: begun
        announcement = await session.get(Announcement, begun)
        announcement.starts_at = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
        session.add(announcement)
    admin = harness.user(ADMIN_ID, "Sam", "en")
    await admin.send("/announce")
    await admin.press(UPCOMING_EN)
    text = admin.last_text
    assert "Draft VisioCoop" not in text and "Begun VisioCoop" not in text, text
    assert text.index("Direction VisioCoop") < text.index("Late VisioCoop"), text
    assert "Wednesday 2 December 2026 at 14:00" in text and "announcement received by 1 person" in text, text
    assert "announcement received by 2 people" in text, text
    assert admin.buttons()[:2] == ["1. Direction VisioCoop", "2. Late VisioCoop"], admin.buttons()
    await admin.press("2. Late VisioCoop")
    assert "You can still cancel this meeting or change its time" in admin.last_text
    await admin.press("⬅️ Back")
    assert "1. Direction VisioCoop" in admin.last_text, admin.last_text
    await admin.press("⬅️ Back")  # to /announce's first question: a text typed is a new title
    assert "Title of the announcement?" in admin.last_text, admin.last_text
    await admin.send("Third VisioCoop")
    assert "Date and time of the meeting?" in admin.last_text, admin.last_text


async def test_a_meeting_moved_from_the_list_is_listed_at_its_new_time(harness):
    await federation_with_two_people(harness)
    await announce(harness, "VisioCoop", MEETING)
    admin = harness.user(ADMIN_ID, "Alix", "fr")
    await admin.send("/annonce")
    await admin.press(UPCOMING_FR)
    await admin.press("1. VisioCoop")
    await admin.press("🕘 Changer l’horaire")
    await admin.send("10/12 à 14h30")
    await admin.press("Oui, déplacer la réunion")
    assert "La réunion est déplacée\u00a0: 2\u00a0personnes seront prévenues." in admin.last_text
    await admin.send("/annonce")
    await admin.press(UPCOMING_FR)
    assert "jeudi 10 décembre 2026 à 14 h 30" in admin.last_text, admin.last_text


async def test_many_meetings_come_a_page_at_a_time_and_back_returns_to_their_page(harness):
    await federation_with_two_people(harness)
    for day in range(1, 11):  # ten meetings, 1 to 10 December
        await announce(harness, f"VisioCoop {day:02}", datetime(2026, 12, day, 8, 0, tzinfo=UTC))
    admin = harness.user(ADMIN_ID, "Alix", "fr")
    await admin.send("/annonce")
    await admin.press(UPCOMING_FR)
    assert "Page 1/2" in admin.last_text and "VisioCoop 08" in admin.last_text, admin.last_text
    assert "VisioCoop 09" not in admin.last_text
    await admin.press("➡️")
    assert "Page 2/2" in admin.last_text and "VisioCoop 10" in admin.last_text, admin.last_text
    await admin.press("10. VisioCoop 10")
    await admin.press("⬅️ Retour")
    assert "Page 2/2" in admin.last_text, admin.last_text
    assert all(len(data.encode()) <= 64 for data in callback_data(admin.last)), admin.last


def callback_data(message: dict) -> list[str]:
    rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
    return [button["callback_data"] for row in rows for button in row]


async def test_only_a_federation_admin_acts_and_an_old_button_changes_nothing(harness):
    direction, _member = await federation_with_two_people(harness)
    meeting = await announce(harness, "VisioCoop", MEETING)
    former = harness.user(AUTHOR, "Dominique", "fr")
    await former.send("/annonce")
    await former.press(UPCOMING_FR)
    listed = former.last
    async with harness.database.transaction() as session:  # no longer an admin
        await revoke_federation_role(session, AUTHOR, FederationRoleName.ADMIN)
    for label in ("1. VisioCoop", "⬅️ Retour"):
        await former.press(label, listed)
        assert any("administrateurs" in alert for alert in former.alerts), (label, former.alerts)
    for forged in (f"anuo:{meeting}:0", "anu", "anub"):  # by a coop's member
        await direction.press_data(direction.last, forged)
        assert any("administrateurs" in alert for alert in direction.alerts), (forged, direction.alerts)
    assert all("Réunions à venir" not in text for text in direction.texts()), direction.texts()
    admin = harness.user(ADMIN_ID, "Alix", "fr")
    await admin.send("/annonce")
    await admin.press(UPCOMING_FR)
    await admin.press("1. VisioCoop")
    opened = admin.last
    await admin.press("❌ Annuler la réunion")
    await admin.press("Oui, annuler la réunion")
    await admin.press_data(opened, f"anuo:{meeting}:0")  # the list's older button: it says so
    assert "annulée" in admin.last_text.lower(), admin.last_text
    try:
        admin.find_button("Annuler la réunion", admin.last)
    except ButtonNotFound:
        pass
    else:
        raise AssertionError("a cancelled meeting offers to cancel it again")
    await admin.press_data(admin.last, "anuo:987654:0")  # a meeting that is not: nothing changes
    async with harness.database.transaction() as session:
        changed = (
            await session.exec(select(Notification).where(Notification.kind == "meeting_cancelled"))
        ).all()
    assert len(changed) == 2  # told once, to the two people it reached
    assert await status_of(harness, meeting) == AnnouncementStatus.CANCELLED
