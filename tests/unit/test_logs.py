"""The log formatter: text or JSON lines, and the bot token never in any of them."""

from __future__ import annotations

import json
import logging

from bot.logs import HIDDEN, RedactingFormatter

TOKEN = "123456:AAH-secret_token"


def record(message: str, *args, exc_info=None) -> logging.LogRecord:
    return logging.LogRecord("telegram.Bot", logging.DEBUG, __file__, 1, message, args, exc_info)


def test_the_token_is_removed_from_messages_arguments_urls_and_tracebacks():
    formatter = RedactingFormatter([TOKEN])
    assert TOKEN not in formatter.format(record("POST https://api.telegram.org/bot%s/getMe", TOKEN))
    assert HIDDEN in formatter.format(record(f"calling https://api.telegram.org/bot{TOKEN}/sendMessage"))
    encoded = TOKEN.replace(":", "%3A")
    assert encoded not in formatter.format(record(f"GET /file/bot{encoded}/documents/a.pdf"))
    try:
        raise RuntimeError(f"failed on https://api.telegram.org/bot{TOKEN}/getUpdates")
    except RuntimeError as error:
        line = formatter.format(record("boom", exc_info=(type(error), error, error.__traceback__)))
    assert "Traceback" in line and TOKEN not in line


def test_json_lines_carry_time_level_logger_message_and_exception():
    formatter = RedactingFormatter([TOKEN], as_json=True)
    try:
        raise ValueError(TOKEN)
    except ValueError as error:
        line = formatter.format(
            record("sent %d to bot%s", 3, TOKEN, exc_info=(ValueError, error, error.__traceback__))
        )
    entry = json.loads(line)
    assert entry["level"] == "DEBUG" and entry["logger"] == "telegram.Bot"
    assert entry["message"] == f"sent 3 to bot{HIDDEN}" and "ValueError" in entry["exception"]
    assert TOKEN not in line and "\n" not in line
