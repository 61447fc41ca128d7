"""Several instances of the real process on one PostgreSQL database, Telegram being the fake Bot API.

Two instances in webhook mode share a broadcast to 400 members, 80 notifications and 60 meeting
reminders (18 s at Telegram's pace, when the machine keeps up): every message reaches its recipient
once, the author's report once, and no second holds more than 30 sends (the fake server measures). One of them killed mid-way: the other finishes once
the lease has expired, and what was in flight is reported as uncertain, never sent twice. Three
starting at once on an empty database all come up. (PostgreSQL only: the second run of .ci/run.)
"""

from __future__ import annotations

import asyncio
import os
import signal
from collections import Counter

import pytest
from sqlmodel import func, select

from models.clock import utcnow
from models.coops import create_coop
from models.db import Database
from models.migrations import LATEST_VERSION
from models.operations.instances import SENDING, lease_holder
from models.outbox import enqueue
from models.tables import (
    Delivery,
    DeliveryStatus,
    Instance,
    Member,
    Notification,
    User,
)
from tests.databases import database_url, needs_postgres
from tests.e2e.processes import healthy, post_update, start_bot, wait_until, webhook_env
from tests.fakes import FakeBotApiServer, FakeTelegram
from tests.sends import confirmed_broadcast, meeting_within_the_hour

pytestmark = needs_postgres

AUTHOR = 9100
MEMBERS = range(100_000, 100_400)
NOTIFIED = range(200_000, 200_080)
ATTENDING = range(300_000, 300_060)
VISITORS = range(400_000, 400_010)
DECISION = {"transition": "grant_label", "date": "2028-06-03", "cycle": 1, "comment": "Bravo"}
REPORT = "Annonce envoyée"


@pytest.fixture
async def server():
    fake = FakeTelegram(bot_username="QualiCoopE2EBot")
    api = FakeBotApiServer(fake)
    await api.start()
    yield api, fake
    await api.stop()


def person(session, user_id: int) -> None:
    session.add(User(id=user_id, first_name=f"P{user_id}", telegram_language="fr"))


async def seed(url: str, members: range, notified: range, attending: range) -> None:
    """A broadcast confirmed to every member, decisions in the outbox, a meeting within the hour."""
    database = Database(url)
    now = utcnow()
    async with database.transaction() as session:
        person(session, AUTHOR)
        coop = await create_coop(session, "Coop Nombreuse")
        for user_id in members:
            person(session, user_id)
        await session.flush()  # the people before their memberships (no ORM relationship orders them)
        for user_id in members:
            session.add(Member(user_id=user_id, coop_id=coop.id))
        await session.flush()
        assert await confirmed_broadcast(session, AUTHOR, now) == len(members)
        for user_id in [*notified, *attending]:
            person(session, user_id)
        await session.flush()
        for user_id in attending:  # reminded as members of a coop the meeting's announcement reaches
            session.add(Member(user_id=user_id, coop_id=coop.id))
        await enqueue(session, notified, "decision", DECISION)
        await meeting_within_the_hour(session, AUTHOR, attending, now)
    await database.dispose()


def received(fake: FakeTelegram) -> Counter:
    """Messages Telegram accepted, per chat."""
    return Counter(c.chat_id for c in fake.calls if c.method == "sendMessage" and c.ok)


def everyone_reached(fake: FakeTelegram, everyone: list[int]) -> bool:
    """Whether each of ``everyone`` has received a message (the calls counted once, not once each)."""
    counts = received(fake)
    return all(counts[u] for u in everyone)


def reports(fake: FakeTelegram) -> list[str]:
    """The broadcast reports the author received."""
    return [
        c.params["text"] for c in fake.calls if c.ok and c.chat_id == AUTHOR and REPORT in c.params["text"]
    ]


async def started(env_count: int, api, url: str, tmp_path, **settings):
    """``env_count`` instances in webhook mode, once every one answers its health check."""
    envs = [webhook_env(api, url, QUALICOOP_ADMIN_IDS=str(AUTHOR), **settings) for _ in range(env_count)]
    bots = [await start_bot(env, tmp_path, "--webhook") for env in envs]
    ports = [int(env["QUALICOOP_WEB_PORT"]) for env in envs]
    for port in ports:
        await wait_until(lambda port=port: healthy(port), timeout=60, what=f"the instance on {port}")
    return bots, ports


async def test_two_instances_send_everything_once_within_the_pace(server, tmp_path):
    api, fake = server
    url = database_url(tmp_path)
    await seed(url, MEMBERS, NOTIFIED, ATTENDING)
    bots, ports = await started(2, api, url, tmp_path, QUALICOOP_LEASE_SECONDS="6")
    try:
        for number, user_id in enumerate(VISITORS):  # people keep talking to both instances meanwhile
            user = {"id": user_id, "is_bot": False, "first_name": "Dom", "language_code": "fr"}
            assert await post_update(ports[number % 2], fake.user_text(user, "/start")) == 200
            await asyncio.sleep(1.0)  # a person or two a second: their answers fit in the pacer's margin
        everyone = [*MEMBERS, *NOTIFIED, *ATTENDING]
        await wait_until(
            lambda: everyone_reached(fake, everyone) and reports(fake), timeout=180, what="every send"
        )
        for bot in bots:
            await bot.stop()
        counts = received(fake)
        assert {counts[u] for u in everyone} == {1}  # each recipient exactly once
        assert len(reports(fake)) == 1 and "Distribuées\u00a0: 400" in reports(fake)[0]
        assert all(counts[u] >= 1 for u in VISITORS)  # both instances served their visitors
        assert fake.max_sends_in_window(1.0) <= 30
    finally:
        for bot in bots:
            await bot.stop()
    assert [bot.returncode for bot in bots] == [0, 0], bots[0].output[-2000:] + bots[1].output[-2000:]


async def sender_pid(url: str) -> int:
    """The process id of the instance holding the sending lease."""
    database = Database(url)
    async with database.transaction() as session:
        holder = await lease_holder(session, SENDING, utcnow())
        pid = (await session.get(Instance, holder)).pid
    await database.dispose()
    return pid


async def statuses(url: str) -> Counter:
    """Deliveries and notifications by status (both tables together)."""
    database = Database(url)
    async with database.transaction() as session:
        rows = [*(await session.exec(select(Delivery.status))).all()]
        rows += (await session.exec(select(Notification.status).where(Notification.user_id != AUTHOR))).all()
    await database.dispose()
    return Counter(DeliveryStatus(s) for s in rows)


async def test_an_instance_killed_mid_way_is_taken_over_and_nothing_goes_twice(server, tmp_path):
    api, fake = server
    url = database_url(tmp_path)
    members, notified = range(100_000, 100_400), range(200_000, 200_100)
    await seed(url, members, notified, range(0))
    bots, _ports = await started(2, api, url, tmp_path, QUALICOOP_LEASE_SECONDS="4")
    try:
        await wait_until(
            lambda: sum(received(fake).values()) >= 150, timeout=60, what="the broadcast to start"
        )
        killed = await sender_pid(url)
        os.kill(killed, signal.SIGKILL)
        await wait_until(lambda: reports(fake), timeout=120, what="the survivor to finish")
        survivor = next(bot for bot in bots if bot.pid != killed)
        assert survivor.returncode is None  # the other one took over
        counts, settled = received(fake), await statuses(url)
        everyone = [*members, *notified]
        assert max(counts[u] for u in everyone) == 1  # nobody twice
        assert settled[DeliveryStatus.SENT] + settled[DeliveryStatus.UNCERTAIN] == len(everyone)
        assert settled[DeliveryStatus.UNCERTAIN] <= 1  # one send at a time was in flight, at most
        assert sum(1 for u in everyone if counts[u] == 0) <= settled[DeliveryStatus.UNCERTAIN]
        [report] = reports(fake)
        uncertain_deliveries = settled[DeliveryStatus.UNCERTAIN] if "Interrompus" in report else 0
        assert ("Interrompus par un redémarrage, non renvoyés" in report) == bool(uncertain_deliveries)
        assert fake.max_sends_in_window(1.0) <= 30
    finally:
        for bot in bots:
            await bot.stop()


async def test_three_instances_start_at_once_on_an_empty_database(server, tmp_path):
    api, _fake = server
    url = database_url(tmp_path, empty=True)
    bots, _ports = await started(3, api, url, tmp_path)
    try:
        database = Database(url)
        assert await database.schema_version() == LATEST_VERSION
        async with database.transaction() as session:
            assert (await session.exec(select(func.count()).select_from(Instance))).one() == 3
        await database.dispose()
    finally:
        outputs = [await bot.stop() for bot in bots]
    assert [bot.returncode for bot in bots] == [0, 0, 0], "\n".join(o[-1500:] for o in outputs)
    assert all("started as @QualiCoopE2EBot" in output for output in outputs)
