"""``qualicoop db backup`` and ``db copy``: an installation moved from SQLite to PostgreSQL (or, in
the SQLite run, to another SQLite file) with every row and file, checked, and still usable."""

from __future__ import annotations

import asyncio
import sqlite3

from sqlmodel import select

from bot.cli import main
from models.coops import create_coop
from models.db import Database
from models.federation.coop_references import find_coop
from models.operations.transfer import checksum, tables
from models.tables import Coop
from tests.conftest import ADMIN_ID, NOW
from tests.databases import POSTGRES_URL, database_url
from tests.dossier_steps import LETTER_PDF, join, upload_letter
from tests.harness import BotHarness


async def populated(tmp_path) -> str:
    """A SQLite installation that has lived a little: coops, a member, a letter, an announcement."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'old.sqlite3'}"
    bot = BotHarness(tmp_path, admin_ids=(ADMIN_ID,), clock=lambda: NOW, database_url=url)
    await bot.start()
    director = await join(bot, 501, "fr", "Coop Ancienne")
    await upload_letter(director)
    await join(bot, 502, "en", "Coop Seconde", role="member")
    await bot.stop()
    return url


def test_db_copy_moves_every_row_and_file_and_the_ids_go_on(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    source = asyncio.run(populated(tmp_path))
    target = database_url(tmp_path, "target", empty=True)
    assert main(["db", "copy", "--from", source, "--to", target]) == 0
    out = capsys.readouterr().out
    assert "coop                    2 rows  same" in out and "storedfile              1 rows  same" in out
    assert "DIFFERENT" not in out and "copied and checked" in out

    async def compare_and_add() -> None:
        left, right = Database(source), Database(target)
        async with left.engine.connect() as one, right.engine.connect() as other:
            for table in tables():
                assert await checksum(one, table) == await checksum(other, table), table.name
        async with right.transaction() as session:
            assert (await find_coop(session, "Coop Ancienne")).id == 1
            new = await create_coop(session, "Coop Nouvelle")  # the id sequence goes on after the copy
            assert new.id == 3
            assert len((await session.exec(select(Coop))).all()) == 3
        await left.dispose()
        await right.dispose()

    asyncio.run(compare_and_add())
    assert main(["db", "copy", "--from", source, "--to", target]) == 2  # never into a used database
    assert "already holds" in capsys.readouterr().err


def test_db_backup_is_a_consistent_sqlite_copy_and_postgresql_gets_the_pg_dump_line(
    tmp_path, capsys, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    source = asyncio.run(populated(tmp_path))
    monkeypatch.setenv("DATABASE_URL", source)
    assert main(["db", "backup", str(tmp_path / "copy.sqlite3")]) == 0
    assert "backup written" in capsys.readouterr().out
    assert main(["db", "backup", str(tmp_path)]) == 2  # a folder: which file?
    assert capsys.readouterr().err.startswith(
        f"qualicoop: {tmp_path} is a folder: give the backup's file name, e.g. {tmp_path / 'qualicoop-20'}"
    )
    with sqlite3.connect(tmp_path / "copy.sqlite3") as copy:
        assert copy.execute("SELECT count(*) FROM coop").fetchone() == (2,)
        assert copy.execute("SELECT content FROM storedfile").fetchone() == (LETTER_PDF,)
    monkeypatch.setenv("DATABASE_URL", POSTGRES_URL or "postgresql://u:p@127.0.0.1/qualicoop")
    assert main(["db", "backup", str(tmp_path / "x")]) == 2
    assert "pg_dump" in capsys.readouterr().err


def test_an_older_release_refuses_a_database_a_newer_one_upgraded(tmp_path, capsys, monkeypatch):
    """A rollback: the code would misread tables whose meaning a later migration changed."""
    from sqlalchemy import text

    from models.migrations import MIGRATIONS

    monkeypatch.chdir(tmp_path)
    url = database_url(tmp_path, "newer", empty=True)
    monkeypatch.setenv("DATABASE_URL", url)
    newer = MIGRATIONS[-1].version + 1

    async def upgraded_by_a_newer_release() -> None:
        database = Database(url)
        await database.upgrade()
        async with database.engine.begin() as connection:
            await connection.execute(
                text("INSERT INTO schema_version (version, description) VALUES (:v, 'from the future')"),
                {"v": newer},
            )
        await database.dispose()

    asyncio.run(upgraded_by_a_newer_release())
    for command in (["db", "upgrade"], ["coop", "list"]):
        assert main(command) == 2, command
        said = capsys.readouterr().err
        assert f"schema version {newer}, newer than this release knows ({newer - 1})" in said, said
