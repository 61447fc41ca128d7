"""Where the database keeps people: every column holding a Telegram id, and what erasure does to it.

The export (/mesdonnees) and the erasure (/supprimer, ``qualicoop user erase``) both read this table,
and a test checks that every table of the schema is either listed here or declared free of personal
data: a new table cannot be forgotten.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlmodel import SQLModel

from models.tables import (
    Announcement,
    AppSession,
    Attachment,
    AuditEntry,
    ChatState,
    Checkpoint,
    Consultation,
    ConsultationAccess,
    ConsultationAnswer,
    Delivery,
    DossierVersion,
    EngagementChoice,
    FederationRole,
    Member,
    Notification,
    PracticeSharing,
    ProgressReport,
    ReceivedUpdate,
    RequestMessage,
    RequestThread,
    Rsvp,
    SentReminder,
    TextPart,
    UnhandledUpdate,
    User,
)


class Erasure(StrEnum):
    DELETE = "delete"  # the row is about the person alone: removed
    ANONYMISE = "anonymise"  # a contribution that stays, now pointing to a former member
    CLEAR = "clear"  # a technical reference (a chat to edit): emptied


@dataclass(frozen=True)
class PersonColumn:
    """A column of a table that holds a person's Telegram id."""

    table: type[SQLModel]
    column: str
    erasure: Erasure

    @property
    def table_name(self) -> str:
        return self.table.__tablename__


D, A, C = Erasure.DELETE, Erasure.ANONYMISE, Erasure.CLEAR
# In erasure order: rows that point to the user's row go before it.
PERSON_COLUMNS: tuple[PersonColumn, ...] = (
    PersonColumn(Member, "user_id", D),
    PersonColumn(FederationRole, "telegram_id", D),
    PersonColumn(ChatState, "user_id", D),
    PersonColumn(TextPart, "user_id", D),  # typed text waiting to be judged: theirs alone
    PersonColumn(AppSession, "user_id", D),
    PersonColumn(UnhandledUpdate, "sender", D),  # what they sent, kept until handled (a few seconds)
    PersonColumn(ReceivedUpdate, "sender", C),  # an update's number, kept two days against a repeat
    PersonColumn(AuditEntry, "actor_id", A),
    PersonColumn(EngagementChoice, "chosen_by", A),
    PersonColumn(Attachment, "uploaded_by", A),
    PersonColumn(DossierVersion, "submitted_by", A),
    PersonColumn(Checkpoint, "recorded_by", A),
    PersonColumn(Announcement, "created_by", A),
    PersonColumn(Announcement, "progress_chat_id", C),
    PersonColumn(Delivery, "user_id", D),
    PersonColumn(Rsvp, "user_id", A),
    PersonColumn(SentReminder, "user_id", D),
    PersonColumn(Notification, "user_id", D),
    PersonColumn(Consultation, "created_by", A),
    PersonColumn(ConsultationAnswer, "user_id", A),
    PersonColumn(ConsultationAccess, "user_id", D),
    PersonColumn(RequestThread, "opened_by", A),
    PersonColumn(RequestThread, "closed_by", A),
    PersonColumn(RequestMessage, "author_id", A),
    PersonColumn(ProgressReport, "created_by", A),
    PersonColumn(ProgressReport, "sent_by", A),
    PersonColumn(PracticeSharing, "decided_by", A),
    PersonColumn(User, "id", D),
)

# Tables that hold no Telegram id, and why (what people typed there is the coop's dossier, not them).
NO_PERSON = {
    "coop": "the coops themselves",
    "dossier": "the coop's dossier (its texts are the coop's)",
    "indicator": "the coop's indicators",
    "action": "the coop's action plans (« who » is a role or a name the coop typed)",
    "invitation": "invitation tokens, with their coop and role",
    "botsetting": "facts about the bot (its username, the referential)",
    "formermember": "erased people: a number and a coop, nothing that identifies them",
    "storedfile": "the bytes of the dossier's documents, by content hash (who sent one is on its attachment)",
    "instance": "the bot's running processes (host and process number), for their heartbeats",
    "lease": "which process sends the messages now",
}


def tables_about_people() -> list[str]:
    """The names of the tables that hold people, in erasure order, once each."""
    return list(dict.fromkeys(column.table_name for column in PERSON_COLUMNS))
