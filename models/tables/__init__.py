"""The database tables. Each table is a domain noun; the functions that use them live beside.

Importing this package registers every table in the metadata (``models.db`` relies on it).
"""

from models.tables.columns import UTCDateTime
from models.tables.consultations import (
    Consultation,
    ConsultationAccess,
    ConsultationAnswer,
    ConsultationStatus,
)
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
from models.tables.follow_up import PracticeSharing, ProgressReport, ReportStatus
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
    AppSession,
    BotSetting,
    ChatState,
    Coop,
    FederationRole,
    FederationRoleName,
    Invitation,
    Member,
    MemberRole,
    TextPart,
    User,
)
from models.tables.privacy import FormerMember
from models.tables.requests import RequestMessage, RequestStatus, RequestSubject, RequestThread
from models.tables.running import Instance, Lease, ReceivedUpdate, StoredFile, UnhandledUpdate

__all__ = [
    "Action",
    "Announcement",
    "AnnouncementStatus",
    "AppSession",
    "Attachment",
    "AttachmentKind",
    "AuditEntry",
    "BotSetting",
    "ChatState",
    "Checkpoint",
    "CheckpointKind",
    "Consultation",
    "ConsultationAccess",
    "ConsultationAnswer",
    "ConsultationStatus",
    "Coop",
    "Delivery",
    "DeliveryStatus",
    "Dossier",
    "DossierStatus",
    "DossierVersion",
    "EngagementChoice",
    "FederationRole",
    "FederationRoleName",
    "FormerMember",
    "Indicator",
    "Instance",
    "Invitation",
    "Lease",
    "Member",
    "MemberRole",
    "Notification",
    "PracticeSharing",
    "ProgressReport",
    "ReceivedUpdate",
    "ReportStatus",
    "RequestMessage",
    "RequestStatus",
    "RequestSubject",
    "RequestThread",
    "Rsvp",
    "SentReminder",
    "StoredFile",
    "TextPart",
    "UTCDateTime",
    "UnhandledUpdate",
    "User",
]
