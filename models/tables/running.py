"""What several running instances of the bot share: who is alive, who sends, the stored files, and
the updates received through the webhook."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, LargeBinary, Text
from sqlmodel import Field

from models.tables.base import Table
from models.tables.columns import instant


class Instance(Table, table=True):
    """One running process of the bot; alive while its heartbeat is recent."""

    id: str = Field(primary_key=True, max_length=40)
    host: str = Field(default="", max_length=200)
    pid: int = 0
    started_at: datetime = instant()
    heartbeat_at: datetime = instant()
    # the most answers it sent in one second lately: what the sending instance keeps back for it
    answer_rate: int | None = None


class Lease(Table, table=True):
    """A task only one instance may do at a time (sending): held until it expires unless renewed."""

    name: str = Field(primary_key=True, max_length=40)
    holder: str | None = Field(default=None, max_length=40)
    expires_at: datetime = instant()


class StoredFile(Table, table=True):
    """An uploaded document's bytes, named by their SHA-256 (one copy whoever uploads it)."""

    sha256: str = Field(primary_key=True, max_length=64)
    size: int = 0
    content: bytes = Field(sa_type=LargeBinary)
    stored_at: datetime = instant()


class ReceivedUpdate(Table, table=True):
    """An update Telegram posted to the webhook: a second delivery of it (to any instance) is ignored."""

    update_id: int = Field(primary_key=True, sa_type=BigInteger, sa_column_kwargs={"autoincrement": False})
    received_at: datetime = instant()  # rows older than two days are removed by the upkeep
    sender: int | None = Field(default=None, sa_type=BigInteger)  # the user who sent it, if any


class UnhandledUpdate(Table, table=True):
    """An update received through the webhook and not answered yet: kept until its work is stored, so
    that an instance killed meanwhile leaves it to another, then, its body emptied, until its reply is
    sent, so that another shows its sender where they are (``models.operations.inbox``)."""

    update_id: int = Field(primary_key=True, sa_type=BigInteger, sa_column_kwargs={"autoincrement": False})
    sender: int | None = Field(default=None, sa_type=BigInteger)
    receiver: str = Field(max_length=40)  # the instance handling it: it is another's once that one is gone
    received_at: datetime = instant()
    body: str = Field(sa_type=Text)  # the update as Telegram posted it (JSON); "" once handled
