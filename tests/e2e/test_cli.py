"""The qualicoop command line, offline: settings errors, coops, invitations, admins, referential."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from bot.cli import main
from models.referential.parsing import default_referential
from tests.databases import database_url

SCRIPT = Path(sys.executable).parent / "qualicoop"


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    """An empty working directory with its own database (made as the bot's first start makes it) and no
    inherited settings."""
    monkeypatch.chdir(tmp_path)
    for name in ("TELEGRAM_BOT_TOKEN", "DATABASE_URL", "QUALICOOP_ADMIN_IDS", "TELEGRAM_API_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABASE_URL", database_url(tmp_path, "cli"))
    assert main(["db", "upgrade"]) == 0
    return tmp_path


def run_cli(*args: str, env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """The installed console script, as an IT person would run it."""
    environment = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    environment.update(env or {})
    return subprocess.run(
        [str(SCRIPT), *args], capture_output=True, text=True, env=environment, cwd=cwd, timeout=60
    )


def test_help_of_every_command(capsys):
    # one real process proves the module runs; the others' help is argparse's, read in this process
    result = subprocess.run(
        [sys.executable, "-m", "bot", "--help"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "usage: qualicoop" in result.stdout
    for args in (
        ["coop"],
        ["coop", "add"],
        ["coop", "invite"],
        ["admin", "add"],
        ["admin", "remove"],
        ["admin", "list"],
        ["referential", "load"],
    ):
        with pytest.raises(SystemExit) as leaving:
            main([*args, "--help"])
        assert leaving.value.code == 0
        assert "usage: qualicoop " + " ".join(args) in capsys.readouterr().out


def test_the_version_is_said(capsys):
    with pytest.raises(SystemExit) as leaving:
        main(["--version"])
    assert leaving.value.code == 0
    assert capsys.readouterr().out == f"qualicoop {version('qualicoop')}\n"


def test_run_without_token_prints_one_line_naming_the_variable(tmp_path):
    result = run_cli("run", cwd=tmp_path, env={"DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}"})
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "TELEGRAM_BOT_TOKEN" in lines[0]
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_malformed_setting_is_one_clear_line(tmp_path):
    result = run_cli("coop", "list", cwd=tmp_path, env={"QUALICOOP_ADMIN_IDS": "12,abc"})
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "qualicoop: QUALICOOP_ADMIN_IDS is malformed: expected Telegram user ids separated by "
        "commas, e.g. 12345,67890"
    ]
    result = run_cli("coop", "list", cwd=tmp_path, env={"DATABASE_URL": "mysql://db/x"})
    assert "DATABASE_URL is malformed: unsupported database 'mysql'" in result.stderr


def test_env_file_is_read(workdir, capsys, monkeypatch):
    monkeypatch.delenv("DATABASE_URL")
    (workdir / ".env").write_text(f"DATABASE_URL=sqlite:///{workdir / 'from-env.sqlite3'}\n")
    assert main(["db", "upgrade"]) == 0
    assert (workdir / "from-env.sqlite3").exists()


def test_coop_add_list_invite_revoke(workdir, capsys):
    assert main(["coop", "add", "Coop Habitat Bretagne", "--region", "Bretagne"]) == 0
    out = capsys.readouterr().out
    assert "coop #1 Coop Habitat Bretagne added" in out
    assert "direction token " in out and "member    token " in out
    assert "/start <token>" in out  # the bot never ran: explain how to use the token
    token = out.split("member    token ")[1].split()[0]

    assert main(["coop", "add", "coop habitat bretagne"]) == 2
    assert "already exists" in capsys.readouterr().err

    assert main(["coop", "invite", "Coop Habitat Bretagne", "--role", "direction"]) == 0
    assert "direction token" in capsys.readouterr().out
    assert main(["coop", "invite", "Nowhere"]) == 2
    assert "no coop 'Nowhere'" in capsys.readouterr().err

    assert main(["coop", "list"]) == 0
    listing = capsys.readouterr().out
    assert "Coop Habitat Bretagne" in listing and "Bretagne" in listing and "dossier draft" in listing

    assert main(["coop", "revoke", f"https://t.me/QualiCoopBot?start={token}"]) == 0  # the link as printed
    revoked = "the member invitation of #1 'Coop Habitat Bretagne' is revoked"  # which one, said
    assert capsys.readouterr().out == f"{revoked}; members who already joined stay members\n"
    assert main(["coop", "revoke", token]) == 0
    assert "the member invitation of #1 'Coop Habitat Bretagne' was already withdrawn, on 20" in (
        capsys.readouterr().out
    )
    assert main(["coop", "revoke", "unknown-token"]) == 2

    assert main(["coop", "invite", "#1"]) == 0  # as « coop list » shows it
    assert "new invitation for Coop Habitat Bretagne" in capsys.readouterr().out
    assert main(["coop", "add", "1"]) == 0  # a name is a name when adding, not coop #1
    assert "coop #2 1 added" in capsys.readouterr().out


def test_coop_add_prints_a_link_once_the_bot_username_is_known(workdir, capsys):
    import asyncio

    from models.bot_settings import BOT_USERNAME, put_setting
    from models.db import Database

    async def remember_username():
        database = Database(os.environ["DATABASE_URL"])
        await database.upgrade()
        async with database.transaction() as session:
            await put_setting(session, BOT_USERNAME, "QualiCoopBot")
        await database.dispose()

    asyncio.run(remember_username())
    assert main(["coop", "add", "Coop Lien"]) == 0
    assert "https://t.me/QualiCoopBot?start=" in capsys.readouterr().out


def test_admin_add(workdir, capsys):
    assert main(["admin", "add", "123456789"]) == 0
    assert "123456789 is now admin" in capsys.readouterr().out
    assert main(["admin", "add", "123456789", "--committee"]) == 0
    assert "now committee" in capsys.readouterr().out
    assert main(["admin", "add", "123456789"]) == 0
    assert "already admin" in capsys.readouterr().out


def test_admin_list_and_remove(workdir, capsys, monkeypatch):
    monkeypatch.setenv("QUALICOOP_ADMIN_IDS", "555")
    assert main(["admin", "list"]) == 0
    out = capsys.readouterr().out
    assert "555  admin" in out and "(QUALICOOP_ADMIN_IDS)" in out
    assert main(["admin", "add", "123456789", "--committee"]) == 0
    assert main(["admin", "add", "123456789"]) == 0
    capsys.readouterr()
    assert main(["admin", "list"]) == 0
    listing = capsys.readouterr().out.splitlines()
    assert [line.split()[:2] for line in listing] == [
        ["123456789", "admin"],
        ["123456789", "committee"],
        ["555", "admin"],
    ]
    assert main(["admin", "remove", "123456789", "--committee"]) == 0
    assert "123456789 is no longer committee" in capsys.readouterr().out
    assert main(["admin", "remove", "123456789", "--committee"]) == 2
    assert "is not committee" in capsys.readouterr().err
    assert main(["admin", "remove", "555"]) == 2  # a setting's admin is removed from the setting
    assert "QUALICOOP_ADMIN_IDS" in capsys.readouterr().err
    assert main(["admin", "list"]) == 0
    assert "committee" not in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["coop", "invite", "Coop Jours", "--days", "0"], "from 1 to 3650 days"),
        (["coop", "invite", "Coop Jours", "--days", "-3"], "from 1 to 3650 days"),
        (["coop", "invite", "Coop Jours", "--days", "deux"], "not a number of days"),
        (
            ["admin", "add", "-5"],
            "-5 is not a person's Telegram id, which is a positive number like 123456789",
        ),
        (["admin", "add", "0"], "the person sends /mesdonnees to the bot, the text file it sends back shows"),
        (["admin", "remove", "abc"], "not a Telegram user id"),
    ],
)
def test_impossible_days_and_ids_are_refused_before_anything_is_stored(workdir, capsys, args, said):
    assert main(["coop", "add", "Coop Jours"]) == 0
    capsys.readouterr()
    with pytest.raises(SystemExit) as refused:
        main(args)
    assert refused.value.code == 2 and said in capsys.readouterr().err
    assert main(["coop", "invite", "Coop Jours", "--days", "7"]) == 0
    assert "valid 7 days" in capsys.readouterr().out


def test_referential_show_and_load(workdir, capsys):
    assert main(["referential", "show"]) == 0
    out = capsys.readouterr().out
    assert "Permettre l’accès à un logement abordable au plus grand nombre" in out
    assert out.count("(provisoire)") == 11

    broken = default_referential().to_json()
    data = json.loads(broken)
    data["engagements"] = data["engagements"][:-1]
    bad = workdir / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    assert main(["referential", "load", str(bad)]) == 2
    assert "axis 3 has 3 engagements, expected 4" in capsys.readouterr().err

    data = json.loads(broken)
    data["version"] = "2027-official"
    for engagement in data["engagements"]:
        engagement["provisional"] = False
    data["engagements"][1]["title"]["fr"] = "Garantir la qualité (officiel)"
    good = workdir / "good.json"
    good.write_text(json.dumps(data), encoding="utf-8")
    assert main(["referential", "load", str(good)]) == 0
    assert "referential 2027-official loaded: 3 axes, 12 engagements" in capsys.readouterr().out
    assert main(["referential", "show"]) == 0
    out = capsys.readouterr().out
    assert "Garantir la qualité (officiel)" in out and "(provisoire)" not in out
    assert main(["referential", "load", str(bad)]) == 2  # refused: the official one stays
    capsys.readouterr()
    main(["referential", "show"])
    assert "2027-official" in capsys.readouterr().out


@pytest.mark.parametrize("command", [["run"], ["coop", "list"], ["db", "upgrade"]])
def test_a_database_that_does_not_answer_is_one_line_without_its_password(tmp_path, command):
    env = {
        "DATABASE_URL": "postgresql://qualicoop:s3cret-pw@127.0.0.1:1/qualicoop",
        "TELEGRAM_BOT_TOKEN": "1:A",
    }
    result = run_cli(*command, cwd=tmp_path, env=env)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [result.stderr.strip()] and result.stderr.startswith(
        "qualicoop: cannot reach the database postgresql://qualicoop:***@127.0.0.1:1/qualicoop"
    )
    assert "Traceback" not in result.stderr and "s3cret-pw" not in result.stderr + result.stdout


@pytest.mark.parametrize(
    "command",
    [
        ["coop", "list"],
        ["coop", "add", "Coop Égarée"],
        ["admin", "add", "123456789"],
        ["referential", "show"],
        ["user", "erase", "123456789"],
        ["db", "backup", "backup.sqlite3"],
    ],
)
def test_a_command_run_from_another_folder_refuses_instead_of_making_an_empty_database(
    tmp_path, monkeypatch, capsys, command
):
    """.env and the default database are relative to the folder the command runs in: elsewhere (cron,
    another shell) only ``run`` and ``db upgrade`` may make a new database; the others say where they
    looked and how to point at the bot's."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert main(command) == 2
    assert capsys.readouterr().err == (
        f"qualicoop: no database at {tmp_path / 'qualicoop.sqlite3'}: run the command from the bot's folder "
        "(where its .env and database are), or set DATABASE_URL to the database, e.g. "
        "sqlite:////srv/qualicoop/qualicoop.sqlite3 ('qualicoop db upgrade' creates a new one)\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_missing_subcommand_is_refused_with_the_list_of_them(capsys):
    for command, listed in ((["db"], "{upgrade,backup,copy}"), (["coop"], "{add,list,invite,revoke}")):
        with pytest.raises(SystemExit) as refused:
            main(command)
        said = capsys.readouterr().err
        assert refused.value.code == 2 and f"error: the following arguments are required: {listed}" in said, (
            said
        )


def test_output_cut_short_by_its_reader_is_no_error(tmp_path):
    """``qualicoop referential show | head -3``: the reader has gone before the command writes."""
    import asyncio

    from models.db import Database

    url = database_url(tmp_path, "pipe")
    asyncio.run(Database(url).upgrade())
    process = subprocess.Popen(
        [str(SCRIPT), "referential", "show"], cwd=tmp_path, env={**os.environ, "DATABASE_URL": url},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    process.stdout.close()
    stderr = process.stderr.read()
    assert process.wait(timeout=60) == 0 and stderr == ""
