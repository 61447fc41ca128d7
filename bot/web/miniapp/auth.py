"""Who opened the Mini App: Telegram's signed init data, checked exactly as Telegram documents it.

Each API request carries ``Authorization: tma <initData>``. The init data is a query string signed
by Telegram: ``hash`` is the hex HMAC-SHA-256 of the data-check-string (every other field,
``key=value``, sorted by key, joined by line feeds) under the secret key HMAC-SHA-256("WebAppData",
bot token). ``auth_date`` (Unix seconds) says when Telegram issued it: older than the allowed age,
it is refused, so that a leaked init data string does not open the dossier for long.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import parse_qsl

SCHEME = "tma"
# Telegram's clock and ours may differ a little: an auth_date this far in the future is accepted
CLOCK_SKEW_SECONDS = 300


class Unauthenticated(Exception):
    """Missing, unsigned, tampered or stale init data: the request gets 401."""


class Stale(Unauthenticated):
    """Init data signed by Telegram, only older than the allowed age: whose it is is known."""

    def __init__(self, init: InitData) -> None:
        super().__init__("stale init data")
        self.init = init


@dataclass(frozen=True)
class InitData:
    """The checked init data: the Telegram user, their app's language, when it was issued."""

    user_id: int
    first_name: str
    language_code: str | None
    auth_date: datetime
    username: str | None = None


def secret_key(bot_token: str) -> bytes:
    """The key the init data is signed with, derived from the bot token."""
    return hmac.new(b"WebAppData", bot_token.encode(), hashlib.sha256).digest()


def data_check_string(fields: dict[str, str]) -> str:
    """Every field but the hash, « key=value », sorted by key, one per line."""
    return "\n".join(f"{key}={value}" for key, value in sorted(fields.items()) if key != "hash")


def signature(fields: dict[str, str], bot_token: str) -> str:
    """The hex signature Telegram puts in ``hash`` for these fields."""
    check = data_check_string(fields).encode()
    return hmac.new(secret_key(bot_token), check, hashlib.sha256).hexdigest()


def from_header(header: str | None) -> str:
    """The init data of an ``Authorization: tma <initData>`` header."""
    scheme, _, value = (header or "").partition(" ")
    if scheme.lower() != SCHEME or not value.strip():
        raise Unauthenticated("no tma authorization")
    return value.strip()


def check_init_data(raw: str, bot_token: str, *, now: datetime, max_age: int) -> InitData:
    """The user of signed, fresh init data; Unauthenticated otherwise."""
    pairs = parse_qsl(raw, keep_blank_values=True, strict_parsing=False)
    fields = dict(pairs)
    if len(fields) != len(pairs):  # a field given twice: not what Telegram signs
        raise Unauthenticated("repeated field")
    received = fields.get("hash", "")
    if not received or not hmac.compare_digest(signature(fields, bot_token), received.lower()):
        raise Unauthenticated("bad signature")
    try:
        issued = datetime.fromtimestamp(int(fields["auth_date"]), UTC)
        user = json.loads(fields["user"])
        user_id = int(user["id"])
    except (KeyError, ValueError, TypeError) as error:
        raise Unauthenticated(f"malformed init data: {error}") from None
    name, username = str(user.get("first_name", "")), user.get("username")
    init = InitData(user_id, name, user.get("language_code"), issued, str(username) if username else None)
    age = (now - issued).total_seconds()
    if age > max_age or age < -CLOCK_SKEW_SECONDS:
        raise Stale(init)
    return init
