"""Who uses the assistant: coops, users, their memberships, roles, invitations and chat state."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import BigInteger, Text, UniqueConstraint
from sqlmodel import Field

from models.tables.base import Table
from models.tables.columns import instant, telegram_id


class MemberRole(StrEnum):
    MEMBER = "member"
    DIRECTION = "direction"


class FederationRoleName(StrEnum):
    ADMIN = "admin"
    COMMITTEE = "committee"


class Coop(Table, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, index=True, max_length=200)
    region: str | None = Field(default=None, max_length=100)
    created_at: datetime = instant()


class User(Table, table=True):
    """A Telegram user who has talked to the bot."""

    id: int = telegram_id(primary_key=True)
    first_name: str = Field(default="", max_length=200)
    username: str | None = Field(default=None, max_length=100)
    telegram_language: str | None = Field(default=None, max_length=20)
    language: str | None = Field(default=None, max_length=5)  # chosen with /language
    is_active: bool = True  # False once the user blocked the bot
    announcements: bool = True  # federation announcements (never the dossier's own reminders)
    created_at: datetime = instant()
    last_seen_at: datetime = instant()


class Member(Table, table=True):
    """A user's membership of a coop: one coop per user."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = telegram_id(foreign_key="user.id", unique=True, index=True)
    coop_id: int = Field(foreign_key="coop.id", index=True)
    role: MemberRole = MemberRole.MEMBER
    invitation_id: int | None = Field(default=None, foreign_key="invitation.id")
    joined_at: datetime = instant()


class FederationRole(Table, table=True):
    """Federation staff: admins broadcast and manage, committee members decide."""

    __table_args__ = (UniqueConstraint("telegram_id", "role"),)
    id: int | None = Field(default=None, primary_key=True)
    telegram_id: int = telegram_id(index=True)
    role: FederationRoleName
    created_at: datetime = instant()


class Invitation(Table, table=True):
    """A reusable deep-link token that lets colleagues join a coop with a role."""

    id: int | None = Field(default=None, primary_key=True)
    token: str = Field(unique=True, index=True, max_length=64)
    coop_id: int = Field(foreign_key="coop.id", index=True)
    role: MemberRole = MemberRole.MEMBER
    created_at: datetime = instant()
    expires_at: datetime = instant()
    revoked_at: datetime | None = instant(nullable=True)
    uses: int = 0


class ChatState(Table, table=True):
    """Which screen or question a user is on, saved at every step so a restart resumes there."""

    user_id: int = telegram_id(primary_key=True)
    screen: str = Field(default="home", max_length=60)
    data: str = Field(default="{}", sa_type=Text)  # JSON: ids of what the screen is about
    updated_at: datetime = instant()
    # the message the screen was last drawn in: a button on an older message is an out-of-date menu
    screen_message_id: int | None = Field(default=None, sa_type=BigInteger)


class BotSetting(Table, table=True):
    """Small key/value facts learned at run time (bot username, loaded referential)."""

    key: str = Field(primary_key=True, max_length=60)
    value: str = Field(default="", sa_type=Text)
    updated_at: datetime = instant()


class TextPart(Table, table=True):
    """A typed message at a question, kept until it is judged with the parts sent with it.

    Telegram cuts a long paste into several messages: each part is stored here before the bot
    answers, and the parts are judged together once the user has been quiet for a moment. Stored as
    an answer, they are emptied, and dropped once its reply is sent (``conversations.ui.pastes``).
    """

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = telegram_id(index=True)
    message_id: int
    text: str = Field(default="", sa_type=Text)
    received_at: datetime = instant()
    claim: str | None = Field(default=None, max_length=40, index=True)  # who is judging these parts
    claimed_at: datetime | None = instant(nullable=True)
    claimed_by: str | None = Field(default=None, max_length=40)  # the instance judging them


class AppSession(Table, table=True):
    """One opening of the Mini App by a user, and the fields it changed that the chat was not told of."""

    token: str = Field(primary_key=True, max_length=40)
    user_id: int = telegram_id(index=True)
    opened_at: datetime = instant()
    changed: str = Field(default="[]", sa_type=Text)  # JSON: the fields changed, not told yet
