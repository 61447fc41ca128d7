"""The dossier and what it is made of: engagements, indicators, actions, files, versions, audit."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Text, UniqueConstraint
from sqlmodel import Field

from models.tables.base import Table
from models.tables.columns import instant, telegram_id


class AttachmentKind(StrEnum):
    COMMITMENT_LETTER = "commitment_letter"  # the direction's, required; one per dossier
    SUPPORTING = "supporting"


class DossierStatus(StrEnum):
    DRAFT = "draft"
    READY = "ready"  # every rule holds; any later edit puts it back to draft
    SUBMITTED = "submitted"
    INFO_REQUESTED = "info_requested"  # the committee asked for more: editable again
    REFUSED = "refused"
    ADMISSIBLE = "admissible"  # date A: the 18 months of work with checkpoints
    VISITED = "visited"  # the committee visited; the label decision is next
    LABELLED = "labelled"  # date L: the label for 3 years, mid-term checkpoint at L + 18 months
    RENEWED = "renewed"  # closed: the next cycle's dossier carries on


class CheckpointKind(StrEnum):
    SIX_MONTHS = "six_months"  # A + 6 months
    TWELVE_MONTHS = "twelve_months"  # A + 12 months
    VISIT = "visit"  # A + 18 months
    MID_TERM = "mid_term"  # L + 18 months
    EXPIRY = "expiry"  # L + 36 months: the label ends, renewal


class Dossier(Table, table=True):
    """The candidacy dossier of one coop for one label cycle."""

    __table_args__ = (UniqueConstraint("coop_id", "cycle"),)
    id: int | None = Field(default=None, primary_key=True)
    coop_id: int = Field(foreign_key="coop.id", index=True)
    cycle: int = 1
    status: DossierStatus = DossierStatus.DRAFT
    version: int = 0  # bumped at every saved change, to detect stale screens
    approach: str | None = Field(default=None, sa_type=Text)
    staff_information: str | None = Field(default=None, sa_type=Text)
    members_information: str | None = Field(default=None, sa_type=Text)
    members_consultation: str | None = Field(default=None, sa_type=Text)
    created_at: datetime = instant()
    updated_at: datetime = instant()
    submitted_at: datetime | None = instant(nullable=True)
    admissible_on: date | None = None  # A
    labelled_on: date | None = None  # L


class EngagementChoice(Table, table=True):
    __table_args__ = (UniqueConstraint("dossier_id", "engagement_code"),)
    id: int | None = Field(default=None, primary_key=True)
    dossier_id: int = Field(foreign_key="dossier.id", index=True)
    engagement_code: int
    chosen_by: int | None = telegram_id(default=None)
    chosen_at: datetime = instant()


class Indicator(Table, table=True):
    """One indicator of a chosen engagement; values are stored in canonical text form."""

    id: int | None = Field(default=None, primary_key=True)
    dossier_id: int = Field(foreign_key="dossier.id", index=True)
    engagement_code: int
    position: int = 0
    suggested_code: str | None = Field(default=None, max_length=20)
    title: str = Field(default="", max_length=300)
    rationale: str | None = Field(default=None, sa_type=Text)
    value_kind: str | None = Field(default=None, max_length=20)
    unit: str | None = Field(default=None, max_length=20)
    current_value: str | None = Field(default=None, max_length=300)
    target_value: str | None = Field(default=None, max_length=300)
    target_date: date | None = None
    baseline_value: str | None = Field(default=None, max_length=300)  # the current value at admissibility
    created_at: datetime = instant()
    updated_at: datetime = instant()


class Action(Table, table=True):
    """One step of an indicator's action plan."""

    id: int | None = Field(default=None, primary_key=True)
    indicator_id: int = Field(foreign_key="indicator.id", index=True)
    position: int = 0
    description: str = Field(default="", sa_type=Text)
    owner: str | None = Field(default=None, max_length=200)
    due_date: date | None = None
    due_precision: str = Field(default="day", max_length=10)  # "month" when typed as "mars 2026"
    status: str = Field(default="not_started", max_length=20)
    note: str | None = Field(default=None, sa_type=Text)
    created_at: datetime = instant()
    updated_at: datetime = instant()


class Attachment(Table, table=True):
    """A file of the dossier (commitment letter or supporting document), stored by content hash."""

    id: int | None = Field(default=None, primary_key=True)
    dossier_id: int = Field(foreign_key="dossier.id", index=True)
    kind: str = Field(max_length=30)
    label: str = Field(default="", max_length=200)
    file_name: str = Field(default="", max_length=255)
    mime_type: str | None = Field(default=None, max_length=100)
    size: int = 0
    sha256: str = Field(default="", max_length=64)
    telegram_file_id: str | None = Field(default=None, max_length=255)
    uploaded_by: int | None = telegram_id(default=None)
    uploaded_at: datetime = instant()


class AuditEntry(Table, table=True):
    """Who changed what and when; written in the same transaction as the change."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = instant()
    actor_id: int | None = telegram_id(default=None, index=True)  # None: the CLI or the system
    coop_id: int | None = Field(default=None, index=True)
    entity: str = Field(max_length=40)
    entity_id: int | None = None
    action: str = Field(max_length=40)
    field: str | None = Field(default=None, max_length=60)
    old_value: str | None = Field(default=None, sa_type=Text)
    new_value: str | None = Field(default=None, sa_type=Text)


class DossierVersion(Table, table=True):
    """A frozen copy of a dossier as it was submitted to the committee."""

    __table_args__ = (UniqueConstraint("dossier_id", "version"),)
    id: int | None = Field(default=None, primary_key=True)
    dossier_id: int = Field(foreign_key="dossier.id", index=True)
    version: int
    submitted_by: int | None = telegram_id(default=None)
    submitted_at: datetime = instant()
    content: str = Field(default="{}", sa_type=Text)  # JSON of the whole dossier


class Checkpoint(Table, table=True):
    """A dated step of the label's life: due on a date, held (or not) with the committee's notes."""

    __table_args__ = (UniqueConstraint("dossier_id", "kind"),)
    id: int | None = Field(default=None, primary_key=True)
    dossier_id: int = Field(foreign_key="dossier.id", index=True)
    kind: str = Field(max_length=20)  # a CheckpointKind
    due_on: date = Field(index=True)  # the reminder sweep looks up the checkpoints of the coming days
    held_on: date | None = None
    notes: str | None = Field(default=None, sa_type=Text)
    recorded_by: int | None = telegram_id(default=None)
