"""Every secret setting is kept out of the logs, and an exception nobody caught goes through the
redacting formatter (in the chosen format) instead of Python's raw traceback."""

from __future__ import annotations

import json
import logging
import sys
import threading

import pytest

from bot.logs import HIDDEN, configure_logging
from bot.settings import load_settings

TOKEN = "123456:AAH-secret_token"
SECRET = "a-webhook-secret-of-some-length"


@pytest.fixture
def logging_restored(monkeypatch):
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def test_the_secrets_are_the_token_the_webhook_secret_and_the_database_password():
    settings = load_settings(
        TELEGRAM_BOT_TOKEN=TOKEN,
        QUALICOOP_WEBHOOK_SECRET=SECRET,
        DATABASE_URL="postgresql://qualicoop:p%40ss-word@db.example.org/qualicoop",
    )
    assert [(s.value, s.label, s.in_urls_only) for s in settings.secrets] == [
        (TOKEN, "<token>", False),
        ("AAH-secret_token", "<token>", False),  # its secret part alone, as a split URL quotes it
        (SECRET, "<webhook-secret>", False),
        ("p@ss-word", "<db-password>", True),  # only where a URL carries it
    ]


def test_the_token_s_secret_part_alone_is_never_shown():
    """An API URL that breaks at the token's « : » (``https://`` alone, left unfinished) made httpx say
    « Invalid port: 'AAH-secret_token' », which ``qualicoop admin add`` printed: the secret part alone is
    redacted wherever it stands; and such a URL is refused with the settings, as any malformed one."""
    from bot.logs import Redaction

    settings = load_settings(TELEGRAM_BOT_TOKEN=TOKEN)
    said = Redaction(settings.secrets)("InvalidURL(\"Invalid port: 'AAH-secret_token'\")")
    assert "secret_token" not in said and "<token>" in said, said
    with pytest.raises(Exception, match="with its host"):
        load_settings(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL="https://")


def test_an_uncaught_exception_is_one_redacted_json_line(logging_restored, capsys):
    settings = load_settings(
        TELEGRAM_BOT_TOKEN=TOKEN,
        QUALICOOP_WEBHOOK_SECRET=SECRET,
        DATABASE_URL="postgresql://qualicoop:p%40ss-word@db.example.org/qualicoop",
    )
    configure_logging("INFO", "json", settings.secrets)
    try:
        raise RuntimeError(f"token {TOKEN}, secret {SECRET}, url postgresql://qualicoop:p%40ss-word@db")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1
    entry = json.loads(lines[0])
    assert entry["level"] == "CRITICAL" and "RuntimeError" in entry["exception"]
    assert TOKEN not in err and SECRET not in err and "p%40ss-word" not in err and HIDDEN in err
