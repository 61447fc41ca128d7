"""DATABASE_URL naming another application's database (a mistyped file name, a shared server's other
database): ``qualicoop coop list`` wrote Quali'Coop's 35 tables into it and answered « no coop yet ». A
database with tables but no schema version is refused in one line, nothing added; an empty one (a new
file, a new PostgreSQL database) is made Quali'Coop's as before."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, text

from models.db import Database, DatabaseUnavailable
from tests.databases import database_url


async def tables(database: Database) -> set[str]:
    async with database.engine.connect() as connection:
        return set(await connection.run_sync(lambda c: inspect(c).get_table_names()))


async def test_another_application_s_database_is_refused_and_left_as_it_was(tmp_path):
    database = Database(database_url(tmp_path, "other", empty=True))
    try:
        async with database.engine.begin() as connection:
            await connection.execute(text("CREATE TABLE invoices (id INTEGER PRIMARY KEY)"))
        with pytest.raises(DatabaseUnavailable, match="another application .invoices"):
            await database.upgrade()
        assert await tables(database) == {"invoices"}
    finally:
        await database.dispose()


async def test_an_empty_database_is_made_quali_coop_s(tmp_path):
    database = Database(database_url(tmp_path, "new", empty=True))
    try:
        await database.upgrade()
        assert {"schema_version", "coop", "dossier"} <= await tables(database)
    finally:
        await database.dispose()
