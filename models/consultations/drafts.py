"""A consultation's draft as its preview shows it, who changed it last, and a draft started for nothing.

Two direction members may prepare the same draft: the preview keeps what it showed (``draft_mark``),
and « ✅ Open » opens the draft only while it still shows that, as the dossier's confirmations do.
"""

from __future__ import annotations

from zlib import crc32

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.tables import AuditEntry, Consultation, ConsultationStatus


def draft_mark(consultation: Consultation) -> int:
    """What a preview shows, as one number its screen keeps: the question, its choices, who is asked
    (the public link itself: the preview gives it to share), the closing day."""
    shown = (consultation.question, consultation.choices or "[]", consultation.for_members)
    return crc32(repr((*shown, consultation.public_token, consultation.closes_on)).encode())


async def last_change(session: AsyncSession, consultation: Consultation) -> AuditEntry | None:
    """The draft's latest change (who, when); None for one nobody changed since it was started."""
    rows = await session.exec(
        select(AuditEntry)
        .where(AuditEntry.entity == "consultation", AuditEntry.entity_id == consultation.id)
        .where(AuditEntry.action == "update")
        .order_by(AuditEntry.id.desc())
        .limit(1)
    )
    return rows.first()


async def drop_untouched(session: AsyncSession, consultation_id: int, author_id: int) -> bool:
    """A draft its author leaves at its first step, nothing chosen yet, is removed: « ➕ New » then
    « ⬅️ Back » leaves nothing in the list. Whether it was."""
    consultation = await session.get(Consultation, consultation_id)
    if consultation is None or consultation.status != ConsultationStatus.DRAFT:
        return False
    if consultation.created_by != author_id or await last_change(session, consultation) is not None:
        return False
    await session.delete(consultation)
    return True
