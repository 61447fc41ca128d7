"""Logging for an operator: plain lines or JSON lines, and never a secret setting.

The token is in every Bot API URL, which python-telegram-bot logs at DEBUG and httpx at INFO, and
could be in an exception's text; the webhook secret is in setWebhook's parameters, which PTB logs at
DEBUG; the database password could be in a driver's error. The formatter itself removes each of
them from each finished line (message, arguments and traceback alike), whatever logger wrote it and
at whatever level; an exception nobody caught goes through it too, instead of Python's raw traceback.
"""

from __future__ import annotations

import json
import logging
import sys
import threading
from datetime import UTC, datetime
from urllib.parse import quote

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
HIDDEN = "<token>"


class RedactingFormatter(logging.Formatter):
    """Formats a record as text (or JSON with ``as_json``) and replaces the token in the result."""

    def __init__(self, secrets: list[str], *, as_json: bool = False) -> None:
        super().__init__(TEXT_FORMAT)
        # the token as written, and as it appears once URL-encoded (the colon as %3A)
        self.secrets = sorted({s for secret in secrets if secret for s in (secret, quote(secret, safe=""))})
        self.as_json = as_json

    def format(self, record: logging.LogRecord) -> str:
        """One line (text or JSON), token removed."""
        line = self._json(record) if self.as_json else super().format(record)
        for secret in self.secrets:
            line = line.replace(secret, HIDDEN)
        return line

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


def _log_uncaught(kind, error, traceback) -> None:
    """Python's last resort, through the redacting formatter (in the chosen format)."""
    logging.getLogger("qualicoop").critical(
        "stopped by an unexpected error", exc_info=(kind, error, traceback)
    )


def configure_logging(level: str, log_format: str, secrets: list[str | None]) -> None:
    """Every log line of the process through one handler on stderr, in the chosen format."""
    handler = logging.StreamHandler()
    handler.setFormatter(RedactingFormatter([s or "" for s in secrets], as_json=log_format == "json"))
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
