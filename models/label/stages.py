"""Each coop's stage of the label, one rule for the dashboard's counts and an announcement's audience.

A coop stands at its best standing across its cycles (``dashboard.standing``): one renewing its label
(cycle 2 a draft) is labelled while the label is valid; one refused that prepares its dossier again
counts as refused until it goes further; a dossier being prepared with no engagement chosen yet is
« not started ». « Labelled » on /tableau and « Labelled » as an announcement's audience are the same
coops.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from sqlalchemy import func
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.label.dashboard import STAGE_RANK, standing
from models.tables import Dossier, EngagementChoice


def coop_stage(dossiers: Sequence[Dossier], chosen: int, today: date) -> str:
    """A coop's stage from its dossiers (the latest cycle first) and the engagements its current one
    has chosen: the best standing across its cycles."""
    stages = [standing(dossier, today) for dossier in dossiers]
    stage = max((s for s in stages if s is not None), key=STAGE_RANK.__getitem__, default="preparing")
    return "not_started" if stage == "preparing" and chosen == 0 else stage


async def coop_stages(session: AsyncSession, today: date) -> dict[int, str]:
    """Every coop's stage, by coop id, read in two statements whatever the number of coops."""
    cycles: dict[int, list[Dossier]] = defaultdict(list)
    for dossier in (
        await session.exec(select(Dossier).order_by(Dossier.coop_id, Dossier.cycle.desc()))
    ).all():
        cycles[dossier.coop_id].append(dossier)
    chosen = dict(
        (
            await session.exec(
                select(EngagementChoice.dossier_id, func.count()).group_by(EngagementChoice.dossier_id)
            )
        ).all()
    )
    return {
        coop_id: coop_stage(dossiers, chosen.get(dossiers[0].id, 0), today)
        for coop_id, dossiers in cycles.items()
    }
