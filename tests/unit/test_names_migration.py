"""Migration 19: first names stored with a direction mark (before names were cleaned on arrival) are
cleaned, so that a director's lines no longer turn round until their person writes again."""

from __future__ import annotations

from sqlalchemy import text

from models.clock import utcnow
from models.db import Database
from models.users import known_user
from tests.databases import database_url


async def test_a_version_18_database_has_its_names_cleaned(tmp_path):
    database = Database(database_url(tmp_path, "v18"))
    await database.upgrade()
    async with database.transaction() as session:
        for user_id in (1, 2, 3):
            await known_user(session, user_id, utcnow())
    async with database.engine.begin() as connection:  # back to version 18, names as they were stored
        await connection.execute(text("DELETE FROM schema_version WHERE version > 18"))
        for user_id, name in ((1, "Zoé\u202eollo"), (2, "Ali\u2067 Baba\u2069"), (3, "Camille")):
            await connection.execute(
                text('UPDATE "user" SET first_name = :name WHERE id = :id'), {"id": user_id, "name": name}
            )
    applied = await database.upgrade()
    assert [m.version for m in applied][:1] == [19]
    async with database.engine.connect() as connection:
        rows = (await connection.execute(text('SELECT id, first_name FROM "user" ORDER BY id'))).all()
    assert [tuple(row) for row in rows] == [(1, "Zoéollo"), (2, "Ali Baba"), (3, "Camille")]
    await database.dispose()
