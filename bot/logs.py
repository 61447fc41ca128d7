"""Logging for an operator: plain lines or JSON lines, and never a secret setting.

The token is in every Bot API URL, which python-telegram-bot logs at DEBUG and httpx at INFO, and
could be in an exception's text; the webhook secret is in setWebhook's parameters, which PTB logs at
DEBUG; the database password could be in a URL a driver's error shows. The formatter itself removes
each of them from each finished line (message, arguments and traceback alike), whatever logger wrote
it and at whatever level; an exception nobody caught goes through it too, instead of Python's raw
traceback.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import threading
import traceback
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
HIDDEN = "<token>"
HIDDEN_PASSWORD = "<db-password>"
PROJECT = Path(__file__).resolve().parents[1]  # our own code, where an alert says an error was raised


@dataclass(frozen=True)
class Secret:
    """A setting no log line may show, and what stands in its place. A database password is replaced only
    where a URL carries it (``user:password@host``): a short or common one (« qualicoop », « app ») is
    also a word of the logs, which replacing it everywhere would garble."""

    value: str | None
    label: str = HIDDEN
    in_urls_only: bool = False


class Redaction:
    """Replaces the secrets in a text: each log line (``RedactingFormatter``), each alert to the admins
    (``bot.errors``), whose error text may carry a URL with the token as a log line may."""

    def __init__(self, secrets: list[str | Secret]) -> None:
        anywhere: dict[str, str] = {}
        in_urls: dict[str, str] = {}
        for secret in (s if isinstance(s, Secret) else Secret(s) for s in secrets):
            for form in (secret.value, quote(secret.value or "", safe="")):  # as written, and URL-encoded
                if form:
                    (in_urls if secret.in_urls_only else anywhere)[form] = secret.label
        self.secrets = sorted(anywhere.items(), key=lambda item: -len(item[0]))  # the longest first
        self.in_urls = in_urls
        forms = "|".join(re.escape(form) for form in sorted(in_urls, key=len, reverse=True))
        self.url_password = re.compile(f":({forms})@") if in_urls else None

    def __call__(self, text: str) -> str:
        """The text, each secret replaced by its label."""
        for secret, label in self.secrets:
            text = text.replace(secret, label)
        if self.url_password is not None:
            text = self.url_password.sub(lambda found: f":{self.in_urls[found.group(1)]}@", text)
        return text


class RedactingFormatter(logging.Formatter):
    """Formats a record as text (or JSON with ``as_json``) and replaces the secrets in the result."""

    def __init__(self, secrets: list[str | Secret], *, as_json: bool = False) -> None:
        super().__init__(TEXT_FORMAT)
        self.redact = Redaction(secrets)
        self.as_json = as_json

    def format(self, record: logging.LogRecord) -> str:
        """One line (text or JSON), secrets removed."""
        return self.redact(self._json(record) if self.as_json else super().format(record))

    def _json(self, record: logging.LogRecord) -> str:
        """A JSON object per line: time (UTC), level, logger, message, and the traceback if any."""
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


NOISY_AT_INFO = ("httpx", "apscheduler")
# loggers whose tracebacks say nothing their line does not: PTB's parse of an answer that is not JSON
# (a wrong TELEGRAM_API_BASE_URL: « Can not load invalid JSON data: "404: Not Found" »)
ONE_LINE = ("telegram.request.BaseRequest",)


def _without_traceback(record: logging.LogRecord) -> bool:
    """Keep the record, on its one line."""
    record.exc_info = record.exc_text = None
    return True


def one_line(error: BaseException) -> str:
    """An error in one line: its kind and the first line of its text (a driver's SQL, its parameters and
    SQLAlchemy's link left out)."""
    cause = getattr(error, "orig", None) or error
    text = first_line(error)
    return f"{type(cause).__name__}: {text}" if text else type(cause).__name__


def first_line(error: BaseException) -> str:
    """The first line of an error's text, the driver's own for a database error (no SQL, no parameters)."""
    return (str(getattr(error, "orig", None) or error).strip().splitlines() or [""])[0]


PLUMBING = ("models/db.py", "models/sql/")  # every statement passes through them: they name no journey


def database_code(error: BaseException) -> str | None:
    """A database refusal's own code, which names no value (a constraint, PostgreSQL's SQLSTATE, SQLite's
    error name): two refusals of one kind in two places are told apart; None for any other error."""
    orig = getattr(error, "orig", None)
    for source in (orig, getattr(orig, "__cause__", None)):
        for name in ("constraint_name", "sqlstate", "pgcode", "sqlite_errorname"):
            if isinstance(value := getattr(source, name, None), str) and value:
                return value
    return None


def where_raised(error: BaseException) -> str:
    """An error's kind and the innermost frame of our own code it was raised through (« ValueError at
    models/parsing/number.py:42 in parse_number »), never its text: a member's words may be quoted in it
    (« invalid literal for int(): '…' », a key, a value PostgreSQL refused); the log has the whole. For a
    database refusal, its code, and the innermost frame outside our database plumbing (the journey's)."""
    kind = type(getattr(error, "orig", None) or error).__name__  # a database error: the driver's own
    if code := database_code(error):
        kind = f"{kind} ({code})"
    ours = []
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if frame.filename.startswith("<"):  # code a library generated (« <sqlalchemy generated …> »)
            continue
        path = Path(frame.filename).resolve()
        if path.is_relative_to(PROJECT) and "site-packages" not in path.parts:  # not a virtualenv's
            ours.append((path.relative_to(PROJECT), frame))
    journey = next(
        (pair for pair in ours if not str(pair[0]).startswith(PLUMBING)), ours[0] if ours else None
    )
    if journey is None:
        return kind
    path, frame = journey
    return f"{kind} at {path}:{frame.lineno} in {frame.name}"


def _log_uncaught(kind, error, traceback) -> None:
    """Python's last resort, through the redacting formatter (in the chosen format)."""
    logging.getLogger("qualicoop").critical(
        "stopped by an unexpected error", exc_info=(kind, error, traceback)
    )


def configure_logging(level: str, log_format: str, secrets: list[str | Secret]) -> None:
    """Every log line of the process through one handler on stderr, in the chosen format."""
    handler = logging.StreamHandler()
    handler.setFormatter(RedactingFormatter(secrets, as_json=log_format == "json"))
    sys.excepthook = _log_uncaught
    threading.excepthook = lambda args: _log_uncaught(args.exc_type, args.exc_value, args.exc_traceback)
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level.upper())
    logging.captureWarnings(True)  # warnings too, in the same format
    for name in ONE_LINE:
        logging.getLogger(name).addFilter(_without_traceback)
    if logging.getLogger().level > logging.DEBUG:
        # noise at INFO, unless one asks for DEBUG (then redacted like the rest): httpx logs every
        # request; apscheduler (PTB's job queue) two lines per job run, and the WAL checkpoint, the
        # outbox and the heartbeat run every few seconds, a typed answer's paste job at each text:
        # ~200,000 lines a day that hid the few that matter. A job's failure still reaches the error
        # handler (PTB), and apscheduler's own warnings (a run missed) still show.
        for noisy in NOISY_AT_INFO:
            logging.getLogger(noisy).setLevel(logging.WARNING)
