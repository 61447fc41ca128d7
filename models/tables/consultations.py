"""Consultations of the staff and the coopérateurs: the question, who may answer, the answers."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Text, UniqueConstraint
from sqlmodel import Field

from models.tables.base import Table
from models.tables.columns import instant, telegram_id


class ConsultationStatus(StrEnum):
    DRAFT = "draft"  # being prepared by the direction
    OPEN = "open"  # answers accepted until the closing date
    CLOSED = "closed"  # closed early by the direction (a passed closing date closes it too)


class Consultation(Table, table=True):
    """A question the direction asks its members and coopérateurs; the results are dossier evidence."""

    id: int | None = Field(default=None, primary_key=True)
    coop_id: int = Field(foreign_key="coop.id", index=True)
    dossier_id: int = Field(foreign_key="dossier.id", index=True)
    created_by: int = telegram_id(index=True)  # an anonymised reference once the person is erased
    status: str = Field(default=ConsultationStatus.DRAFT, max_length=10)
    question: str | None = Field(default=None, sa_type=Text)  # None: « which engagements matter most? »
    choices: str = Field(default="[]", sa_type=Text)  # JSON list of a free question's choices
    for_members: bool = True  # every member of the coop in the bot is invited
    public_token: str | None = Field(default=None, unique=True, index=True, max_length=64)
    via_link: bool = False  # asked through a public link: stays when the link itself is withdrawn
    closes_on: date | None = None  # answers are accepted until the end of this day (Paris)
    created_at: datetime = instant()
    updated_at: datetime = instant()
    opened_at: datetime | None = instant(nullable=True)
    closed_at: datetime | None = instant(nullable=True)
    reached: int | None = None  # people reached, frozen after closing: its link expired, one of them erased


class ConsultationAnswer(Table, table=True):
    """One person's answer: the indices of the choices ticked and a comment; counted once sent."""

    __table_args__ = (UniqueConstraint("consultation_id", "user_id"),)
    id: int | None = Field(default=None, primary_key=True)
    consultation_id: int = Field(foreign_key="consultation.id", index=True)
    user_id: int = telegram_id(index=True)  # never shown in results; anonymised on erasure
    choices: str = Field(default="[]", max_length=500)  # JSON list of choice indices
    comment: str | None = Field(default=None, sa_type=Text)
    answered_at: datetime | None = instant(nullable=True)  # None: ticked, not sent yet
    updated_at: datetime = instant()


class ConsultationAccess(Table, table=True):
    """Someone who opened a consultation's public link: that consultation, and nothing else."""

    __table_args__ = (UniqueConstraint("consultation_id", "user_id"),)
    id: int | None = Field(default=None, primary_key=True)
    consultation_id: int = Field(foreign_key="consultation.id", index=True)
    user_id: int = telegram_id(index=True)
    opened_at: datetime = instant()
