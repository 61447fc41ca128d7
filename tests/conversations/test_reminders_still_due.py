"""A reminder handed over, then held back by a restart: sent only if it still concerns its person."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import delete, select

from bot.delivery.reminders import hand_over_reminders, sweep_reminders
from models.coops import join_with_invitation
from models.dossier.current import current_dossier
from models.label.lifecycle import Role, Transition
from models.label.reminder_queue import forget_unsendable_reminders
from models.label.transitions import apply_transition
from models.tables import Coop, DeliveryStatus, DossierStatus, SentReminder
from models.team import remove_teammate
from models.users import set_language, touch_user
from tests.conversations.test_committee_reminders import committee_member, coop_at
from tests.harness import BotHarness, FakeClock
from tests.submitted_rows import complete_content

PARIS = ZoneInfo("Europe/Paris")
ADMISSIBLE = date(2027, 1, 15)
SIX_MONTHS = date(2027, 7, 15)
DIRECTOR, COLLEAGUE, COMMITTEE_ID = 701, 702, 8000001  # the committee member of test_committee_reminders


async def followed_coop(tmp_path):
    """A coop declared admissible, its direction (French) and a colleague (English) on the team."""
    clock = FakeClock(datetime(2026, 12, 5, 10, tzinfo=UTC))  # its invitations are made on the real clock:
    bot = BotHarness(tmp_path, clock=clock)  # everyone joins before the clock moves on
    await bot.start()
    invitations = await bot.add_coop("Coop Équipe")
    async with bot.database.transaction() as session:
        for user_id, language, token in (
            (DIRECTOR, "fr", invitations.direction_token),
            (COLLEAGUE, "en", invitations.member_token),
        ):
            await touch_user(session, user_id, first_name=f"U{user_id}", telegram_language=language)
            await set_language(session, user_id, language)
            await join_with_invitation(session, user_id, token)
        dossier = await current_dossier(session, invitations.coop.id)
        dossier.status = DossierStatus.SUBMITTED
        await complete_content(session, dossier)
        await apply_transition(
            session, dossier, Transition.DECLARE_ADMISSIBLE, role=Role.COMMITTEE, actor_id=COMMITTEE_ID,
            comment="", on_date=ADMISSIBLE, now=clock(),
        )  # fmt: skip
    return bot, clock, invitations.coop.id


def sent_to(bot, before: int, chat_id: int) -> list[str]:
    """The texts sent to a chat since the call ``before``, without their markup."""
    return [
        re.sub(r"<[^>]+>", "", call.params["text"])
        for call in bot.fake.calls[before:]
        if call.method == "sendMessage" and call.chat_id == chat_id
    ]


async def pending_rows(bot) -> list[SentReminder]:
    """The reminders handed over and not sent."""
    async with bot.database.transaction() as session:
        found = await session.exec(select(SentReminder).where(SentReminder.status == DeliveryStatus.PENDING))
        return list(found.all())


async def test_a_colleague_taken_off_the_team_meanwhile_is_not_reminded_of_its_checkpoint(tmp_path):
    """The 7-day reminders are handed over at 9:01, the bot stops before sending them; meanwhile the
    direction takes the colleague off the team. At the restart only the direction is reminded."""
    bot, clock, coop_id = await followed_coop(tmp_path)
    try:
        clock.now = datetime.combine(SIX_MONTHS - timedelta(days=7), time(9, 1), tzinfo=PARIS)
        await hand_over_reminders(bot.application, clock())
        assert {row.user_id for row in await pending_rows(bot)} == {DIRECTOR, COLLEAGUE}
        async with bot.database.transaction() as session:
            await remove_teammate(session, await session.get(Coop, coop_id), COLLEAGUE, DIRECTOR, clock())
        await bot.restart()
        before = len(bot.fake.calls)
        clock.now += timedelta(minutes=5)
        await sweep_reminders(bot.application)
        assert sent_to(bot, before, COLLEAGUE) == []
        [reminder] = sent_to(bot, before, DIRECTOR)
        assert "Point d’étape à 6 mois — dans 7 jours" in reminder and "Coop Équipe" in reminder, reminder
        # the row left behind is forgotten with those whose date is past, not kept pending for ever
        async with bot.database.transaction() as session:
            assert await forget_unsendable_reminders(session, clock().date()) == 1
        assert await pending_rows(bot) == []
    finally:
        await bot.stop()


@pytest.mark.parametrize(
    "transition, checkpoint",
    [(Transition.RECORD_CHECKPOINT, "six_months"), (Transition.RECORD_VISIT, None)],
    ids=["checkpoint held", "early visit"],
)
async def test_a_checkpoint_held_meanwhile_is_not_reminded(tmp_path, transition, checkpoint):
    """The 1-day reminders are handed over at 9:01 on 14 July; the committee records the 6-month
    checkpoint as held that morning (or the visit, early, which drops it); after the restart nobody
    is told to prepare it for tomorrow: one rule, read when sending."""
    bot, clock, coop_id = await followed_coop(tmp_path)
    try:
        clock.now = datetime.combine(SIX_MONTHS - timedelta(days=1), time(9, 1), tzinfo=PARIS)
        await hand_over_reminders(bot.application, clock())
        assert len(await pending_rows(bot)) == 2
        async with bot.database.transaction() as session:
            dossier = await current_dossier(session, coop_id)
            await apply_transition(
                session, dossier, transition, role=Role.COMMITTEE, actor_id=COMMITTEE_ID,
                comment="Tenu.", on_date=clock().date(), checkpoint=checkpoint, now=clock(),
            )  # fmt: skip
        await bot.restart()
        before = len(bot.fake.calls)
        clock.now += timedelta(minutes=5)
        await sweep_reminders(bot.application)
        assert sent_to(bot, before, DIRECTOR) == [] and sent_to(bot, before, COLLEAGUE) == []
    finally:
        await bot.stop()


async def test_the_committee_is_not_reminded_of_a_meeting_already_begun(tmp_path):
    """The 7-day reminder of the 2 March 2027 meeting went out; the bot was down until 15:00 on the day,
    the meeting having begun at 14:00: no « aujourd’hui » reminder late, the next one is June's."""
    clock = FakeClock(datetime(2027, 2, 23, 9, 5, tzinfo=PARIS))
    bot = BotHarness(tmp_path, clock=clock)
    await bot.start()
    try:
        await committee_member(bot, "fr")
        await coop_at(bot, "Coop Attente", DossierStatus.SUBMITTED)
        await sweep_reminders(bot.application)
        assert "dans 7 jours" in sent_to(bot, 0, COMMITTEE_ID)[-1]
        clock.now = datetime(2027, 3, 2, 13, 55, tzinfo=PARIS)
        before = len(bot.fake.calls)
        await sweep_reminders(bot.application)  # before it starts, it is still told, late
        assert "aujourd’hui" in sent_to(bot, before, COMMITTEE_ID)[-1]
        async with bot.database.transaction() as session:  # as if that sweep had not run
            await session.exec(delete(SentReminder).where(SentReminder.lead_days == 1))
        clock.now = datetime(2027, 3, 2, 15, 0, tzinfo=PARIS)
        before = len(bot.fake.calls)
        await sweep_reminders(bot.application)
        assert sent_to(bot, before, COMMITTEE_ID) == []
    finally:
        await bot.stop()
