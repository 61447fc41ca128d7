"""An announcement goes to whom still wants it when it goes out: its recipients are fixed at confirmation,
but someone who turned announcements off, or was taken off their coop's team, before the job wrote to them
is not written to, nor counted in the author's report; and every announcement says how to stop them."""

from __future__ import annotations

from sqlmodel import select

from bot.delivery.announcements import deliver_announcements
from models.announcements import set_announcements
from models.tables import Announcement, AnnouncementStatus, Delivery
from tests.conftest import ADMIN_ID
from tests.conversations.test_broadcast import approved_announcement
from tests.conversations.test_team import open_team
from tests.dossier_steps import join


async def deliveries_of(harness, announcement_id: int) -> dict[int, str]:
    async with harness.database.transaction() as session:
        rows = await session.exec(select(Delivery).where(Delivery.announcement_id == announcement_id))
        return {row.user_id: row.status.value for row in rows.all()}


def announcements_received(user) -> int:
    return len([text for text in user.texts() if text.startswith("📢")])


async def test_an_announcement_says_how_to_stop_them_in_each_language(harness):
    coop = await harness.add_coop("Coop Visio")
    sam = harness.user(6200001, "Sam", "fr")
    await sam.send(f"/start {coop.member_token}")
    ann = harness.user(6200002, "Ann", "en")
    await ann.send(f"/start {coop.member_token}")
    await approved_announcement(harness.database)
    await deliver_announcements(harness.application)
    assert sam.last_text.endswith("\n\n🔕 Ne plus recevoir ces annonces\u00a0: /parametres"), sam.last_text
    assert ann.last_text.endswith("\n\n🔕 Stop receiving these announcements: /settings"), ann.last_text


async def test_announcements_turned_off_after_the_confirmation_are_not_sent(harness):
    coop = await harness.add_coop("Coop Visio")
    admin = harness.user(ADMIN_ID, "Fédé", "fr")
    await admin.send("/start")
    sam = harness.user(6200003, "Sam", "fr")
    await sam.send(f"/start {coop.member_token}")
    lou = harness.user(6200004, "Lou", "fr")
    await lou.send(f"/start {coop.member_token}")
    announcement_id = await approved_announcement(harness.database)  # both among its recipients
    async with harness.database.transaction() as session:  # as « 🔕 » does, before the job runs
        await set_announcements(session, sam.id, False)
    await deliver_announcements(harness.application)
    assert (announcements_received(sam), announcements_received(lou)) == (0, 1)
    # settled: not pending any more (never retried), the broadcast finished, counted nowhere
    assert await deliveries_of(harness, announcement_id) == {lou.id: "sent"}
    async with harness.database.transaction() as session:
        assert (await session.get(Announcement, announcement_id)).status == AnnouncementStatus.DONE
    assert "Distribuées\u00a0: 1" in admin.last_text and "En échec\u00a0: 0" in admin.last_text
    await deliver_announcements(harness.application)
    assert announcements_received(sam) == 0


async def test_someone_taken_off_the_team_after_the_confirmation_is_not_sent_it(harness):
    cam = await join(harness, 6200005, "fr", "Coop Visio")
    bob = harness.user(6200006, "Bob", "fr")
    await bob.send(f"/start {cam.invitations.member_token}")
    announcement_id = await approved_announcement(harness.database)
    await open_team(cam)
    await cam.press("➖ 2. Bob")
    await cam.press("🗑 Oui, retirer de l’équipe")
    await harness.run_background()
    assert (announcements_received(cam), announcements_received(bob)) == (1, 0)
    assert await deliveries_of(harness, announcement_id) == {cam.id: "sent"}
