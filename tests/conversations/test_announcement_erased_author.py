"""An admin who sent a VisioCoop announcement and erased their data while it went out: the members
still get it, and its final report goes to nobody (a former member reads nothing), never to the former
member's negative id, which Telegram takes for a group's."""

from __future__ import annotations

from sqlmodel import select

from models.tables import Announcement, AnnouncementStatus, FederationRoleName, Notification
from models.users import grant_federation_role

ADMIN = 7100001


async def test_the_report_of_an_author_erased_meanwhile_goes_to_nobody(harness):
    coop = await harness.add_coop("Coop Visio", region="Bretagne")
    camille = harness.user(7100002, "Camille", "fr")
    await camille.send(f"/start {coop.direction_token}")
    async with harness.database.transaction() as session:
        await grant_federation_role(session, ADMIN, FederationRoleName.ADMIN)
    admin = harness.user(ADMIN, "Fédé", "fr")
    await admin.send("/annonce")
    for answer in ("VisioCoop : la Raison d’être", "mercredi 9 décembre 9h", "https://visio.example.org/rdv"):
        await admin.send(answer)
    await admin.send("Une heure pour en parler.")
    await admin.press("Tout le monde")
    await admin.press("📤 Envoyer à 1 personne")
    await admin.send("/supprimer")
    await admin.press("🗑 Oui, effacer mes données")
    assert "Vos données personnelles sont effacées" in admin.last_text
    first_call = len(harness.fake.calls)
    await harness.run_background()  # the announcement goes out and is done
    await harness.run_background()  # the outbox: the report, had it been queued
    assert any(text.startswith("📢 VisioCoop : la Raison d’être") for text in camille.texts())
    async with harness.database.transaction() as session:
        (announcement,) = (await session.exec(select(Announcement))).all()
        kinds = (await session.exec(select(Notification.kind, Notification.user_id))).all()
    assert announcement.status == AnnouncementStatus.DONE and announcement.created_by < 0
    assert [(kind, user_id) for kind, user_id in kinds if kind == "announcement_report" or user_id < 0] == []
    elsewhere = [c for c in harness.fake.calls[first_call:] if c.chat_id not in (camille.id, None)]
    assert [(c.method, c.chat_id) for c in elsewhere] == []
