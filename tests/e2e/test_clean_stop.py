"""A clean stop (SIGTERM, Ctrl-C) in the middle of a broadcast, on the real process and the fake Bot API.

The process ends after the send in flight, within a second or two, not once the whole broadcast is
sent; what it had not sent stays pending in the database (nothing left « sending », nothing settled
as uncertain), and the next start sends the rest: every member gets the announcement exactly once.
With two instances (PostgreSQL only), the other one takes the sending over at its next heartbeat.
"""

from __future__ import annotations

import asyncio
import signal
import time
from collections import Counter

import pytest
from sqlmodel import select

from models.clock import utcnow
from models.coops import create_coop
from models.db import Database
from models.tables import Delivery, DeliveryStatus, Member, User
from tests.databases import database_url, needs_postgres
from tests.e2e.processes import bot_env, healthy, start_bot, wait_until, webhook_env
from tests.e2e.test_instances import sender_pid
from tests.fakes import FakeBotApiServer, FakeTelegram
from tests.sends import confirmed_broadcast

AUTHOR = 9100
MEMBERS = range(100_000, 100_300)  # some 10 s of sends at Telegram's pace
REPORT = "Annonce envoyée"


@pytest.fixture
async def server():
    fake = FakeTelegram(bot_username="QualiCoopStopBot")
    api = FakeBotApiServer(fake)
    await api.start()
    yield api, fake
    await api.stop()


async def seed(url: str) -> None:
    """A coop of 300 members, and an announcement its author confirmed to all of them."""
    database = Database(url)
    await database.upgrade()  # a SQLite file starts empty
    async with database.transaction() as session:
        session.add(User(id=AUTHOR, first_name="Auteur", telegram_language="fr"))
        coop = await create_coop(session, "Coop Nombreuse")
        for user_id in MEMBERS:
            session.add(User(id=user_id, first_name=f"P{user_id}", telegram_language="fr"))
        await session.flush()  # the people before their memberships
        for user_id in MEMBERS:
            session.add(Member(user_id=user_id, coop_id=coop.id))
        await session.flush()
        assert await confirmed_broadcast(session, AUTHOR, utcnow()) == len(MEMBERS)
    await database.dispose()


def received(fake: FakeTelegram) -> Counter:
    """Messages Telegram accepted, per chat."""
    return Counter(c.chat_id for c in fake.calls if c.method == "sendMessage" and c.ok)


def reports(fake: FakeTelegram) -> list[str]:
    """The broadcast reports the author received."""
    return [
        c.params["text"] for c in fake.calls if c.ok and c.chat_id == AUTHOR and REPORT in c.params["text"]
    ]


async def deliveries(url: str) -> Counter:
    """The broadcast's deliveries by status."""
    database = Database(url)
    async with database.transaction() as session:
        rows = (await session.exec(select(Delivery.status))).all()
    await database.dispose()
    return Counter(DeliveryStatus(status) for status in rows)


async def test_sigterm_mid_broadcast_stops_at_once_and_the_next_start_sends_the_rest(server, tmp_path):
    api, fake = server
    url = database_url(tmp_path, "stop")
    await seed(url)
    env = bot_env(api, url, QUALICOOP_ADMIN_IDS=str(AUTHOR))
    bot = await start_bot(env, tmp_path)
    try:
        await wait_until(lambda: sum(received(fake).values()) >= 60, timeout=60, what="the broadcast")
        before, asked = sum(received(fake).values()), time.monotonic()
        bot.process.send_signal(signal.SIGTERM)
        await asyncio.wait_for(bot.process.wait(), 20)
        took = time.monotonic() - asked
        output = await bot.stop()
    finally:
        await bot.stop(signal.SIGKILL)
    after = sum(received(fake).values()) - before
    assert bot.returncode == 0, output[-2000:]
    assert "delivery run stopped: stopping; the rest waits" in output, output[-2000:]
    assert took < 4, f"stopped after {took:.1f} s and {after} more sends"  # before: the whole broadcast
    assert after <= 3  # the send in flight, give or take the moment the signal is seen
    left = await deliveries(url)
    assert left[DeliveryStatus.SENDING] == left[DeliveryStatus.UNCERTAIN] == 0, left
    assert left[DeliveryStatus.PENDING] >= len(MEMBERS) - before - after - 1 > 100, left
    assert not reports(fake)  # not finished: no report yet

    again = await start_bot(env, tmp_path)
    try:
        await wait_until(lambda: reports(fake), timeout=60, what="the rest of the broadcast")
    finally:
        output = await again.stop()
    assert again.returncode == 0, output[-2000:]
    counts = received(fake)
    assert {counts[user_id] for user_id in MEMBERS} == {1}  # every member exactly once
    [report] = reports(fake)
    assert "Distribuées\u00a0: 300" in report and "Interrompus" not in report, report
    assert await deliveries(url) == Counter({DeliveryStatus.SENT: len(MEMBERS)})


@needs_postgres
async def test_the_other_instance_takes_over_at_once_when_the_sender_stops(server, tmp_path):
    api, fake = server
    url = database_url(tmp_path, "takeover")
    await seed(url)
    # a long lease: waiting for it to expire would take half a minute; the stopped one hands it over
    envs = [
        webhook_env(api, url, QUALICOOP_ADMIN_IDS=str(AUTHOR), QUALICOOP_LEASE_SECONDS="30") for _ in "ab"
    ]
    bots = [await start_bot(env, tmp_path, "--webhook") for env in envs]
    try:
        for env in envs:
            port = int(env["QUALICOOP_WEB_PORT"])
            await wait_until(lambda port=port: healthy(port), timeout=60, what="the instances")
        await wait_until(lambda: sum(received(fake).values()) >= 60, timeout=60, what="the broadcast")
        holder = await sender_pid(url)
        sender = next(bot for bot in bots if bot.pid == holder)
        sender.process.send_signal(signal.SIGTERM)
        await asyncio.wait_for(sender.process.wait(), 10)
        stopped_at, asked = sum(received(fake).values()), time.monotonic()
        await wait_until(lambda: sum(received(fake).values()) > stopped_at, timeout=15, what="the takeover")
        assert time.monotonic() - asked < 12  # a heartbeat and a delivery run, not the lease's 30 s
        await wait_until(lambda: reports(fake), timeout=60, what="the rest of the broadcast")
    finally:
        outputs = [await bot.stop() for bot in bots]
    assert [bot.returncode for bot in bots] == [0, 0], "\n".join(output[-1500:] for output in outputs)
    counts = received(fake)
    assert {counts[user_id] for user_id in MEMBERS} == {1}  # every member exactly once
    assert await deliveries(url) == Counter({DeliveryStatus.SENT: len(MEMBERS)})
