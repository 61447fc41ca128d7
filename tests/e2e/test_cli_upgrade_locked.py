"""``qualicoop run`` and ``db upgrade`` on a SQLite file behind this release while another process holds
its write lock (another instance upgrading it, ``db upgrade`` started twice, a sqlite3 shell left in a
transaction). The upgrade waits for the lock longer than SQLite's busy_timeout (5 s): instances started
together find the upgrade done. After ``models.db.SCHEMA_LOCK_WAIT`` it says so in one line, as every
other database trouble, instead of a traceback ending in « database is locked [SQL: BEGIN IMMEDIATE] »."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import text

import models.db
from bot.cli import main
from models.db import Database
from models.migrations import MIGRATIONS

TOKEN = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ0123456789"


def behind(tmp_path: Path, monkeypatch) -> Path:
    """The bot's folder with a SQLite database one step behind this release."""
    path = tmp_path / "qualicoop.sqlite3"

    async def made() -> None:
        database = Database(f"sqlite:///{path}")
        await database.upgrade()
        async with database.engine.begin() as connection:
            await connection.execute(
                text("DELETE FROM schema_version WHERE version = :v"), {"v": MIGRATIONS[-1].version}
            )
        await database.dispose()

    asyncio.run(made())
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", "http://127.0.0.1:9/bot")
    monkeypatch.setattr("bot.logs.configure_logging", lambda *args: None)  # the test's logging stays
    return path


def version(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT MAX(version) FROM schema_version").fetchone()[0]


def test_a_second_upgrade_waits_for_the_first_and_finds_it_done(tmp_path, monkeypatch, capsys):
    path = behind(tmp_path, monkeypatch)
    first = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    first.execute("BEGIN IMMEDIATE")  # another instance, in a migration longer than busy_timeout
    first.execute(
        "INSERT INTO schema_version (version, description) VALUES (?, ?)",
        (MIGRATIONS[-1].version, MIGRATIONS[-1].description),
    )
    finished = threading.Timer(7, lambda: first.execute("COMMIT"))
    finished.start()
    try:
        assert main(["db", "upgrade"]) == 0, capsys.readouterr().err
    finally:
        finished.join()
        first.close()
    assert capsys.readouterr().out.endswith(f"database at schema version {MIGRATIONS[-1].version}\n")


@pytest.mark.parametrize("command", [["db", "upgrade"], ["run"]])
def test_a_lock_never_released_is_said_in_one_line(tmp_path, monkeypatch, capsys, command):
    path = behind(tmp_path, monkeypatch)
    monkeypatch.setattr(models.db, "SCHEMA_LOCK_WAIT", 1)  # one busy_timeout, then the refusal
    shell = sqlite3.connect(path, isolation_level=None)
    shell.execute("BEGIN IMMEDIATE")  # a sqlite3 shell left in a transaction
    try:
        assert main(command) == 2
    finally:
        shell.execute("ROLLBACK")
        shell.close()
    said = capsys.readouterr().err
    assert said.count("\n") == 1 and said.startswith(
        "qualicoop: the database is locked by another process"
    ), said
    assert "try again once it has finished" in said
    assert version(path) == MIGRATIONS[-1].version - 1
