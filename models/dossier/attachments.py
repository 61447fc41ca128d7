"""The dossier's files: the direction's commitment letter (one) and supporting documents."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.audit import record_change
from models.clock import utcnow
from models.dossier.reads import UNSET, LimitReached, NotAllowed, NotYours, dossier_of_member
from models.dossier.writes import touch_dossier, write_field
from models.tables import Attachment, AttachmentKind, Dossier

MAX_ATTACHMENTS = 30
LABEL_MAX = 200


async def attachments_of(session: AsyncSession, dossier_id: int) -> list[Attachment]:
    """The letter first, then the supporting documents in the order they came."""
    rows = (await session.exec(select(Attachment).where(Attachment.dossier_id == dossier_id))).all()
    return sorted(rows, key=lambda a: (a.kind != AttachmentKind.COMMITMENT_LETTER, a.uploaded_at, a.id))


async def attachment_of_member(
    session: AsyncSession, attachment_id: int, coop_id: int, *, for_edit: bool = True
) -> tuple[Attachment, Dossier]:
    """An attachment and its dossier, if they are the member's coop's."""
    attachment = await session.get(Attachment, attachment_id)
    if attachment is None:
        raise NotYours(f"no attachment {attachment_id}")
    return attachment, await dossier_of_member(session, attachment.dossier_id, coop_id, for_edit=for_edit)


async def add_attachment(
    session: AsyncSession,
    dossier: Dossier,
    kind: AttachmentKind,
    *,
    label: str,
    file_name: str,
    mime_type: str,
    size: int,
    sha256: str,
    telegram_file_id: str | None,
    actor_id: int,
    by_direction: bool,
    now: datetime | None = None,
) -> Attachment:
    """Record a stored file; a new commitment letter replaces the previous one."""
    now = now or utcnow()
    if kind == AttachmentKind.COMMITMENT_LETTER and not by_direction:
        raise NotAllowed("only the direction provides the commitment letter")
    await touch_dossier(session, dossier, now)  # held first: files added at once are counted together
    existing = await attachments_of(session, dossier.id)
    if len(existing) >= MAX_ATTACHMENTS:
        raise LimitReached(f"at most {MAX_ATTACHMENTS} files")
    if kind == AttachmentKind.COMMITMENT_LETTER:
        for old in existing:
            if old.kind == AttachmentKind.COMMITMENT_LETTER:
                await remove_attachment(
                    session, dossier, old, actor_id=actor_id, by_direction=by_direction, now=now
                )
    attachment = Attachment(
        dossier_id=dossier.id,
        kind=kind,
        label=label[:LABEL_MAX],
        file_name=file_name[:255],
        mime_type=mime_type,
        size=size,
        sha256=sha256,
        telegram_file_id=telegram_file_id,
        uploaded_by=actor_id,
        uploaded_at=now,
    )
    session.add(attachment)
    await session.flush()
    await record_change(
        session,
        actor_id=actor_id,
        coop_id=dossier.coop_id,
        entity="attachment",
        entity_id=attachment.id,
        action="create",
        field=kind,
        new=f"{label} ({file_name})",
        now=now,
    )
    return attachment


def check_letter_rights(attachment: Attachment, by_direction: bool) -> None:
    """The direction's letter is the direction's: others may not remove or rename it."""
    if attachment.kind == AttachmentKind.COMMITMENT_LETTER and not by_direction:
        raise NotAllowed("only the direction changes the commitment letter")


async def remove_attachment(
    session: AsyncSession,
    dossier: Dossier,
    attachment: Attachment,
    *,
    actor_id: int,
    by_direction: bool,
    now: datetime | None = None,
) -> None:
    """Take a file out of the dossier (the stored bytes stay: other dossiers may share them)."""
    check_letter_rights(attachment, by_direction)
    now = now or utcnow()
    await touch_dossier(session, dossier, now)  # held first
    await record_change(
        session,
        actor_id=actor_id,
        coop_id=dossier.coop_id,
        entity="attachment",
        entity_id=attachment.id,
        action="delete",
        old=f"{attachment.label} ({attachment.file_name})",
        now=now,
    )
    await session.delete(attachment)
    await session.flush()


async def rename_attachment(
    session: AsyncSession,
    dossier: Dossier,
    attachment: Attachment,
    label: str,
    *,
    actor_id: int,
    by_direction: bool,
    expected: object = UNSET,
    now: datetime | None = None,
) -> None:
    """Give a file a new label."""
    check_letter_rights(attachment, by_direction)
    await write_field(
        session,
        dossier,
        attachment,
        "attachment",
        "label",
        label[:LABEL_MAX],
        expected,
        actor_id,
        now or utcnow(),
    )
