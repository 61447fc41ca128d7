"""Signing Telegram's init data as Telegram does (written here from its documentation, not from the
bot's code), and the requests a Mini App page makes."""

from __future__ import annotations

import hashlib
import hmac
import json
import ssl
from datetime import datetime
from urllib.parse import urlencode

import httpx

from tests.conftest import NOW
from tests.harness import BOT_TOKEN


def signed_init_data(
    user_id: int,
    *,
    language: str = "fr",
    auth_date: datetime = NOW,
    token: str = BOT_TOKEN,
    first_name: str = "Camille",
) -> str:
    """``Telegram.WebApp.initData`` for a user, signed with the bot token."""
    user = {"id": user_id, "first_name": first_name, "language_code": language, "allows_write_to_pm": True}
    fields = {
        "query_id": f"AAH{user_id}",
        "user": json.dumps(user, separators=(",", ":"), ensure_ascii=False),
        "auth_date": str(int(auth_date.timestamp())),
        "signature": "c2lnbmVkLWZvci10aGlyZC1wYXJ0aWVz",  # Ed25519, for third parties: not checked here
    }
    check = "\n".join(f"{key}={value}" for key, value in sorted(fields.items()))
    secret = hmac.new(b"WebAppData", token.encode(), hashlib.sha256).digest()
    fields["hash"] = hmac.new(secret, check.encode(), hashlib.sha256).hexdigest()
    return urlencode(fields)


def tma(init_data: str) -> dict[str, str]:
    """The header every API request of the page carries."""
    return {"Authorization": f"tma {init_data}"}


# Every client of the tests speaks plain HTTP on 127.0.0.1; httpx still loads the system's
# certificates for each new client (some 40 ms): one context, loaded once, serves them all.
_TLS = ssl.create_default_context()


def local_client(base_url: str = "", **options) -> httpx.AsyncClient:
    """An HTTP client for the bot's web server or the fake Bot API, waiting 30 s (a loaded CI). A
    connection idle for 2 s is not used again: the server closes its own after 5 s (uvicorn's keep-alive),
    and a request sent on one it was closing fails (``httpx.ReadError``, seen on a loaded CI)."""
    options.setdefault("limits", httpx.Limits(keepalive_expiry=2))
    return httpx.AsyncClient(timeout=30, verify=_TLS, base_url=base_url, **options)
