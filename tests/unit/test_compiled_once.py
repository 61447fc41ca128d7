"""The test process compiles each statement once for all its databases (tests.databases): a new test's
engine finds the statements of the tests before it compiled, and still reads its own database."""

from __future__ import annotations

from sqlalchemy.engine.default import DefaultDialect
from sqlmodel import select

from models.coops import create_coop
from models.db import Database
from models.tables import Coop
from tests.databases import compiling_once, database_url


async def _names_and_cache(database: Database) -> tuple[list[str], object]:
    """The coops' names, and whether their SELECT was found compiled."""
    async with database.engine.connect() as connection:
        result = await connection.execute(select(Coop.name).order_by(Coop.name))
        return list(result.scalars()), result.context.cache_hit


async def test_a_second_database_reuses_the_first_s_compiled_statements_and_reads_its_own_rows(tmp_path):
    first = compiling_once(Database(database_url(tmp_path, "first")))
    second = compiling_once(Database(database_url(tmp_path, "second")))
    try:
        for database, name in ((first, "Coop du Nord"), (second, "Coop du Sud")):
            async with database.transaction() as session:
                await create_coop(session, name, None)
        assert (await _names_and_cache(first))[0] == ["Coop du Nord"]  # compiled now, or by a test before
        assert await _names_and_cache(second) == (["Coop du Sud"], DefaultDialect.CACHE_HIT)
    finally:
        await first.dispose()
        await second.dispose()
