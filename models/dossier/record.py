"""A dossier with what its readers see around it: its files, its last submission and who made it, and
what changed since the committee asked for more information.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.dossier.attachments import attachments_of
from models.dossier.changes import SHOWN_IN, Revision, revision_since_request
from models.dossier.reads import DossierSnapshot, read_snapshot
from models.dossier.submission import dossier_content
from models.tables import Attachment, AttachmentKind, Coop, Dossier, DossierVersion, User


@dataclass(frozen=True)
class DossierRecord:
    """Everything a report of the dossier is made from (the letter's bytes aside: the caller reads them)."""

    coop: Coop
    snapshot: DossierSnapshot
    attachments: list[Attachment]
    submitted: DossierVersion | None  # the last submission
    submitter: str  # who made it, by their first name
    revision: Revision | None

    @property
    def letter(self) -> Attachment | None:
        """The direction's commitment letter, if the dossier has one."""
        return next((a for a in self.attachments if a.kind == AttachmentKind.COMMITMENT_LETTER), None)


async def latest_version(session: AsyncSession, dossier_id: int) -> DossierVersion | None:
    """The last version submitted: when and by whom the committee received the dossier."""
    rows = await session.exec(
        select(DossierVersion)
        .where(DossierVersion.dossier_id == dossier_id)
        .order_by(DossierVersion.version.desc())
    )
    return rows.first()


async def read_record(session: AsyncSession, dossier: Dossier, coop: Coop) -> DossierRecord:
    """The dossier, its files, its last submission and what changed since the committee's request."""
    snapshot = await read_snapshot(session, dossier)
    attachments = await attachments_of(session, dossier.id)
    submitted = await latest_version(session, dossier.id)
    submitter = None
    if submitted is not None and submitted.submitted_by is not None:
        submitter = await session.get(User, submitted.submitted_by)
    revision = None
    if dossier.status in SHOWN_IN:  # the comparison reads the stored versions: only when it is shown
        revision = await revision_since_request(session, dossier, dossier_content(snapshot, attachments))
    return DossierRecord(
        coop, snapshot, attachments, submitted, submitter.first_name if submitter else "", revision
    )
