"""A meeting's « Oui » confirmation overtaken by events says what happened and leads on.

Two admins: one sits on « Déplacer cette réunion ? » (or « Annuler cette réunion ? ») while the other
cancels or moves the same meeting, or the meeting simply begins. Pressing « Oui » then says the meeting
was cancelled, moved or has begun meanwhile, that nothing was changed, and shows the meeting's screen.
Before: a bare « Ce menu n'est plus à jour » pop-up redrew the same confirmation with the same dead
« Oui » (still promising to tell people), every press adding a copy; typing got « Choisissez avec les
boutons » and the dead confirmation again.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from bot.delivery.announcements import deliver_announcements
from bot.delivery.notifications import deliver_notifications
from models.announcements import approve, create_announcement, update_announcement
from models.tables import Announcement, FederationRoleName
from models.users import grant_federation_role
from tests.conftest import ADMIN_ID
from tests.harness import BotHarness, FakeClock

MEETING = datetime(2026, 12, 9, 8, 0, tzinfo=UTC)  # Wednesday 9 December 2026, 9:00 in Paris
COLLEAGUE = 9902


async def sent_meeting(tmp_path):
    """A meeting announced to a coop's direction; two federation admins, both in French."""
    clock = FakeClock(datetime(2026, 12, 1, 10, tzinfo=UTC))
    bot = BotHarness(tmp_path, admin_ids=(ADMIN_ID,), clock=clock)
    await bot.start()
    admin, colleague = bot.user(ADMIN_ID, "Dominique", "fr"), bot.user(COLLEAGUE, "Alex", "fr")
    async with bot.database.transaction() as session:
        await grant_federation_role(session, COLLEAGUE, FederationRoleName.ADMIN)
    await admin.send("/start")
    await colleague.send("/start")
    coop = await bot.add_coop("Coop des Lilas")
    await bot.user(2001, "Claude", "fr").send(f"/start {coop.direction_token}")
    async with bot.database.transaction() as session:
        announcement = await create_announcement(session, ADMIN_ID, "VisioCoop")
        await update_announcement(session, announcement, "starts_at", MEETING)
        await approve(session, announcement, ADMIN_ID, now=clock())
    await deliver_announcements(bot.application)
    await deliver_notifications(bot.application)
    return bot, clock, admin, colleague


async def open_from_list(person) -> None:
    """/annonce → « 📅 Réunions à venir » → the meeting."""
    await person.send("/annonce")
    await person.press("📅")
    await person.press("1.")


async def status(bot) -> tuple[str, datetime]:
    async with bot.database.transaction() as session:
        announcement = (await session.exec(select(Announcement))).one()
        return announcement.status, announcement.starts_at.replace(tzinfo=UTC)


def no_dead_yes(person) -> None:
    """The screen shown has no confirmation's « Oui » any more, nor its promise to tell anyone."""
    assert not any(label.startswith(("🕘 Oui", "❌ Oui")) for label in person.buttons()), person.last_text
    assert "sera prévenue" not in person.last_text, person.last_text


async def test_a_move_confirmed_after_a_colleague_cancelled_says_so(tmp_path):
    bot, _clock, admin, colleague = await sent_meeting(tmp_path)
    try:
        await open_from_list(colleague)
        await colleague.press("🕘")
        await colleague.send("jeudi 10 décembre 14h")
        assert "Déplacer cette réunion" in colleague.last_text
        await admin.press("❌")
        await admin.press("Oui, annuler")
        await colleague.press("Oui, déplacer")
        said = colleague.last_text
        assert "annulée entre-temps" in said and "rien n’a été changé" in said, said
        assert "❌ Annulée" in said, said  # the meeting's screen (the list's: its page kept)
        assert "⬅️ Retour" in colleague.buttons()
        no_dead_yes(colleague)
        await colleague.send("jeudi 10h")  # typed on the confirmation's saved position
        no_dead_yes(colleague)
        assert (await status(bot)) == ("cancelled", MEETING)
    finally:
        await bot.stop()


@pytest.mark.parametrize(
    ("asked", "confirmed"),
    [(("❌",), "Oui, annuler"), (("🕘", "jeudi 10 décembre 14h"), "Oui, déplacer")],
    ids=["cancel", "move"],
)
async def test_a_change_confirmed_after_the_meeting_began_says_so(tmp_path, asked, confirmed):
    bot, clock, admin, _colleague = await sent_meeting(tmp_path)
    try:
        await admin.press(asked[0])
        for typed in asked[1:]:
            await admin.send(typed)
        clock.now = MEETING + timedelta(minutes=2)
        await admin.press(confirmed)
        said = admin.last_text
        assert "a commencé" in said and "rien n’a été changé" in said, said
        no_dead_yes(admin)
        assert (await status(bot)) == ("done", MEETING)
    finally:
        await bot.stop()


async def test_a_cancel_confirmed_after_a_colleague_moved_it_says_where_it_went(tmp_path):
    bot, _clock, admin, colleague = await sent_meeting(tmp_path)
    try:
        await admin.press("❌")
        await open_from_list(colleague)
        await colleague.press("🕘")
        await colleague.send("jeudi 10 décembre 14h")
        await colleague.press("Oui, déplacer")
        await admin.press("Oui, annuler")
        said = admin.last_text
        assert "déplacée entre-temps" in said and "jeudi 10 décembre 2026 à 14 h 00" in said, said
        assert "rien n’a été changé" in said, said
        assert "❌ Annuler la réunion" in admin.buttons()  # still ahead: the admin may cancel it now
        assert (await status(bot))[0] == "done"
    finally:
        await bot.stop()
