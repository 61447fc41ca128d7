"""What a start asks the database, counted: the same few statements whatever the data (issue 12).

``qualicoop run`` upgrades the schema before it builds the bot (a database that does not answer is
then one line, no traceback); the bot's own start does not check the schema a second time.
"""

from __future__ import annotations

import gc
import sys

from sqlalchemy import text

from bot.__main__ import main as entry_point
from bot.application import build_application
from bot.maintenance import upgrade_if_behind
from models.db import Database
from models.migrations import MIGRATIONS
from tests.fakes import FakeRequest
from tests.unit.test_query_counts import counting, federation

START = (  # the bot's name (3), the referential (1), the federation's admins for an outage's alert
    11  # (1: their languages, read while the database answers), the instances and the lease (5), others (1)
)


async def started(bot, *, upgraded: bool) -> list[str]:
    """The statements of a second instance's start on the harness's database."""
    application = build_application(
        bot.settings, Database(bot.database_url), request=FakeRequest(bot.fake), upgraded=upgraded
    )
    await application.initialize()
    try:
        with counting(application.bot_data.database.engine) as counted:
            await application.post_init(application)
    finally:
        await application.shutdown()
        await application.post_shutdown(application)
    return counted.statements


async def test_a_start_runs_the_same_few_statements_whatever_the_number_of_coops(tmp_path):
    counts = []
    for coops in (20, 200):
        bot, _at, _due = await federation(tmp_path, coops)
        try:
            statements = await started(bot, upgraded=True)
        finally:
            await bot.stop()
        assert len(statements) <= START, "\n".join(statements)
        counts.append(len(statements))
    assert counts[0] == counts[1]


async def test_the_schema_is_checked_once_per_start(tmp_path):
    bot, _at, _due = await federation(tmp_path, 20)
    try:
        after_the_cli = await started(bot, upgraded=True)
        alone = await started(bot, upgraded=False)  # a bot built without qualicoop run (the tests)
    finally:
        await bot.stop()
    assert not [s for s in after_the_cli if "schema_version" in s]
    assert [s for s in alone if "schema_version" in s]


async def test_a_database_at_the_latest_schema_is_only_read_before_the_start(tmp_path):
    bot, _at, _due = await federation(tmp_path, 20)  # the harness created it at the latest version
    database = Database(bot.database_url)
    try:
        with counting(database.engine) as counted:
            await upgrade_if_behind(database)
    finally:
        await database.dispose()
        await bot.stop()
    assert len(counted.statements) <= 3, "\n".join(counted.statements)  # SELECT 1, the table, its version
    assert counted.commits == 0, "\n".join(counted.statements)


async def test_a_database_behind_is_upgraded_before_the_start(tmp_path):
    bot, _at, _due = await federation(tmp_path, 20)
    await bot.stop()
    database = Database(bot.database_url)
    try:
        async with database.engine.begin() as connection:  # as if the last migration had not run yet
            await connection.execute(
                text("DELETE FROM schema_version WHERE version = :v"), {"v": MIGRATIONS[-1].version}
            )
        await upgrade_if_behind(database)
        assert await database.schema_version() == MIGRATIONS[-1].version
    finally:
        await database.dispose()


def test_the_command_line_runs_with_the_collector_on(monkeypatch):
    # its imports run without it (bot/__main__.py); whatever the command, its work runs with it
    seen = []
    monkeypatch.setattr("bot.cli.main", lambda: seen.append(gc.isenabled()) or 0)
    for command in ("run", "coop"):
        monkeypatch.setattr(sys, "argv", ["qualicoop", command])
        assert entry_point() == 0
    assert seen == [True, True] and gc.isenabled()
