"""The installed ``qualicoop`` script on a database a build of an unmerged branch stamped (its step 8 was
« the message of each user's current screen », 9 here): ``db upgrade`` and ``run`` refuse it in one line
naming the step, and change nothing; before, six steps ran, then NoSuchTableError at every start."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import text

from models.db import Database
from models.migrations import INITIAL_SCHEMA, MIGRATIONS
from tests.databases import database_url
from tests.e2e.test_cli import run_cli
from tests.e2e.test_cli_refusals import one_line

OURS = {m.version: m.description for m in (INITIAL_SCHEMA, *MIGRATIONS)}
OTHER_BUILD = {**{v: OURS[v] for v in range(1, 8)}, 8: "the message of each user's current screen"}


async def _stamp(url: str, steps: dict[int, str] | None = None) -> dict[int, str]:
    """Stamp the database with ``steps`` (or none), and return what it holds."""
    database = Database(url)
    try:
        async with database.engine.begin() as connection:
            if steps is not None:
                await connection.execute(text("DELETE FROM schema_version"))
                await connection.execute(
                    text("INSERT INTO schema_version (version, description) VALUES (:v, :d)"),
                    [{"v": v, "d": d} for v, d in steps.items()],
                )
            rows = await connection.execute(text("SELECT version, description FROM schema_version"))
            return dict(rows.all())
    finally:
        await database.dispose()


@pytest.mark.parametrize("command", [["db", "upgrade"], ["run"]])
def test_another_build_s_database_is_refused_in_one_line_and_left_as_it_was(tmp_path, command):
    url = database_url(tmp_path, "other")
    asyncio.run(_stamp(url, OTHER_BUILD))
    env = {
        "DATABASE_URL": url,
        "TELEGRAM_BOT_TOKEN": "1:A",
        "TELEGRAM_API_BASE_URL": "http://127.0.0.1:9/bot",
    }
    one_line(
        run_cli(*command, cwd=tmp_path, env=env),
        f"qualicoop: the database's schema step 8 is « {OTHER_BUILD[8]} », where this release's is "
        f"« {OURS[8]} »",
    )
    assert asyncio.run(_stamp(url)) == OTHER_BUILD
