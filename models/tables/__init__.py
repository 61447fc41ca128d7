"""The database tables. Each table is a domain noun; the functions that use them live beside.

Importing this package registers every table in the metadata (``models.db`` relies on it).
"""

from models.tables.columns import UTCDateTime
from models.tables.dossier import (
    Action,
    Attachment,
    AttachmentKind,
    AuditEntry,
    Checkpoint,
    CheckpointKind,
    Dossier,
    DossierStatus,
    DossierVersion,
    EngagementChoice,
    Indicator,
)
from models.tables.messages import (
    Announcement,
    AnnouncementStatus,
    Delivery,
    DeliveryStatus,
    Notification,
    Rsvp,
    SentReminder,
)
from models.tables.people import (
    BotSetting,
    ChatState,
    Coop,
    FederationRole,
    FederationRoleName,
    Invitation,
    Member,
    MemberRole,
    User,
)
from models.tables.running import Instance, Lease, StoredFile

__all__ = [
    "Action",
    "Announcement",
    "AnnouncementStatus",
    "Attachment",
    "AttachmentKind",
    "AuditEntry",
    "BotSetting",
    "ChatState",
    "Checkpoint",
    "CheckpointKind",
    "Coop",
    "Delivery",
    "DeliveryStatus",
    "Dossier",
    "DossierStatus",
    "DossierVersion",
    "EngagementChoice",
    "FederationRole",
    "FederationRoleName",
    "Indicator",
    "Instance",
    "Invitation",
    "Lease",
    "Member",
    "MemberRole",
    "Notification",
    "Rsvp",
    "SentReminder",
    "StoredFile",
    "UTCDateTime",
    "User",
]
