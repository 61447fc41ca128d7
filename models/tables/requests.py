"""Requests to the federation between checkpoints: a thread per question, its messages."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Text
from sqlmodel import Field

from models.tables.base import Table
from models.tables.columns import instant, telegram_id


class RequestSubject(StrEnum):
    DOSSIER = "dossier"
    INDICATORS = "indicators"
    CHECKPOINT = "checkpoint"
    OTHER = "other"


class RequestStatus(StrEnum):
    DRAFT = "draft"  # written, not sent yet
    OPEN = "open"
    CLOSED = "closed"


class RequestThread(Table, table=True):
    """A coop's request to the federation and the replies that follow it."""

    id: int | None = Field(default=None, primary_key=True)
    coop_id: int = Field(foreign_key="coop.id", index=True)
    subject: str = Field(default=RequestSubject.OTHER, max_length=20)
    status: str = Field(default=RequestStatus.DRAFT, max_length=10)
    opened_by: int = telegram_id(index=True)
    created_at: datetime = instant()
    updated_at: datetime = instant()  # the last message
    sent_at: datetime | None = instant(nullable=True)
    closed_at: datetime | None = instant(nullable=True)
    closed_by: int | None = telegram_id(default=None)


class RequestMessage(Table, table=True):
    """One message of a thread, from the coop or from the federation, with an optional file."""

    id: int | None = Field(default=None, primary_key=True)
    thread_id: int = Field(foreign_key="requestthread.id", index=True)
    author_id: int = telegram_id(index=True)
    from_federation: bool = False
    text: str = Field(default="", sa_type=Text)
    file_name: str | None = Field(default=None, max_length=255)
    mime_type: str | None = Field(default=None, max_length=100)
    size: int = 0
    sha256: str | None = Field(default=None, max_length=64)
    created_at: datetime = instant()
