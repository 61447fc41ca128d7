"""Migration 22: a VisioCoop meeting's length. A database of before it gets the column, its meetings
without one (shown by their start, an hour in calendars, as they were), and takes a length since."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import inspect as sa_inspect
from sqlalchemy import text

from models.announcements import create_announcement, get_announcement, update_announcement
from models.db import Database
from models.migrations import LATEST_VERSION
from tests.databases import database_url

MEETING = datetime(2026, 12, 9, 13, tzinfo=UTC)


async def test_a_version_21_database_gets_the_meetings_length(tmp_path):
    database = Database(database_url(tmp_path, "v21"))
    await database.upgrade()
    async with database.transaction() as session:
        announcement = await create_announcement(session, 7, "VisioCoop")
        await update_announcement(session, announcement, "starts_at", MEETING)
        announcement_id = announcement.id
    async with database.engine.begin() as connection:  # back to what schema 21 looked like
        await connection.execute(text("ALTER TABLE announcement DROP COLUMN duration_minutes"))
        await connection.execute(text("DELETE FROM schema_version WHERE version > 21"))
    try:
        assert [m.version for m in await database.upgrade()] == list(range(22, LATEST_VERSION + 1))
        async with database.engine.connect() as connection:
            columns = await connection.run_sync(lambda sync: sa_inspect(sync).get_columns("announcement"))
        column = next(column for column in columns if column["name"] == "duration_minutes")
        assert column["nullable"] and "INT" in str(column["type"]).upper()
        async with database.transaction() as session:
            announcement = await get_announcement(session, announcement_id)
            assert (announcement.starts_at, announcement.duration_minutes) == (MEETING, None)
            await update_announcement(session, announcement, "duration_minutes", 120)
        async with database.transaction() as session:
            assert (await get_announcement(session, announcement_id)).duration_minutes == 120
        assert await database.upgrade() == []  # once
    finally:
        await database.dispose()
