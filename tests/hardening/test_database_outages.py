"""The database goes away under a running bot (a restart, a failover, an outage): a connection the server
closed is replaced instead of failing the next person who writes, and a failure on a connection that
died is one line, not a traceback and an alert about a bug."""

from __future__ import annotations

import asyncio
import logging
import re
import time
from datetime import timedelta

from sqlalchemy import text, update
from sqlalchemy.exc import InterfaceError
from telegram import Update
from telegram.ext import Job

from bot import errors
from bot.delivery.lease import SendingLease
from models.clock import utcnow
from models.db import Database
from models.operations.instances import InstanceId
from models.tables import FederationRole, FederationRoleName, Instance, User
from tests.conftest import ADMIN_ID, NOW
from tests.databases import _as_admin, database_url, make_unreachable, needs_postgres
from tests.harness import BotHarness
from tests.miniapp import local_client


async def backend_gone(pid: int) -> None:
    """Ends a server process (what a restart does to every connection) and waits until it is gone."""
    import asyncpg
    from sqlalchemy.engine import make_url

    from tests.databases import POSTGRES_URL

    await _as_admin(f"SELECT pg_terminate_backend({pid})")
    connection = await asyncpg.connect(
        make_url(POSTGRES_URL).set(drivername="postgresql").render_as_string(hide_password=False)
    )
    try:
        while await connection.fetchval("SELECT count(*) FROM pg_stat_activity WHERE pid = $1", pid):
            await asyncio.sleep(0.02)
    finally:
        await connection.close()
    await asyncio.sleep(0.1)  # the client reads the end of its socket


@needs_postgres
async def test_a_connection_the_server_closed_is_replaced_before_it_is_used(tmp_path):
    database = Database(database_url(tmp_path))
    try:
        async with database.transaction() as session:
            pid = (await session.execute(text("SELECT pg_backend_pid()"))).scalar()
        await backend_gone(pid)  # the pool still holds that connection
        async with database.transaction() as session:
            assert (await session.execute(text("SELECT pg_backend_pid()"))).scalar() != pid
    finally:
        await database.dispose()


async def test_a_failure_on_a_connection_that_died_is_one_line_and_no_alert(harness, caplog):
    """The connection served an update when its server restarted: the person is told, the log has a
    line (not a traceback taken for a bug), and the admins are not alerted of a bug."""
    camille = harness.user(41, language_code="fr")
    update = Update.de_json(harness.fake.user_text(camille.tg, "/dossier"), harness.application.bot)
    closed = InterfaceError("SELECT 1", {}, Exception("connection is closed"), connection_invalidated=True)
    caplog.set_level(logging.INFO, logger="qualicoop.errors")
    await harness.application.process_error(update=update, error=closed)
    assert camille.messages[-1]["text"].startswith("Désolé, un problème est survenu")
    said = [(r.levelname, r.getMessage(), r.exc_info) for r in caplog.records if r.name == "qualicoop.errors"]
    assert said == [
        (
            "WARNING",
            f"update {update.update_id} failed: its database connection was closed (a restart or a failover)",
            None,
        )
    ]
    assert harness.fake.messages.get(ADMIN_ID, []) == []


async def test_a_job_that_fails_is_named(harness, caplog):
    """« update None failed » said nothing: a job's failure says which job."""
    caplog.set_level(logging.INFO, logger="qualicoop.errors")
    job = Job(lambda context: None, name="upkeep")
    await harness.application.process_error(update=None, error=RuntimeError("boom"), job=job)
    said = [r.getMessage() for r in caplog.records if r.name == "qualicoop.errors"]
    assert said == ["the job \"upkeep\" failed: RuntimeError('boom')"]
    # the alert gives the kind of error, never its message (it may quote what someone typed: the log has it)
    assert harness.fake.messages[ADMIN_ID][-1]["text"] == '⚠️ Quali’Coop — the job "upkeep" — RuntimeError'


def admin_alerts(bot: BotHarness) -> dict[int, list[str]]:
    """The alerts each admin received from this instance's bot."""
    return {admin: [m["text"] for m in bot.fake.messages.get(admin, [])] for admin in (ADMIN_ID, OTHER_ADMIN)}


OTHER_ADMIN = 7000002


async def test_an_outage_is_told_once_across_instances_in_each_admins_language(
    harness, tmp_path, caplog, monkeypatch
):
    """Two instances: only the one that sends tells the admins, once when the outage lasts and once
    when it is over, in each admin's language (read before: the database is what is away), without the
    technical cause (in the log); the other one logs."""
    monkeypatch.setattr(errors, "PROBE_SECONDS", 0.05)
    monkeypatch.setattr(errors, "DATABASE_ALERT_SECONDS", 0.3)
    other = BotHarness(
        tmp_path / "other", admin_ids=(ADMIN_ID,), clock=lambda: NOW, database_url=harness.database_url
    )
    await other.start()
    bots = [harness, other]
    async with harness.database.transaction() as session:
        session.add(User(id=ADMIN_ID, language="en"))  # chose English; the other admin never wrote
        session.add(FederationRole(telegram_id=OTHER_ADMIN, role=FederationRoleName.ADMIN))
    for bot in bots:
        await errors.remember_admins(bot.application.bot_data)  # as at start
    assert [bot.application.bot_data.sending.was_held for bot in bots] == [True, False]
    caplog.set_level(logging.INFO, logger="qualicoop.errors")
    working = harness.database
    gone = [Database(f"sqlite:///{tmp_path / 'no-such-folder' / f'gone{i}.sqlite3'}") for i in (0, 1)]
    asked_by_other = counted_pings(gone[1])
    for bot in bots:
        await bot.application.start()
    try:
        for bot, away in zip(bots, gone, strict=True):
            bot.application.bot_data.database = away
            refused = ConnectionRefusedError(111, "Connect call failed ('127.0.0.1', 5432)")
            await bot.application.process_error(update=None, error=refused)
        await wait_for(lambda: admin_alerts(harness)[OTHER_ADMIN])
        # the other instance's probe asks twice once its outage is old enough to be told: the first
        # of the two has found it lasting (the second is asked after it), and it said nothing
        lasting_from = other.application.bot_data.database_outage.since + errors.DATABASE_ALERT_SECONDS
        await wait_for(lambda: sum(at >= lasting_from for at in asked_by_other) >= 2)
        for bot in bots:
            bot.application.bot_data.database = working
        await wait_for(lambda: len(admin_alerts(harness)[OTHER_ADMIN]) == 2)
        await wait_for(lambda: caplog.text.count("the database answers again") == 2)  # both probes end
    finally:
        for bot in bots:
            await bot.application.stop()
        await other.stop()
    alerts = admin_alerts(harness)  # the seconds said are those the probe took: a loaded machine is slower
    assert re.match(
        r"⚠️ Quali’Coop — The database has not answered for \d+ s: Quali’Coop", alerts[ADMIN_ID][0]
    )
    assert alerts[ADMIN_ID][1].startswith("✅ Quali’Coop — The database answers again, after ")
    assert re.match(
        "⚠️ Quali’Coop — La base de données ne répond plus depuis \\d+\xa0s\xa0: ", alerts[OTHER_ADMIN][0]
    )
    assert alerts[OTHER_ADMIN][1].startswith("✅ Quali’Coop — La base de données répond de nouveau")
    assert not any("Errno" in text for texts in alerts.values() for text in texts)  # the cause: in the log
    assert len(alerts[ADMIN_ID]) == len(alerts[OTHER_ADMIN]) == 2
    assert admin_alerts(other) == {ADMIN_ID: [], OTHER_ADMIN: []}
    said = [r.getMessage() for r in caplog.records if r.name == "qualicoop.errors"]
    assert (
        sum("the database does not answer (ConnectionRefusedError" in line for line in said) == 2
    )  # one each


def counted_pings(database: Database) -> list[float]:
    """When each ping was asked of ``database`` (its outage's clock): what shows its probe ran."""
    asked: list[float] = []
    ping = database.ping

    async def counted() -> None:
        asked.append(time.monotonic())
        await ping()

    database.ping = counted
    return asked


async def test_the_admins_languages_are_read_at_start(harness):
    """An outage before any alert still reaches each admin in their language: read when the bot starts
    (the database is what is away when the alert is due)."""
    assert set(harness.application.bot_data.admin_translators) == {ADMIN_ID}


async def wait_for(condition, seconds: float = 5) -> None:
    for _ in range(int(seconds / 0.02)):
        if condition():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("not reached")


async def test_a_failed_heartbeat_is_one_line(tmp_path, caplog):
    lease = SendingLease(InstanceId(), 20)
    caplog.set_level(logging.INFO, logger="qualicoop.instances")
    assert not await lease.renew(Database(f"sqlite:///{tmp_path / 'no-such-folder' / 'gone.sqlite3'}"))
    [said] = [r.getMessage() for r in caplog.records if r.name == "qualicoop.instances"]
    assert said == (
        f"heartbeat of instance {lease.me.id} failed: OperationalError: unable to open database file"
    )


async def test_the_health_check_fails_while_this_instance_cannot_write_and_says_so_once(tmp_path, caplog):
    """A database that answers but takes no write (a read-only standby, a full disk): the heartbeat,
    written every few seconds, ages; past the lease the instance is unhealthy, as the others judge it."""
    bot = BotHarness(tmp_path, web=True)
    await bot.start()
    services = bot.application.bot_data
    caplog.set_level(logging.INFO, logger="qualicoop.web")
    try:
        async with local_client(bot.web_url) as client:
            assert (await client.get("/healthz")).status_code == 200
            async with bot.database.transaction() as session:  # the last heartbeats did not land
                await session.exec(
                    update(Instance)
                    .where(Instance.id == services.sending.me.id)
                    .values(heartbeat_at=utcnow() - timedelta(seconds=25))
                )
            assert [(await client.get("/healthz")).status_code for _ in range(3)] == [503, 503, 503]
            await services.sending.renew(bot.database)  # written again
            assert (await client.get("/healthz")).status_code == 200
            make_unreachable(bot.database_url)
            await bot.database.dispose()
            assert [(await client.get("/healthz")).status_code for _ in range(3)] == [503, 503, 503]
    finally:
        await bot.stop()
    said = [
        r.getMessage() for r in caplog.records if r.name == "qualicoop.web" and "health" in r.getMessage()
    ]
    assert said[:3] == [
        "health check: 503 until this is over: the database takes no write: this instance's heartbeat "
        "is older than 20 s",
        "health check: healthy again",
        said[2],
    ]
    assert len(said) == 3 and said[2].startswith(
        "health check: 503 until this is over: the database does not answer: "
    )
    assert "\n" not in said[2] and "sqlalche.me" not in said[2]
