"""A group's update through the webhook is neither recorded nor kept: its sender, maybe a member of the
group who never wrote to the bot, leaves no trace (« nothing is read nor written », ui.middleware.outside)."""

from __future__ import annotations

from sqlmodel import select

from models.tables import ReceivedUpdate, UnhandledUpdate, User
from tests.conversations.test_groups_and_inline_presses import _in_group


async def test_a_group_command_through_the_webhook_leaves_no_person_behind(harness):
    stranger = harness.user(1593, first_name="Nobody", language_code="fr")
    harness.through_webhook = lambda: True
    await harness.deliver(-100123, _in_group(harness, stranger.tg, "/aide@qualicoop_test_bot"))
    async with harness.database.transaction() as session:
        assert (await session.exec(select(ReceivedUpdate.sender))).all() == []
        assert (await session.exec(select(UnhandledUpdate.update_id))).all() == []
        assert (await session.exec(select(User.id).where(User.id == 1593))).all() == []
    assert any("conversation privée" in call.params.get("text", "") for call in harness.fake.calls), [
        call.params.get("text", "")[:60] for call in harness.fake.calls
    ]
