"""SIGKILL, then a restart, against the real ``qualicoop run`` process (SQLite and PostgreSQL alike).

- During a broadcast (with the outbox), then during a sweep of a meeting's one-hour reminders: after
  the restarts everything goes out once — never twice, at most the one send in flight at each kill left
  uncertain — and the database invariants of the fuzzer hold.
- During writes: people joining while the process dies; those the bot welcomed are members, once,
  and those who try again after the restart join.

(The checkpoint reminders' sweep sends in civil hours only, in real time here: its crash mid-sweep
is in test_faults.py, on a clock the test sets.)
"""

from __future__ import annotations

import asyncio
import os
import signal
from collections import Counter
from datetime import datetime

from sqlmodel import select

from models.clock import utcnow
from models.coops import create_coop, create_invitation, join_with_invitation
from models.db import Database
from models.outbox import enqueue
from models.tables import (
    Delivery,
    DeliveryStatus,
    Member,
    MemberRole,
    Notification,
    SentReminder,
    User,
)
from tests.databases import database_url
from tests.e2e.processes import bot_env, start_bot, wait_until
from tests.fakes import FakeBotApiServer, FakeTelegram
from tests.hardening.test_fuzz import INVARIANTS
from tests.sends import confirmed_broadcast, meeting_within_the_hour

AUTHOR = 9800000
BROADCAST = range(9_810_000, 9_810_090)
NOTIFIED = range(9_820_000, 9_820_040)
FOLLOWED = range(9_830_000, 9_830_060)
DECISION = {"transition": "grant_label", "date": "2028-06-03", "cycle": 1, "comment": "Bravo"}


async def seed(url: str) -> None:
    """A broadcast to one coop, decisions in the outbox, and a meeting in 40 minutes for another coop."""
    database = Database(url)
    await database.upgrade()  # a SQLite file starts empty
    now = utcnow()
    async with database.transaction() as session:
        for user_id in [AUTHOR, *BROADCAST, *NOTIFIED, *FOLLOWED]:
            session.add(User(id=user_id, first_name=f"P{user_id}", telegram_language="fr"))
        await session.flush()
        broadcast_coop, followed_coop = (
            await create_coop(session, "Coop Diffusée"),
            await create_coop(session, "Coop Suivie"),
        )
        for user_id in BROADCAST:
            session.add(Member(user_id=user_id, coop_id=broadcast_coop.id))
        invitation = await create_invitation(session, followed_coop, MemberRole.DIRECTION)
        for user_id in FOLLOWED:
            await join_with_invitation(session, user_id, invitation.token, now=now)
        await confirmed_broadcast(session, AUTHOR, now)
        await enqueue(session, NOTIFIED, "decision", DECISION)
        await meeting_within_the_hour(session, AUTHOR, FOLLOWED, now)
    await database.dispose()


async def settled(url: str, since: datetime | None = None) -> tuple[Counter, int, list[str]]:
    """Deliveries and outbox rows by status, reminders claimed, and broken invariants.

    ``since``: reminders claimed since then and still being sent are not counted (the living instance's
    send in flight: stopped now, it would be given back; one a killed instance left stays as it is).
    """
    database = Database(url)
    async with database.transaction() as session:
        rows = [*(await session.exec(select(Delivery.status))).all()]
        rows += (await session.exec(select(Notification.status).where(Notification.user_id != AUTHOR))).all()
        claims = (await session.exec(select(SentReminder.status, SentReminder.claimed_at))).all()
        in_flight = [
            at for status, at in claims if status == DeliveryStatus.SENDING and since and at >= since
        ]
        reminders = len(claims) - len(in_flight)
        connection = await session.connection()
        statement = "SELECT " + ", ".join(f"{sql} AS v{n}" for n, sql in enumerate(INVARIANTS.values()))
        counts = (await connection.exec_driver_sql(statement)).one()
    await database.dispose()
    broken = [name for name, count in zip(INVARIANTS, counts, strict=True) if count]
    return Counter(DeliveryStatus(s) for s in rows), reminders, broken


def received(fake: FakeTelegram, people: range) -> Counter:
    """Messages Telegram accepted, per chat among ``people``."""
    return Counter(
        c.chat_id for c in fake.calls if c.method == "sendMessage" and c.ok and c.chat_id in people
    )


def by_kind(fake: FakeTelegram) -> Counter:
    """Messages Telegram accepted, per (chat, what they are): the broadcast, the reminder, the news."""
    kinds = Counter()
    for call in fake.calls:
        if call.method == "sendMessage" and call.ok and call.chat_id != AUTHOR:
            text = str(call.params.get("text", ""))
            kinds[
                call.chat_id,
                "broadcast" if "VisioCoop" in text else "reminder" if "Réunion" in text else "news",
            ] += 1
    return kinds


async def test_killed_during_a_broadcast_and_a_sweep_nothing_is_lost_or_sent_twice(tmp_path):
    fake = FakeTelegram(bot_username="QualiCoopKillBot")
    api = FakeBotApiServer(fake)
    await api.start()
    url = database_url(tmp_path, "kills")
    await seed(url)
    env = bot_env(api, url, QUALICOOP_ADMIN_IDS=str(AUTHOR), QUALICOOP_LEASE_SECONDS="3")
    bots = [await start_bot(env, tmp_path)]
    recipients = len(BROADCAST) + len(FOLLOWED) + len(NOTIFIED)  # the broadcast goes to every member
    last_start: datetime | None = None

    async def finished() -> bool:
        statuses, reminders, _ = await settled(url, since=last_start)
        done = statuses[DeliveryStatus.PENDING] + statuses[DeliveryStatus.SENDING] == 0
        return done and sum(statuses.values()) == recipients and reminders == len(FOLLOWED)

    try:
        await wait_until(
            lambda: sum(received(fake, BROADCAST).values()) >= 20, timeout=60, what="the broadcast"
        )
        os.kill(bots[-1].pid, signal.SIGKILL)  # mid-broadcast
        await bots[-1].stop()
        bots.append(await start_bot(env, tmp_path))
        await wait_until(
            lambda: by_kind(fake).total() > 0 and any(k == "reminder" for _, k in by_kind(fake)),
            timeout=90,
            what="the meeting reminders",
        )
        os.kill(bots[-1].pid, signal.SIGKILL)  # mid-reminders
        await bots[-1].stop()
        last_start = utcnow()
        bots.append(await start_bot(env, tmp_path))
        await wait_until_async(finished, timeout=150, what="everything to go out")
    finally:
        for bot in bots:
            await bot.stop()
        await api.stop()
    statuses, reminders, broken = await settled(url)
    assert not broken, broken
    kinds = by_kind(fake)
    assert max(kinds.values()) == 1, [k for k, n in kinds.items() if n > 1]  # nobody got anything twice
    assert statuses[DeliveryStatus.SENT] + statuses[DeliveryStatus.UNCERTAIN] == recipients
    assert statuses[DeliveryStatus.UNCERTAIN] <= 2  # at most the send in flight at each kill
    reminded = sum(1 for _, kind in kinds if kind == "reminder")
    assert (
        reminders == len(FOLLOWED) and reminded >= len(FOLLOWED) - 2
    )  # claimed once; one in flight per kill


async def wait_until_async(predicate, timeout: float, what: str) -> None:
    """Like wait_until, for a predicate that reads the database."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not await predicate():
        if asyncio.get_running_loop().time() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        await asyncio.sleep(0.3)


async def test_killed_while_people_join_every_welcome_is_a_membership(tmp_path):
    fake = FakeTelegram(bot_username="QualiCoopKillBot")
    api = FakeBotApiServer(fake)
    await api.start()
    url = database_url(tmp_path, "joins")
    database = Database(url)
    await database.upgrade()
    async with database.transaction() as session:
        invitation = await create_invitation(session, await create_coop(session, "Coop Rejointe"))
    await database.dispose()
    env = bot_env(api, url, QUALICOOP_LEASE_SECONDS="3")
    people = [
        {"id": 9_840_000 + n, "is_bot": False, "first_name": f"P{n}", "language_code": "fr"}
        for n in range(40)
    ]

    def welcomed() -> set[int]:
        # joined before the kill but never told: the link opened again says they already are
        told = ("Bienvenue", "Vous faites déjà partie")
        return {
            c.chat_id for c in fake.calls if c.ok and any(t in str(c.params.get("text", "")) for t in told)
        }

    bots = [await start_bot(env, tmp_path)]
    try:
        await wait_until(lambda: any(c.method == "deleteWebhook" for c in fake.calls), what="polling")
        for person in people:
            fake.user_text(person, f"/start {invitation.token}")
        await wait_until(lambda: len(welcomed()) >= 5, timeout=60, what="the first welcomes")
        os.kill(bots[-1].pid, signal.SIGKILL)
        await bots[-1].stop()
        before_restart = welcomed()
        bots.append(await start_bot(env, tmp_path))
        await wait_until(lambda: not fake.pending_updates(), timeout=60, what="the updates left to be read")
        await asyncio.sleep(2)  # what was read is answered; an update the killed process took is gone
        for person in people:  # as a person with no answer does: open the link again
            if person["id"] not in welcomed():
                fake.user_text(person, f"/start {invitation.token}")
        await wait_until(lambda: len(welcomed()) == len(people), timeout=90, what="everyone to be welcomed")
    finally:
        for bot in bots:
            await bot.stop()
        await api.stop()
    database = Database(url)
    async with database.transaction() as session:
        members = Counter((await session.exec(select(Member.user_id))).all())
    await database.dispose()
    assert before_restart <= set(members) and max(members.values()) == 1  # welcomed ⇒ member, once
    assert set(members) == {p["id"] for p in people}
    _, _, broken = await settled(url)
    assert not broken, broken
