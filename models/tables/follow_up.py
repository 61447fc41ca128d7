"""Checkpoint progress reports (bilans d'étape) and a coop's consent to share its practices."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Text, UniqueConstraint
from sqlmodel import Field

from models.tables.base import Table
from models.tables.columns import instant, telegram_id


class ReportStatus(StrEnum):
    DRAFT = "draft"
    SENT = "sent"  # frozen: what the committee reads


class ProgressReport(Table, table=True):
    """The bilan d'étape of one interim checkpoint: prepared by the coop, sent by its direction."""

    __table_args__ = (UniqueConstraint("dossier_id", "checkpoint_kind"),)
    id: int | None = Field(default=None, primary_key=True)
    dossier_id: int = Field(foreign_key="dossier.id", index=True)
    checkpoint_kind: str = Field(max_length=20)  # six_months or twelve_months
    status: str = Field(default=ReportStatus.DRAFT, max_length=10)
    difficulties: str | None = Field(default=None, sa_type=Text)
    help_wanted: str | None = Field(default=None, sa_type=Text)
    reviewed: str = Field(default="[]", sa_type=Text)  # JSON: the indicators and actions gone through
    created_by: int = telegram_id()
    created_at: datetime = instant()
    updated_at: datetime = instant()
    sent_by: int | None = telegram_id(default=None)
    sent_at: datetime | None = instant(nullable=True)
    content: str = Field(default="{}", sa_type=Text)  # JSON: the report as sent (values, actions, texts)


class PracticeSharing(Table, table=True):
    """What a coop's direction agreed to share with the network (nothing until it does)."""

    coop_id: int = Field(foreign_key="coop.id", primary_key=True)
    indicators: bool = False  # titles, kinds, units and targets of its indicators
    rationales: bool = False  # and the texts saying why each indicator illustrates the Raison d'être
    decided_by: int | None = telegram_id(default=None)
    decided_at: datetime = instant()
