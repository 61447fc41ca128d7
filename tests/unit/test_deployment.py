"""The Dockerfile and compose.yaml name exactly settings the bot reads, take the token from the
environment, and keep the database in a volume (building the image is not needed for that)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml
from sqlalchemy.engine import make_url

from bot.settings import ENV_NAMES, WEBHOOK_SETTINGS
from models.db import Database, DatabaseUnavailable

ROOT = Path(__file__).resolve().parents[2]
READ_BY_THE_BOT = set(ENV_NAMES.values())


def compose() -> dict:
    return yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))


def dockerfile_settings() -> dict[str, str]:
    """The ENV the Dockerfile sets (``ENV A=1 \\ B=2`` lines)."""
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ")
    found = {}
    for line in text.splitlines():
        if line.startswith("ENV "):
            found.update(re.findall(r"(\w+)=(\S+)", line))
    return found


def test_compose_names_only_settings_the_bot_reads_and_all_that_webhook_mode_needs():
    bot = compose()["services"]["bot"]
    names = set(bot["environment"])
    assert names <= READ_BY_THE_BOT, names - READ_BY_THE_BOT
    assert {ENV_NAMES[name] for name in WEBHOOK_SETTINGS} <= names
    assert bot["command"] == ["qualicoop", "run", "--webhook"]


def test_the_token_and_passwords_come_from_the_environment():
    bot, db = compose()["services"]["bot"], compose()["services"]["db"]
    assert bot["environment"]["TELEGRAM_BOT_TOKEN"].startswith("${TELEGRAM_BOT_TOKEN")
    assert bot["environment"]["QUALICOOP_WEBHOOK_SECRET"].startswith("${QUALICOOP_WEBHOOK_SECRET")
    assert db["environment"]["POSTGRES_PASSWORD"].startswith("${POSTGRES_PASSWORD")
    url = make_url(
        bot["environment"]["DATABASE_URL"].replace(
            "${POSTGRES_PASSWORD:?put a database password in .env}", "x"
        )
    )
    assert (url.get_backend_name(), url.host, url.database) == (
        "postgresql",
        "db",
        db["environment"]["POSTGRES_DB"],
    )
    assert "TELEGRAM_BOT_TOKEN" not in dockerfile_settings()


def test_the_database_lives_in_a_volume():
    document = compose()
    mounts = document["services"]["db"]["volumes"]
    assert "database:/var/lib/postgresql/data" in mounts and "database" in document["volumes"]
    assert document["services"]["bot"]["depends_on"]["db"]["condition"] == "service_healthy"


def test_the_dockerfile_installs_the_postgresql_driver_and_names_only_settings_the_bot_reads():
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "pip install '.[postgres]'" in text and 'CMD ["qualicoop", "run", "--webhook"]' in text
    settings = dockerfile_settings()
    assert (
        set(settings) - {"PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED", "PIP_NO_CACHE_DIR"} <= READ_BY_THE_BOT
    )
    assert settings["QUALICOOP_WEB_PORT"] in text.split("EXPOSE ")[1]


def test_without_the_postgresql_driver_the_readme_s_own_command_is_given(monkeypatch):
    """Not « pip install 'qualicoop[postgres]' »: no such package is ours on PyPI (whoever owns the name
    would be installed); the README installs the extra from the bot's folder."""
    monkeypatch.setitem(sys.modules, "asyncpg", None)  # « import asyncpg » fails as if not installed
    with pytest.raises(DatabaseUnavailable) as missing:
        Database("postgresql://qualicoop:pw@127.0.0.1/qualicoop")
    said = str(missing.value)
    assert said == (
        "the driver for postgresql is not installed (asyncpg): in the bot's folder, "
        ".venv/bin/pip install -e '.[postgres]'"
    )
    assert "pip install -e '.[postgres]'" in (ROOT / "README.md").read_text(encoding="utf-8")
