"""One message a second in one chat, held by the bot's own sends without losing or delaying any."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.delivery.reminders import sweep_reminders
from models.coops import join_with_invitation
from models.dossier.current import current_dossier
from models.tables import Checkpoint, DossierStatus
from tests.conversations.test_committee_reminders import COMMITTEE_ID, committee_member, coop_at
from tests.conversations.test_reminders_still_due import PARIS
from tests.harness import BotHarness, FakeClock


async def test_two_reminders_of_one_day_reach_their_person_in_the_same_sweep_a_second_apart(tmp_path):
    """A committee member who also directs a coop: its checkpoint and the committee's meeting are both
    a week ahead. The second reminder to the chat is set aside while the others go; at the end of its
    list the sweep waits for its second and sends it, instead of leaving it for the next sweep."""
    clock = FakeClock(datetime(2027, 2, 20, 9, tzinfo=UTC))
    bot = BotHarness(tmp_path, clock=clock, chat_gap=1.0)  # Telegram's second, as in production
    await bot.start()
    try:
        await committee_member(bot, "fr")
        await coop_at(bot, "Coop Attente", DossierStatus.SUBMITTED)  # the meeting of 2 March has a dossier
        invitations = await bot.add_coop("Coop Nord")
        async with bot.database.transaction() as session:
            await join_with_invitation(session, COMMITTEE_ID, invitations.direction_token)
            dossier = await current_dossier(session, invitations.coop.id)
            dossier.status = DossierStatus.ADMISSIBLE
            session.add(dossier)
            session.add(Checkpoint(dossier_id=dossier.id, kind="six_months", due_on=date(2027, 3, 2)))
        clock.now = datetime(2027, 2, 23, 9, 5, tzinfo=PARIS)
        before = len(bot.fake.calls)
        assert await sweep_reminders(bot.application) == 2
        sends = [
            c for c in bot.fake.calls[before:] if c.method == "sendMessage" and c.chat_id == COMMITTEE_ID
        ]
        assert len(sends) == 2 and ["Coop Nord" in c.params["text"] for c in sends].count(True) == 1
        assert sends[1].at - sends[0].at >= 1.0  # Telegram's gap in one chat, from the first's answer
        assert await sweep_reminders(bot.application) == 0
    finally:
        await bot.stop()
