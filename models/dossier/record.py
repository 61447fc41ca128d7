"""A dossier with what its readers see around it: its files, its last submission and who made it, and
what changed since the committee asked for more information; or, for a news that waited while the
dossier moved on, the version it is about, as submitted (``as_submitted``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.dossier.attachments import attachments_of
from models.dossier.changes import SHOWN_IN, Revision, revision_of, revision_since_request
from models.dossier.reads import DossierSnapshot, read_snapshot
from models.dossier.submission import dossier_content
from models.tables import (
    Action,
    Attachment,
    AttachmentKind,
    Coop,
    Dossier,
    DossierStatus,
    DossierVersion,
    Indicator,
    User,
)


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


async def as_submitted(session: AsyncSession, record: DossierRecord, number: int | None) -> DossierRecord:
    """The record of the version the committee's news is about, as submitted: the dossier may have moved
    on while the news waited (a retry held it back, a colleague asked for more, the coop edits it again)."""
    dossier = record.snapshot.dossier
    if number is None or (dossier.status, dossier.version) == (DossierStatus.SUBMITTED, number):
        return record  # as it is now: still that version (or news of an earlier release, without it)
    found = await session.exec(
        select(DossierVersion).where(
            DossierVersion.dossier_id == dossier.id, DossierVersion.version == number
        )
    )
    if (version := found.first()) is None:
        return record
    content, at = json.loads(version.content), version.submitted_at
    then = {**dossier.model_dump(), **content["involvement"], "version": number, "submitted_at": at}
    then = Dossier.model_validate({**then, "status": DossierStatus.SUBMITTED})  # not added to the session
    indicators = [Indicator.model_validate(row) for row in content["indicators"]]
    actions = {row["id"]: [Action.model_validate(a) for a in row["actions"]] for row in content["indicators"]}
    live = {(a.kind, a.sha256): a.model_dump() for a in record.attachments}  # its id, when it was added
    files = [
        Attachment.model_validate({**live.get((d["kind"], d["sha256"]), {"dossier_id": dossier.id}), **d})
        for d in content["attachments"]
    ]
    snapshot = DossierSnapshot(then, set(content["engagements"]), indicators, actions, files)
    submitter = await session.get(User, version.submitted_by) if version.submitted_by else None
    name = submitter.first_name if submitter else ""
    return DossierRecord(record.coop, snapshot, files, version, name, await revision_of(session, version))
