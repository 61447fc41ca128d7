"""The committee's meeting reminder counts every dossier waiting for its decision, and a reminder says
« sent late » only when an earlier one of the same event went out (the assistant really was away)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.delivery.reminders import sweep_reminders
from models.coops import join_with_invitation
from models.dossier.current import current_dossier
from models.label.lifecycle import Role, Transition
from models.label.transitions import apply_transition
from models.tables import Checkpoint, CheckpointKind, DossierStatus, FederationRoleName
from models.users import grant_federation_role, set_language, touch_user
from tests.harness import BotHarness, FakeClock
from tests.submitted_rows import complete_content

PARIS = ZoneInfo("Europe/Paris")
COMMITTEE_ID = 8000001


async def committee_member(bot, language: str) -> None:
    async with bot.database.transaction() as session:
        await grant_federation_role(session, COMMITTEE_ID, FederationRoleName.COMMITTEE)
        await touch_user(session, COMMITTEE_ID, first_name="Claude", telegram_language=language)
        await set_language(session, COMMITTEE_ID, language)


async def coop_at(bot, name: str, status: DossierStatus, checkpoint: date | None = None) -> None:
    """A coop whose dossier stands at ``status``, with a step not recorded due on ``checkpoint``."""
    invitations = await bot.add_coop(name)
    async with bot.database.transaction() as session:
        dossier = await current_dossier(session, invitations.coop.id)
        dossier.status = status
        session.add(dossier)
        if checkpoint is not None:
            kind = CheckpointKind.MID_TERM if status == DossierStatus.LABELLED else CheckpointKind.SIX_MONTHS
            session.add(Checkpoint(dossier_id=dossier.id, kind=kind.value, due_on=checkpoint))


async def sweep_days(
    bot, clock, first: date, last: date, user_id: int = COMMITTEE_ID
) -> list[tuple[date, str]]:
    """Sweep every morning at 9:05 from ``first`` to ``last``: what ``user_id`` received, by day."""
    received = []
    day = first
    while day <= last:
        clock.now = datetime.combine(day, time(9, 5), tzinfo=PARIS)
        before = len(bot.fake.calls)
        await sweep_reminders(bot.application)
        received += [
            (day, re.sub(r"<[^>]+>", "", call.params["text"]))
            for call in bot.fake.calls[before:]
            if call.method == "sendMessage" and call.chat_id == user_id
        ]
        day += timedelta(days=1)
    return received


async def test_the_meeting_reminder_counts_every_dossier_waiting_for_a_decision(tmp_path):
    clock = FakeClock(datetime(2027, 1, 20, 9, tzinfo=UTC))
    bot = BotHarness(tmp_path, clock=clock)
    await bot.start()
    try:
        await committee_member(bot, "en")
        meeting = date(2027, 3, 2)  # the first Tuesday of March
        await coop_at(bot, "Coop Visitée", DossierStatus.VISITED)  # the label to decide
        await coop_at(bot, "Coop Mi", DossierStatus.LABELLED, date(2027, 2, 15))  # the mid-term due before
        await coop_at(bot, "Coop Loin", DossierStatus.ADMISSIBLE, date(2027, 5, 1))  # due after: not yet
        await coop_at(bot, "Coop Compléments", DossierStatus.INFO_REQUESTED)  # waits for its coop
        sent = await sweep_days(bot, clock, date(2027, 1, 20), meeting)
        assert [day for day, _ in sent] == [date(2027, 1, 31), date(2027, 2, 23), date(2027, 3, 1)]
        assert all("2 dossiers are waiting for a decision." in text for _, text in sent)
    finally:
        await bot.stop()


async def test_a_dossier_submitted_8_days_before_the_meeting_is_announced_on_time(tmp_path):
    clock = FakeClock(datetime(2026, 11, 1, 9, tzinfo=UTC))
    bot = BotHarness(tmp_path, clock=clock)
    await bot.start()
    try:
        await committee_member(bot, "fr")
        meeting = date(2026, 12, 1)
        assert await sweep_days(bot, clock, date(2026, 11, 1), date(2026, 11, 22)) == []  # nothing waits
        clock.now = datetime(2026, 11, 23, 15, tzinfo=PARIS)
        await coop_at(bot, "Coop Horizon", DossierStatus.SUBMITTED)
        sent = await sweep_days(bot, clock, date(2026, 11, 24), meeting)
        assert [day for day, _ in sent] == [date(2026, 11, 24), date(2026, 11, 30)]
        first = sent[0][1]
        assert first.startswith(
            "⏰ Réunion du comité de validation — dans 7 jours\u00a0: mardi 1er décembre 2026"
        )
        assert "retard" not in first  # the 30-day reminder had nothing to announce: nobody was late
    finally:
        await bot.stop()


async def test_a_backdated_admissibility_is_not_announced_as_late(tmp_path):
    clock = FakeClock(datetime(2026, 11, 23, 15, tzinfo=PARIS))
    bot = BotHarness(tmp_path, clock=clock)
    await bot.start()
    try:
        invitations = await bot.add_coop("Coop Tardive")
        async with bot.database.transaction() as session:
            await touch_user(session, 801, first_name="Léa", telegram_language="fr")
            await set_language(session, 801, "fr")
            await join_with_invitation(session, 801, invitations.member_token, now=clock())
            dossier = await current_dossier(session, invitations.coop.id)
            dossier.status = DossierStatus.SUBMITTED
            dossier.submitted_at = datetime(2026, 5, 1, 10, tzinfo=UTC)
            await complete_content(session, dossier)
            # recorded today, dated six months back less three days: the 6-month checkpoint is in 3 days
            await apply_transition(
                session, dossier, Transition.DECLARE_ADMISSIBLE, role=Role.COMMITTEE, actor_id=COMMITTEE_ID,
                comment="", on_date=date(2026, 5, 26), now=clock(),
            )  # fmt: skip
        sent = await sweep_days(bot, clock, date(2026, 11, 24), date(2026, 11, 26), user_id=801)
        assert [day for day, _ in sent] == [date(2026, 11, 24), date(2026, 11, 25)]
        assert sent[0][1].startswith("⏰ Point d’étape à 6 mois — dans 2 jours\u00a0: jeudi 26 novembre 2026")
        assert all("retard" not in text for _, text in sent)
    finally:
        await bot.stop()
