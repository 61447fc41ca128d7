"""The installed ``qualicoop`` script refuses a mistake on one line (exit 2) instead of a traceback or
a false success: a mistyped source file, an impossible backup path, an id no Telegram user has, an
unknown log level."""

from __future__ import annotations

import pytest

from tests.databases import database_url
from tests.e2e.test_cli import run_cli

TOO_LONG = "99999999999999999999999"


def one_line(result, said: str) -> None:
    """Refused with exit 2, one line on stderr saying ``said``, no traceback."""
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and said in lines[0], result.stderr
    assert "Traceback" not in result.stderr


def test_db_copy_from_a_missing_sqlite_file_is_refused_and_creates_nothing(tmp_path):
    typo = tmp_path / "typo.sqlite3"
    target = f"sqlite:///{tmp_path / 'target.sqlite3'}"
    result = run_cli("db", "copy", "--from", f"sqlite:///{typo}", "--to", target, cwd=tmp_path)
    one_line(result, f"no SQLite database at {str(typo)!r}: check --from")
    assert not typo.exists() and result.stdout == ""


@pytest.mark.parametrize(
    "args", [["admin", "add", TOO_LONG], ["admin", "remove", TOO_LONG], ["user", "erase", TOO_LONG]]
)
def test_an_id_longer_than_telegram_s_is_refused(tmp_path, args):
    result = run_cli(*args, cwd=tmp_path, env={"DATABASE_URL": database_url(tmp_path, "ids")})
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"{TOO_LONG} is too long for a Telegram user id (at most 4503599627370495)" in result.stderr


def test_db_backup_into_a_missing_folder_or_onto_the_database_itself_is_refused(tmp_path):
    live = tmp_path / "live.sqlite3"
    env = {"DATABASE_URL": f"sqlite:///{live}"}
    assert run_cli("db", "upgrade", cwd=tmp_path, env=env).returncode == 0
    size = live.stat().st_size
    missing = tmp_path / "no" / "such" / "x.sqlite3"
    one_line(run_cli("db", "backup", str(missing), cwd=tmp_path, env=env), "no folder")
    one_line(run_cli("db", "backup", str(live), cwd=tmp_path, env=env), "is the database itself")
    one_line(run_cli("db", "backup", "live.sqlite3", cwd=tmp_path, env=env), "is the database itself")
    # its journal's name, the bot stopped: before, a traceback and no backup (SQLite deleted it on closing)
    one_line(
        run_cli("db", "backup", "live.sqlite3-wal", cwd=tmp_path, env=env), "is the database's own journal"
    )
    assert live.stat().st_size == size
    not_a_database = tmp_path / "notes.txt"
    not_a_database.write_text("not a database, and long enough for sqlite to read a header " * 10)
    one_line(run_cli("db", "backup", str(not_a_database), cwd=tmp_path, env=env), "cannot write the backup")


def test_an_unknown_log_level_names_the_allowed_ones(tmp_path):
    env = {"QUALICOOP_LOG_LEVEL": "LOUD", "TELEGRAM_BOT_TOKEN": "1:A"}
    one_line(
        run_cli("run", cwd=tmp_path, env=env),
        "QUALICOOP_LOG_LEVEL is malformed: expected one of DEBUG, INFO, WARNING, ERROR, CRITICAL",
    )
