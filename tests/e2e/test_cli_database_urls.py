"""DATABASE_URL (and ``db copy --from/--to``) mistakes: one line and exit 2, as README promises for a
malformed value; never a traceback, never the password, never a success on a database in memory that
vanishes when the command ends (« sqlite:///$DB » with $DB unset)."""

from __future__ import annotations

import pytest

from bot.cli import main
from models.db import DatabaseUrlError, async_database_url
from tests.databases import database_url

PASSWORD = "s3cret-pw"


@pytest.fixture
def no_settings(tmp_path, monkeypatch):
    """An empty working directory (no .env, no database) and no inherited settings."""
    monkeypatch.chdir(tmp_path)
    for name in ("TELEGRAM_BOT_TOKEN", "DATABASE_URL", "QUALICOOP_ADMIN_IDS", "TELEGRAM_API_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def refused(capsys, *argv: str) -> str:
    """The command's one line on stderr, after it exited with 2 and printed nothing on stdout."""
    assert main(list(argv)) == 2
    out, err = capsys.readouterr()
    assert out == "" and len(err.strip().splitlines()) == 1, (out, err)
    return err


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///", "sqlite:///:memory:", "sqlite+aiosqlite:///"])
@pytest.mark.parametrize("command", [["coop", "add", "Coop Fantôme"], ["run"], ["db", "upgrade"]])
def test_a_database_in_memory_is_refused(no_settings, capsys, monkeypatch, url, command):
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:abc")  # « run » would start, on a database lost at exit
    err = refused(capsys, *command)
    assert "DATABASE_URL is malformed" in err and "in memory" in err and "sqlite:///qualicoop.sqlite3" in err
    assert list(no_settings.iterdir()) == []  # no file made anywhere either


@pytest.mark.parametrize("url", ["sqlite://qualicoop.sqlite3", "sqlite+aiosqlite://data/qualicoop.sqlite3"])
def test_two_slashes_instead_of_three_says_three(no_settings, capsys, monkeypatch, url):
    monkeypatch.setenv("DATABASE_URL", url)
    err = refused(capsys, "coop", "list")
    assert "DATABASE_URL is malformed" in err and "three slashes" in err and "sqlite:///" in err


def test_a_port_out_of_range_is_one_line_without_the_password(no_settings, capsys, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"postgresql://qualicoop:{PASSWORD}@127.0.0.1:543210/qualicoop")
    err = refused(capsys, "coop", "list")
    assert "DATABASE_URL is malformed" in err and "543210" in err and "65535" in err
    assert PASSWORD not in err and "postgresql://qualicoop:***@127.0.0.1:543210/qualicoop" in err


@pytest.mark.parametrize(
    "url",
    [
        f"postgresql://qualicoop:{PASSWORD}@127.0.0.1:port/qualicoop",  # port mistyped
        f"postgresql://qualicoop:{PASSWORD}@[::1/qualicoop",  # bracket not closed
        f"postgres ql://qualicoop:{PASSWORD}@127.0.0.1/qualicoop",  # not even parsed
        f"postgresql://qualicoop:{PASSWORD}@db@host:x/qualicoop",  # an @ unescaped in the password
        f"postgresql://qualicoop:{PASSWORD}@db.example.org:70000/qualicoop",
    ],
)
def test_a_malformed_database_url_does_not_print_its_password(no_settings, capsys, monkeypatch, url):
    monkeypatch.setenv("DATABASE_URL", url)
    err = refused(capsys, "coop", "list")
    assert "DATABASE_URL is malformed" in err and PASSWORD not in err


def test_unparsed_urls_keep_what_does_not_lie_between_the_scheme_and_the_last_at():
    with pytest.raises(DatabaseUrlError) as refusal:
        async_database_url(f"postgresql://u:{PASSWORD}@h:port/db")
    assert str(refusal.value) == "not a database URL: 'postgresql://***@h:port/db'"
    with pytest.raises(DatabaseUrlError) as refusal:  # no scheme at all: what precedes the @ is hidden
        async_database_url(f"u:{PASSWORD}@h/db")
    assert PASSWORD not in str(refusal.value) and "'***@h/db'" in str(refusal.value)
    assert async_database_url("sqlite:///x.db") == "sqlite+inline:///x.db"  # a file is still welcome
    assert async_database_url("sqlite:////srv/x.db") == "sqlite+inline:////srv/x.db"
    assert async_database_url("postgresql://u:p@h:65535/db") == "postgresql+asyncpg://u:p@h:65535/db"


@pytest.fixture
def live(no_settings, capsys, monkeypatch) -> str:
    """An installation with one coop, to copy."""
    url = database_url(no_settings, "live")
    monkeypatch.setenv("DATABASE_URL", url)
    assert main(["db", "upgrade"]) == 0 and main(["coop", "add", "Coop Copiée"]) == 0
    monkeypatch.delenv("DATABASE_URL")
    capsys.readouterr()
    return url


@pytest.mark.parametrize(
    ("target", "said"),
    [
        ("sqlite:///", "in memory"),
        ("sqlite://", "in memory"),
        ("sqlite://new.sqlite3", "three slashes"),
        (f"postgresql://qualicoop:{PASSWORD}@db.example.org:port/qualicoop", "not a database URL"),
        (f"postgresql://qualicoop:{PASSWORD}@db.example.org:0/qualicoop", "port"),
    ],
)
def test_db_copy_to_a_database_in_memory_or_a_malformed_url_is_refused(live, capsys, target, said):
    """« --to sqlite:///$NEW » with $NEW unset was « copied and checked » into memory, then lost."""
    err = refused(capsys, "db", "copy", "--from", live, "--to", target)
    assert err.startswith("qualicoop: --to ") and said in err and PASSWORD not in err


def test_db_copy_from_a_malformed_url_names_the_flag(no_settings, capsys):
    err = refused(capsys, "db", "copy", "--from", "sqlite:///", "--to", database_url(no_settings, "new"))
    assert err.startswith("qualicoop: --from ") and "in memory" in err


def test_a_password_given_in_the_query_is_hidden_too(no_settings, capsys, monkeypatch):
    """asyncpg takes « ?password=… » as well: malformed (a port out of range) or unreachable, never shown."""
    monkeypatch.setenv(
        "DATABASE_URL", f"postgresql://qualicoop@127.0.0.1:543210/qualicoop?password={PASSWORD}"
    )
    err = refused(capsys, "coop", "list")
    assert "543210" in err and PASSWORD not in err and "password=" in err  # it was given, hidden
    monkeypatch.setenv("DATABASE_URL", f"postgresql://qualicoop@127.0.0.1:1/qualicoop?password={PASSWORD}")
    err = refused(capsys, "coop", "list")
    assert "cannot reach the database" in err and PASSWORD not in err, err
