"""What the assistant sends: reminders, announcements and their deliveries, answers, the outbox."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import DDL, Text, UniqueConstraint, event, false, text
from sqlmodel import Field

from models.tables.base import Table
from models.tables.columns import instant, telegram_id


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"  # claimed just before the send: after a crash, never sent again
    SENT = "sent"
    BLOCKED = "blocked"
    FAILED = "failed"
    UNCERTAIN = "uncertain"  # the process stopped during this send: maybe received, not resent


class SentReminder(Table, table=True):
    """One reminder to one person: the unique key makes every reminder exist once, whatever the instances.

    The sweep hands reminders over as *pending* rows, with what their text needs (kind, due date, lead,
    coop, dossiers waiting); the send pipeline then claims each (pending → sending, by an instance),
    sends it and settles it, as it does an announcement's deliveries.
    """

    __table_args__ = (UniqueConstraint("user_id", "event_key", "lead_days"),)
    id: int | None = Field(default=None, primary_key=True)
    user_id: int = telegram_id(index=True)
    event_key: str = Field(max_length=80, index=True)  # "checkpoint:12", "committee:2027-03-02"
    lead_days: int
    due_on: date
    sent_at: datetime = instant()  # when it was handed over, then when it was sent
    # rows written before migration 11 were all sent (the database's default says so, as in migration 11);
    # the sweep writes its own as pending, with what their text needs
    status: DeliveryStatus = Field(
        default=DeliveryStatus.SENT, index=True, sa_column_kwargs={"server_default": "SENT"}
    )  # few are pending at a time: found by the index
    kind: str | None = Field(default=None, max_length=40)  # a CheckpointKind value, or committee_meeting
    catch_up: bool = Field(default=False, sa_column_kwargs={"server_default": false()})  # the bot was down
    coop_id: int | None = None  # whose checkpoint: its name is shown (read when it is sent)
    waiting: int = Field(
        default=0, sa_column_kwargs={"server_default": text("0")}
    )  # dossiers at the committee
    claimed_by: str | None = Field(default=None, max_length=40)  # the instance sending it
    claimed_at: datetime | None = instant(nullable=True)


class AnnouncementStatus(StrEnum):
    DRAFT = "draft"  # being composed
    APPROVED = "approved"  # confirmed by its author: the delivery job takes it from here
    SENDING = "sending"
    DONE = "done"
    CANCELLED = "cancelled"


class Announcement(Table, table=True):
    """A VisioCoop meeting, seminar or AG announced by the federation to the coops."""

    id: int | None = Field(default=None, primary_key=True)
    created_by: int = telegram_id(index=True)
    status: AnnouncementStatus = AnnouncementStatus.DRAFT
    title: str = Field(default="", max_length=200)
    starts_at: datetime | None = instant(nullable=True)
    duration_minutes: int | None = None  # a slot typed (« de 14h à 16h »); None: its start alone, an hour
    video_link: str | None = Field(default=None, max_length=500)
    description: str | None = Field(default=None, sa_type=Text)
    audience: str = Field(default="all", max_length=20)  # all | stage | direction | region
    audience_value: str | None = Field(default=None, max_length=100)
    created_at: datetime = instant()
    approved_at: datetime | None = instant(nullable=True)
    finished_at: datetime | None = instant(nullable=True)
    progress_chat_id: int | None = telegram_id(default=None)
    progress_message_id: int | None = None


class Delivery(Table, table=True):
    """One recipient of one announcement: written when it is approved, updated as it goes out."""

    __table_args__ = (UniqueConstraint("announcement_id", "user_id"),)
    id: int | None = Field(default=None, primary_key=True)
    announcement_id: int = Field(foreign_key="announcement.id", index=True)
    user_id: int = telegram_id(index=True)
    status: DeliveryStatus = DeliveryStatus.PENDING
    attempts: int = 0
    error: str | None = Field(default=None, max_length=300)
    sent_at: datetime | None = instant(nullable=True)
    claimed_by: str | None = Field(default=None, max_length=40)  # the instance sending it
    claimed_at: datetime | None = instant(nullable=True)


class Rsvp(Table, table=True):
    """A recipient's answer: will attend or not."""

    __table_args__ = (UniqueConstraint("announcement_id", "user_id"),)
    id: int | None = Field(default=None, primary_key=True)
    announcement_id: int = Field(foreign_key="announcement.id", index=True)
    user_id: int = telegram_id(index=True)
    attending: bool
    answered_at: datetime = instant()


# the kind of a consultation's invitation to answer (``models.consultations.reach.INVITATION``)
INVITATION_KIND = "consultation_opened"
# its rows, the ones the unique index covers: one per person and consultation (its payload)
AN_INVITATION = text(f"kind = '{INVITATION_KIND}'")
# that index, in SQL both databases read: an Index with PostgreSQL's options would load its dialect
# (2 MB, 40 ms) in a bot on SQLite too
INVITATION_INDEX = (
    "CREATE UNIQUE INDEX IF NOT EXISTS ux_notification_invitation "
    f"ON notification (user_id, payload) WHERE kind = '{INVITATION_KIND}'"
)


class Notification(Table, table=True):
    """A message to one person, written with the event it tells of (an outbox), sent by a job.

    Submissions and committee decisions are told this way, so a crash or a Telegram error never
    loses the news: the job sends what is pending, once. A consultation's invitation exists once per
    person in the database itself: two instances sweeping at once write it once (migration 18).
    """

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = telegram_id(index=True)
    kind: str = Field(max_length=40)
    payload: str = Field(default="{}", sa_type=Text)  # JSON: what the message needs
    status: DeliveryStatus = DeliveryStatus.PENDING
    attempts: int = 0
    error: str | None = Field(default=None, max_length=300)
    created_at: datetime = instant()
    sent_at: datetime | None = instant(nullable=True)
    claimed_by: str | None = Field(default=None, max_length=40)  # the instance sending it
    claimed_at: datetime | None = instant(nullable=True)


# a fresh database gets the index with its table (an existing one by migration 18)
event.listen(Notification.__table__, "after_create", DDL(INVITATION_INDEX))
