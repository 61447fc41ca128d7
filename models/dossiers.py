"""Reading and writing dossiers."""

from __future__ import annotations

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.tables import EngagementChoice


async def chosen_engagements(session: AsyncSession, dossier_id: int) -> set[int]:
    """The codes of the engagements chosen in a dossier."""
    rows = await session.exec(
        select(EngagementChoice.engagement_code).where(EngagementChoice.dossier_id == dossier_id)
    )
    return set(rows)
