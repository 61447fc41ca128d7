"""/mesdonnees names each reminder by what it was: a VisioCoop meeting's (its title, its Paris day: a
meeting at 0 h 30 in Paris is 23 h 30 UTC the day before), a consultation's before it closes (its
question), never « Point d’étape à 6 mois », the name of another kind of event."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.delivery.announcements import deliver_announcements
from bot.delivery.consultations import remind_consultations
from bot.delivery.reminders import remind_attendees
from models.announcements import approve, create_announcement, update_announcement
from tests.conftest import ADMIN_ID
from tests.conversations.test_consultations import prepare_default
from tests.conversations.test_personal_data import document_content
from tests.dossier_steps import join

MEETING = datetime(2026, 12, 8, 23, 30, tzinfo=UTC)  # Wednesday 9 December 2026 at 0 h 30 in Paris


def reminders_block(harness, user, title: str = "Rappels") -> str:
    """The readable file's part on the reminders sent."""
    readable = document_content(harness, [m for m in user.replies if "document" in m][-1]).decode()
    return readable[readable.index(title) :][:900]


async def test_a_meeting_reminder_is_named_as_the_meeting_on_its_paris_day(world):
    harness, clock = world
    camille = await join(harness, 7301, "fr", "Coop Minuit")
    async with harness.database.transaction() as session:
        announcement = await create_announcement(session, ADMIN_ID, "VisioCoop de minuit")
        await update_announcement(session, announcement, "starts_at", MEETING)
        await update_announcement(session, announcement, "video_link", "https://visio.example.org/rdv")
        await approve(session, announcement, ADMIN_ID, now=clock())
    await deliver_announcements(harness.application)
    await camille.press("Je participe")
    clock.now = MEETING - timedelta(minutes=55)
    assert await remind_attendees(harness.application) == 1
    await camille.send("/mesdonnees")
    block = reminders_block(harness, camille)
    assert "Type\u00a0: Réunion VisioCoop" in block and "VisioCoop de minuit" in block, block
    assert "Prévu le\u00a0: 9 décembre 2026" in block, block
    assert "Point d’étape" not in block and "Jours avant" not in block, block


async def test_a_consultation_reminder_is_named_with_its_question(world):
    harness, clock = world
    director = await join(harness, 7302, "en", "Coop Sondage")
    bob = harness.user(7303, "Bob", "en")
    await bob.send(f"/start {director.invitations.member_token}")
    clock.advance(minutes=5)
    await prepare_default(director, "15/12/2026")
    clock.now = datetime(2026, 12, 13, 9, 0, tzinfo=UTC)
    assert await remind_consultations(harness.application) == 1  # Bob (who opened it is not reminded)
    await bob.send("/mydata")
    block = reminders_block(harness, bob, "Reminders")
    assert "Consultation, before it closes" in block and "checkpoint" not in block, block
    assert "Coop Sondage" in block, block
