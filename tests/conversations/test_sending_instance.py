"""What only the instance holding the sending lease writes, so that two instances never do it twice."""

from __future__ import annotations

import pytest
from sqlmodel import select

from bot.delivery.consultations import remind_consultations
from bot.delivery.pipeline import SendingPaused
from models.consultations.reach import INVITATION
from models.tables import Notification
from tests.conversations.test_consultations import prepare_default
from tests.dossier_steps import join
from tests.harness import BotHarness


async def invitations_to(harness: BotHarness, user_id: int) -> int:
    """How many consultation invitations the outbox holds for a person."""
    async with harness.database.transaction() as session:
        rows = await session.exec(
            select(Notification).where(Notification.kind == INVITATION, Notification.user_id == user_id)
        )
        return len(rows.all())


async def test_a_newcomer_is_invited_to_a_running_consultation_by_the_sending_instance_only(world, tmp_path):
    """A colleague joins while a consultation runs. The other instance's sweep began while it held the
    lease, which went meanwhile: it writes no invitation (two instances reading at once would write
    one each, and the newcomer get the invitation twice); the instance that sends writes the one."""
    harness, clock = world
    director = await join(harness, 5901, "en", "Coop Deux")
    clock.advance(minutes=5)
    await prepare_default(director, "15/12/2026", link=False)
    await harness.run_background()
    clock.advance(days=1)
    late = harness.user(5902, "Noa", "en")
    await late.send(f"/start {director.invitations.member_token}")
    (tmp_path / "other").mkdir()
    other = BotHarness(tmp_path / "other", clock=clock, database_url=harness.database_url)
    await other.start()  # the first instance sends: this one answers only
    try:
        with pytest.raises(SendingPaused):
            await remind_consultations(other.application)
        assert await invitations_to(harness, late.id) == 0
    finally:
        await other.stop()
    await remind_consultations(harness.application)
    assert await invitations_to(harness, late.id) == 1
