"""The database tables. Each table is a domain noun; the functions that use them live beside."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import BigInteger, Column, DateTime, Text, TypeDecorator, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.clock import as_utc, utcnow


class UTCDateTime(TypeDecorator):
    """Stores instants as naive UTC and gives them back timezone-aware, on every backend."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return None if value is None else as_utc(value).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        return None if value is None else as_utc(value)


def _instant(**kwargs) -> Field:
    """A UTC timestamp column (defaults to now unless ``nullable``)."""
    nullable = kwargs.pop("nullable", False)
    if nullable:
        return Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    return Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


def _telegram_id(**kwargs) -> Field:
    """Telegram ids exceed 32 bits: always a BIGINT."""
    return Field(sa_type=BigInteger, **kwargs)


class MemberRole(StrEnum):
    MEMBER = "member"
    DIRECTION = "direction"


class FederationRoleName(StrEnum):
    ADMIN = "admin"
    COMMITTEE = "committee"


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


class Coop(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, index=True, max_length=200)
    region: str | None = Field(default=None, max_length=100)
    created_at: datetime = _instant()


class User(SQLModel, table=True):
    """A Telegram user who has talked to the bot."""

    id: int = _telegram_id(primary_key=True)
    first_name: str = Field(default="", max_length=200)
    username: str | None = Field(default=None, max_length=100)
    telegram_language: str | None = Field(default=None, max_length=20)
    language: str | None = Field(default=None, max_length=5)  # chosen with /language
    is_active: bool = True  # False once the user blocked the bot
    announcements: bool = True  # federation announcements (never the dossier's own reminders)
    created_at: datetime = _instant()
    last_seen_at: datetime = _instant()


class Member(SQLModel, table=True):
    """A user's membership of a coop: one coop per user."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = _telegram_id(foreign_key="user.id", unique=True, index=True)
    coop_id: int = Field(foreign_key="coop.id", index=True)
    role: MemberRole = MemberRole.MEMBER
    invitation_id: int | None = Field(default=None, foreign_key="invitation.id")
    joined_at: datetime = _instant()


class FederationRole(SQLModel, table=True):
    """Federation staff: admins broadcast and manage, committee members decide."""

    __table_args__ = (UniqueConstraint("telegram_id", "role"),)
    id: int | None = Field(default=None, primary_key=True)
    telegram_id: int = _telegram_id(index=True)
    role: FederationRoleName
    created_at: datetime = _instant()


class Invitation(SQLModel, table=True):
    """A reusable deep-link token that lets colleagues join a coop with a role."""

    id: int | None = Field(default=None, primary_key=True)
    token: str = Field(unique=True, index=True, max_length=64)
    coop_id: int = Field(foreign_key="coop.id", index=True)
    role: MemberRole = MemberRole.MEMBER
    created_at: datetime = _instant()
    expires_at: datetime = _instant()
    revoked_at: datetime | None = _instant(nullable=True)
    uses: int = 0


class Dossier(SQLModel, table=True):
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
    created_at: datetime = _instant()
    updated_at: datetime = _instant()
    submitted_at: datetime | None = _instant(nullable=True)
    admissible_on: date | None = None  # A
    labelled_on: date | None = None  # L


class EngagementChoice(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("dossier_id", "engagement_code"),)
    id: int | None = Field(default=None, primary_key=True)
    dossier_id: int = Field(foreign_key="dossier.id", index=True)
    engagement_code: int
    chosen_by: int | None = _telegram_id(default=None)
    chosen_at: datetime = _instant()


class Indicator(SQLModel, table=True):
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
    created_at: datetime = _instant()
    updated_at: datetime = _instant()


class Action(SQLModel, table=True):
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
    created_at: datetime = _instant()
    updated_at: datetime = _instant()


class Attachment(SQLModel, table=True):
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
    uploaded_by: int | None = _telegram_id(default=None)
    uploaded_at: datetime = _instant()


class AuditEntry(SQLModel, table=True):
    """Who changed what and when; written in the same transaction as the change."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = _instant()
    actor_id: int | None = _telegram_id(default=None, index=True)  # None: the CLI or the system
    coop_id: int | None = Field(default=None, index=True)
    entity: str = Field(max_length=40)
    entity_id: int | None = None
    action: str = Field(max_length=40)
    field: str | None = Field(default=None, max_length=60)
    old_value: str | None = Field(default=None, sa_type=Text)
    new_value: str | None = Field(default=None, sa_type=Text)


class ChatState(SQLModel, table=True):
    """Which screen or question a user is on, saved at every step so a restart resumes there."""

    user_id: int = _telegram_id(primary_key=True)
    screen: str = Field(default="home", max_length=60)
    data: str = Field(default="{}", sa_type=Text)  # JSON: ids of what the screen is about
    updated_at: datetime = _instant()


class BotSetting(SQLModel, table=True):
    """Small key/value facts learned at run time (bot username, loaded referential)."""

    key: str = Field(primary_key=True, max_length=60)
    value: str = Field(default="", sa_type=Text)
    updated_at: datetime = _instant()


class DossierVersion(SQLModel, table=True):
    """A frozen copy of a dossier as it was submitted to the committee."""

    __table_args__ = (UniqueConstraint("dossier_id", "version"),)
    id: int | None = Field(default=None, primary_key=True)
    dossier_id: int = Field(foreign_key="dossier.id", index=True)
    version: int
    submitted_by: int | None = _telegram_id(default=None)
    submitted_at: datetime = _instant()
    content: str = Field(default="{}", sa_type=Text)  # JSON of the whole dossier


class Checkpoint(SQLModel, table=True):
    """A dated step of the label's life: due on a date, held (or not) with the committee's notes."""

    __table_args__ = (UniqueConstraint("dossier_id", "kind"),)
    id: int | None = Field(default=None, primary_key=True)
    dossier_id: int = Field(foreign_key="dossier.id", index=True)
    kind: str = Field(max_length=20)  # a CheckpointKind
    due_on: date
    held_on: date | None = None
    notes: str | None = Field(default=None, sa_type=Text)
    recorded_by: int | None = _telegram_id(default=None)


class SentReminder(SQLModel, table=True):
    """One reminder sent to one person: the unique key makes every reminder go out once."""

    __table_args__ = (UniqueConstraint("user_id", "event_key", "lead_days"),)
    id: int | None = Field(default=None, primary_key=True)
    user_id: int = _telegram_id(index=True)
    event_key: str = Field(max_length=80)  # e.g. "checkpoint:12:six_months", "committee:2027-03-02"
    lead_days: int
    due_on: date
    sent_at: datetime = _instant()


class AnnouncementStatus(StrEnum):
    DRAFT = "draft"  # being composed
    APPROVED = "approved"  # confirmed by its author: the delivery job takes it from here
    SENDING = "sending"
    DONE = "done"
    CANCELLED = "cancelled"


class Announcement(SQLModel, table=True):
    """A VisioCoop meeting, seminar or AG announced by the federation to the coops."""

    id: int | None = Field(default=None, primary_key=True)
    created_by: int = _telegram_id(index=True)
    status: AnnouncementStatus = AnnouncementStatus.DRAFT
    title: str = Field(default="", max_length=200)
    starts_at: datetime | None = _instant(nullable=True)
    video_link: str | None = Field(default=None, max_length=500)
    description: str | None = Field(default=None, sa_type=Text)
    audience: str = Field(default="all", max_length=20)  # all | stage | direction | region
    audience_value: str | None = Field(default=None, max_length=100)
    created_at: datetime = _instant()
    approved_at: datetime | None = _instant(nullable=True)
    finished_at: datetime | None = _instant(nullable=True)
    progress_chat_id: int | None = _telegram_id(default=None)
    progress_message_id: int | None = None


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"  # claimed just before the send: after a crash, never sent again
    SENT = "sent"
    BLOCKED = "blocked"
    FAILED = "failed"
    UNCERTAIN = "uncertain"  # the process stopped during this send: maybe received, not resent


class Delivery(SQLModel, table=True):
    """One recipient of one announcement: written when it is approved, updated as it goes out."""

    __table_args__ = (UniqueConstraint("announcement_id", "user_id"),)
    id: int | None = Field(default=None, primary_key=True)
    announcement_id: int = Field(foreign_key="announcement.id", index=True)
    user_id: int = _telegram_id(index=True)
    status: DeliveryStatus = DeliveryStatus.PENDING
    attempts: int = 0
    error: str | None = Field(default=None, max_length=300)
    sent_at: datetime | None = _instant(nullable=True)


class Rsvp(SQLModel, table=True):
    """A recipient's answer: will attend or not."""

    __table_args__ = (UniqueConstraint("announcement_id", "user_id"),)
    id: int | None = Field(default=None, primary_key=True)
    announcement_id: int = Field(foreign_key="announcement.id", index=True)
    user_id: int = _telegram_id(index=True)
    attending: bool
    answered_at: datetime = _instant()


class Notification(SQLModel, table=True):
    """A message to one person, written with the event it tells of (an outbox), sent by a job.

    Submissions and committee decisions are told this way, so a crash or a Telegram error never
    loses the news: the job sends what is pending, once.
    """

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = _telegram_id(index=True)
    kind: str = Field(max_length=40)
    payload: str = Field(default="{}", sa_type=Text)  # JSON: what the message needs
    status: DeliveryStatus = DeliveryStatus.PENDING
    attempts: int = 0
    error: str | None = Field(default=None, max_length=300)
    created_at: datetime = _instant()
    sent_at: datetime | None = _instant(nullable=True)
