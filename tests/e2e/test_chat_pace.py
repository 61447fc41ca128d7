"""Telegram's two limits, the real processes sending and the fake Bot API measuring when each message
arrives: one message a second in one chat (a member who gets a broadcast and two committee decisions at
the same time gets them a second apart, two instances on one SQLite file), and 30 a second for the
bot (an instance alone broadcasting while people write to it: its answers and the broadcast together)."""

from __future__ import annotations

import asyncio
from collections import Counter

import pytest

from models.clock import utcnow
from models.coops import create_coop
from models.db import Database
from models.outbox import enqueue
from models.tables import Member, User
from tests.databases import database_url
from tests.e2e.processes import healthy, post_update, start_bot, wait_until, webhook_env
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


async def seed(url: str, members=MEMBERS, decisions: bool = True) -> None:
    """Members of one coop, a broadcast confirmed to them and two decisions each in the outbox."""
    database = Database(url)
    await database.upgrade()
    async with database.transaction() as session:
        session.add(User(id=AUTHOR, first_name="A", telegram_language="fr"))
        coop = await create_coop(session, "Coop")
        session.add_all(
            User(id=member, first_name=f"P{member}", telegram_language="fr") for member in members
        )
        await session.flush()
        session.add_all(Member(user_id=member, coop_id=coop.id) for member in members)
        await session.flush()
        assert await confirmed_broadcast(session, AUTHOR, utcnow()) == len(members)
        if decisions:
            await enqueue(session, members, "decision", DECISION)
            await enqueue(session, members, "decision", {**DECISION, "comment": "Encore"})
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


CROWD = range(200_000, 200_180)
WRITING = (800, 801, 802)


async def test_an_instance_alone_broadcasting_while_people_write_stays_within_30_a_second(server, tmp_path):
    """Three people typing /aide every 0.7 s to the only instance while it broadcasts to 180 members:
    the broadcast fills the second, their answers come on top of it. At most 30 sends in any second all
    the same: the answers go first, the broadcast waits for the room they leave."""
    api, fake = server
    url = database_url(tmp_path)
    await seed(url, CROWD, decisions=False)
    env = webhook_env(api, url, QUALICOOP_ADMIN_IDS=str(AUTHOR))
    port = int(env["QUALICOOP_WEB_PORT"])
    bot = await start_bot(env, tmp_path, "--webhook")
    try:
        await wait_until(lambda: healthy(port), timeout=60, what="the instance")
        await wait_until(lambda: sum(received(fake)[m] for m in CROWD) >= 30, timeout=60, what="broadcast")

        async def writes(person: int) -> None:
            for _ in range(6):
                user = {"id": person, "is_bot": False, "first_name": f"P{person}", "language_code": "fr"}
                assert await post_update(port, fake.user_text(user, "/aide")) == 200
                await asyncio.sleep(0.7)

        await asyncio.gather(*(writes(person) for person in WRITING))
        await wait_until(lambda: all(received(fake)[m] for m in CROWD), timeout=60, what="the broadcast")
        await wait_until(lambda: all(received(fake)[p] >= 6 for p in WRITING), timeout=20, what="answers")
    finally:
        await bot.stop()
    assert all(received(fake)[member] == 1 for member in CROWD)
    assert fake.max_sends_in_window(1.0) <= 30
