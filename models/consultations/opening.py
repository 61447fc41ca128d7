"""A consultation's public link opened, tapped (``/start c_…``) or pasted as text: what it leads to."""

from __future__ import annotations

from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from models.consultations.store import by_link, grant_access, state_of
from models.tables import Consultation, ConsultationStatus


async def open_by_link(
    session: AsyncSession, token: str, user_id: int, now: datetime
) -> tuple[Consultation | None, ConsultationStatus | None]:
    """The link's consultation and its state (None, None for an unknown link; None, DRAFT for a draft's,
    the direction still preparing it: nothing of it shown); while it is open, the person's access to it
    remembered (their ballot is theirs from then on)."""
    consultation = await by_link(session, token)
    if consultation is not None and consultation.status == ConsultationStatus.DRAFT:
        return None, ConsultationStatus.DRAFT
    state = state_of(consultation, now) if consultation else None
    if state == ConsultationStatus.OPEN:
        await grant_access(session, consultation, user_id, now)
    return consultation, state
