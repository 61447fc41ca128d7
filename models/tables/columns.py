"""Column types shared by the tables: UTC instants, Telegram ids, deep-link tokens."""

from __future__ import annotations

import secrets
import string

from sqlalchemy import BigInteger, Column, DateTime, TypeDecorator
from sqlmodel import Field

from models.clock import as_utc, utcnow

TOKEN_ALPHABET = string.ascii_letters + string.digits


class UTCDateTime(TypeDecorator):
    """Stores instants as naive UTC and gives them back timezone-aware, on every backend."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return None if value is None else as_utc(value).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        return None if value is None else as_utc(value)


def instant(**kwargs) -> Field:
    """A UTC timestamp column (defaults to now unless ``nullable``)."""
    nullable = kwargs.pop("nullable", False)
    if nullable:
        return Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    return Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


def telegram_id(**kwargs) -> Field:
    """Telegram ids exceed 32 bits: always a BIGINT."""
    return Field(sa_type=BigInteger, **kwargs)


def new_token(length: int = 22) -> str:
    """A random deep-link token (≈131 bits) of letters and digits only.

    Telegram accepts [A-Za-z0-9_-] in /start parameters, but a token starting with « - » would be
    read as an option by command lines (``qualicoop coop revoke -x…``).
    """
    return "".join(secrets.choice(TOKEN_ALPHABET) for _ in range(length))
