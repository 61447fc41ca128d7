"""SQLite's log is copied into the database file by the checkpointer's thread, not by a commit."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from models.sql.checkpoint import CEILING_PAGES, WalCheckpointer

BIG = "x" * 3000  # an audit entry of about one page


async def write_pages(database, commits: int) -> None:
    """``commits`` small transactions through the bot's own connections, one audit entry each."""
    for number in range(commits):
        async with database.engine.begin() as connection:
            await connection.execute(
                text(
                    "INSERT INTO auditentry (at, actor_id, coop_id, entity, entity_id, action, new_value) "
                    "VALUES ('2026-12-02 09:00:00', 1, 1, 'test', :n, 'update', :v)"
                ),
                {"n": number, "v": BIG},
            )


async def test_commits_leave_the_log_to_the_checkpointer_which_copies_it_whole(db):
    if db.checkpointer is None:
        pytest.skip("SQLite's log")
    await write_pages(db, 1_200)  # past the 1,000 pages at which SQLite would copy inside a commit
    logged, copied = await db.checkpointer.checkpoint()
    assert 1_200 < logged < CEILING_PAGES  # no commit copied the log on the way
    assert copied == logged  # the checkpointer did, all of it, with nobody reading
    assert await db.checkpointer.checkpoint() == (logged, logged)  # nothing new: nothing more to do


def test_only_a_sqlite_file_has_a_checkpointer(tmp_path):
    assert WalCheckpointer.of(f"sqlite:///{tmp_path}/bot.db").path == f"{tmp_path}/bot.db"
    assert WalCheckpointer.of("sqlite:///:memory:") is None
    assert WalCheckpointer.of("postgresql+asyncpg://app:app@127.0.0.1/app") is None


async def test_the_running_bot_checkpoints_every_few_seconds(harness):
    jobs = {job.name: job for job in harness.application.job_queue.jobs()}
    assert ("checkpoint" in jobs) == (harness.database.checkpointer is not None)
