"""Each coop's stage of the label, one rule for the dashboard's counts (and its table), an announcement's
audience and the stage the requests' inbox names.

A coop stands at its best standing across its cycles (``standing``): one renewing its label (cycle 2 a
draft) is labelled while the label is valid. A refusal counts while it is the coop's latest cycle: a
coop preparing a new candidacy after it prepares its dossier, whether its direction applied again with
the same dossier (refused on reading) or with the next cycle's (refused after the visit). A dossier
being prepared with no engagement chosen yet is « not started ». « Labelled » on /tableau and
« Labelled » as an announcement's audience are the same coops.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from sqlalchemy import func
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.clock import add_months
from models.label.lifecycle import RENEWAL_OPENS_AFTER as LABEL_MONTHS  # the label's 3 years
from models.tables import Dossier, DossierStatus, EngagementChoice

STAGE_OF = {
    DossierStatus.DRAFT: "preparing",
    DossierStatus.READY: "preparing",
    DossierStatus.SUBMITTED: "submitted",
    DossierStatus.INFO_REQUESTED: "submitted",
    DossierStatus.REFUSED: "refused",
    DossierStatus.ADMISSIBLE: "in_progress",
    DossierStatus.VISITED: "in_progress",
    DossierStatus.LABELLED: "labelled",
    DossierStatus.RENEWED: "labelled",
}
# a coop counts at its best standing across its cycles (an earlier cycle's refusal left out: ``coop_stage``)
STAGE_RANK = {"not_started": 0, "preparing": 1, "refused": 2, "submitted": 3, "in_progress": 4, "labelled": 5}


def standing(dossier: Dossier, today: date) -> str | None:
    """Where one cycle's dossier puts the coop: a label counts for its 3 years (L + 36 months, domain.md),
    a renewed cycle's or not. Once ended, it puts the coop nowhere: its other cycles tell (a renewal's
    draft: « preparing »), or none being open yet, the coop has its dossier to prepare again
    (``coop_stage``'s default, « preparing »). Engaged it stays: it submitted once. A label with no date
    known has no end known: LABELLED counts, RENEWED (its cycle closed) does not."""
    ended = dossier.labelled_on is not None and today >= add_months(dossier.labelled_on, LABEL_MONTHS)
    if dossier.status == DossierStatus.RENEWED:
        return "labelled" if dossier.labelled_on is not None and not ended else None
    if dossier.status == DossierStatus.LABELLED and ended:
        return None
    return STAGE_OF[DossierStatus(dossier.status)]


def coop_stage(dossiers: Sequence[Dossier], chosen: int, today: date) -> str:
    """A coop's stage from its dossiers (the latest cycle first) and the engagements its current one
    has chosen: the best standing across its cycles, a refusal only while no later cycle follows it."""
    latest, *earlier = (standing(dossier, today) for dossier in dossiers)
    # a next cycle after a refusal is a new candidacy: the refusal is behind the coop, its label not
    stages = [latest, *(stage for stage in earlier if stage != "refused")]
    stage = max((s for s in stages if s is not None), key=STAGE_RANK.__getitem__, default="preparing")
    return "not_started" if stage == "preparing" and chosen == 0 else stage


async def coop_stages(
    session: AsyncSession, today: date, coop_ids: Sequence[int] | None = None
) -> dict[int, str]:
    """Every coop's stage (or these coops'), by coop id, read in two statements however many coops."""
    if coop_ids is not None and not coop_ids:
        return {}
    read = select(Dossier).order_by(Dossier.coop_id, Dossier.cycle.desc())
    chosen = select(EngagementChoice.dossier_id, func.count()).group_by(EngagementChoice.dossier_id)
    if coop_ids is not None:
        read = read.where(Dossier.coop_id.in_(coop_ids))
        theirs = select(Dossier.id).where(Dossier.coop_id.in_(coop_ids))
        chosen = chosen.where(EngagementChoice.dossier_id.in_(theirs))
    cycles: dict[int, list[Dossier]] = defaultdict(list)
    for dossier in (await session.exec(read)).all():
        cycles[dossier.coop_id].append(dossier)
    counts = dict((await session.exec(chosen)).all())
    return {
        coop_id: coop_stage(dossiers, counts.get(dossiers[0].id, 0), today)
        for coop_id, dossiers in cycles.items()
    }
