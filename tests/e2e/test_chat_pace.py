"""Telegram takes one message a second in one chat: a member who gets a broadcast and two committee
decisions at the same time gets them a second apart, the real processes sending (two instances on
one SQLite file, the fake Bot API measuring when each message arrives)."""

from __future__ import annotations

from collections import Counter

import pytest

from models.clock import utcnow
from models.coops import create_coop
from models.db import Database
from models.outbox import enqueue
from models.tables import Member, User
from tests.databases import database_url
from tests.e2e.processes import healthy, start_bot, wait_until, webhook_env
from tests.fakes.botapi_server import FakeBotApiServer
from tests.fakes.telegram import FakeTelegram
from tests.sends import confirmed_broadcast

AUTHOR = 9100
MEMBERS = range(100_000, 100_004)
DECISION = {"transition": "grant_label", "date": "2028-06-03", "cycle": 1, "comment": "Bravo"}


@pytest.fixture
async def server():
    fake = FakeTelegram(bot_username="QualiCoopE2EBot")
    api = FakeBotApiServer(fake)
    await api.start()
    yield api, fake
    await api.stop()


async def seed(url: str) -> None:
    """Four members of one coop, a broadcast confirmed to them and two decisions each in the outbox."""
    database = Database(url)
    await database.upgrade()
    async with database.transaction() as session:
        session.add(User(id=AUTHOR, first_name="A", telegram_language="fr"))
        coop = await create_coop(session, "Coop")
        session.add_all(
            User(id=member, first_name=f"P{member}", telegram_language="fr") for member in MEMBERS
        )
        await session.flush()
        session.add_all(Member(user_id=member, coop_id=coop.id) for member in MEMBERS)
        await session.flush()
        assert await confirmed_broadcast(session, AUTHOR, utcnow()) == len(MEMBERS)
        await enqueue(session, MEMBERS, "decision", DECISION)
        await enqueue(session, MEMBERS, "decision", {**DECISION, "comment": "Encore"})
    await database.dispose()


def received(fake: FakeTelegram) -> Counter:
    """How many messages each chat received."""
    return Counter(call.chat_id for call in fake.calls if call.method.startswith("send") and call.ok)


async def test_a_member_gets_the_bots_messages_one_second_apart(server, tmp_path):
    api, fake = server
    url = database_url(tmp_path)
    await seed(url)
    envs = [webhook_env(api, url, QUALICOOP_ADMIN_IDS=str(AUTHOR)) for _ in range(2)]
    bots = [await start_bot(env, tmp_path, "--webhook") for env in envs]
    try:
        for env in envs:
            await wait_until(lambda port=int(env["QUALICOOP_WEB_PORT"]): healthy(port), timeout=60)
        await wait_until(lambda: all(received(fake)[m] >= 3 for m in MEMBERS), timeout=60, what="sends")
    finally:
        for bot in bots:
            await bot.stop()
    assert {received(fake)[member] for member in MEMBERS} == {3}
    assert all(fake.sends_per_chat_min_gap(member) >= 1.0 for member in MEMBERS)
