"""The federation's view: how many coops are engaged, at which stage, and what is coming."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.tables import Checkpoint, Coop, Dossier, DossierStatus, EngagementChoice, Member, User

ENGAGEMENT_AIM = 0.8  # the federation's aim (2021): 80 % of active coops engaged within 3 years
# « engaged » = the coop has submitted its dossier at least once
ENGAGED = (
    DossierStatus.SUBMITTED,
    DossierStatus.INFO_REQUESTED,
    DossierStatus.ADMISSIBLE,
    DossierStatus.VISITED,
    DossierStatus.LABELLED,
    DossierStatus.RENEWED,
)
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
STAGE_ORDER = ("not_started", "preparing", "submitted", "in_progress", "labelled", "refused")


@dataclass(frozen=True)
class CoopLine:
    coop: Coop
    members: int
    active: bool  # at least one member uses the bot
    dossier: Dossier
    stage: str
    engagements: int
    next_checkpoint: Checkpoint | None


@dataclass(frozen=True)
class Dashboard:
    lines: tuple[CoopLine, ...]
    stages: dict[str, int]
    active_coops: int
    engaged_active: int
    waiting_committee: int
    upcoming: tuple[tuple[CoopLine, Checkpoint], ...]

    @property
    def engaged_share(self) -> float:
        return self.engaged_active / self.active_coops if self.active_coops else 0.0


async def build_dashboard(session: AsyncSession, today: date, horizon_days: int = 60) -> Dashboard:
    """Every coop with its current dossier, the counts per stage and the checkpoints ahead."""
    coops = (await session.exec(select(Coop).order_by(Coop.name))).all()
    members = dict((await session.exec(select(Member.coop_id, func.count()).group_by(Member.coop_id))).all())
    active_ids = set(
        (
            await session.exec(
                select(Member.coop_id).join(User, User.id == Member.user_id).where(User.is_active)
            )
        ).all()
    )
    lines = [
        await coop_line(session, coop, today, members.get(coop.id, 0), coop.id in active_ids)
        for coop in coops
    ]
    stages = {stage: sum(1 for line in lines if line.stage == stage) for stage in STAGE_ORDER}
    active = [line for line in lines if line.active]
    until = today + timedelta(days=horizon_days)
    return Dashboard(
        lines=tuple(lines),
        stages=stages,
        active_coops=len(active),
        engaged_active=sum(1 for line in active if line.dossier.status in ENGAGED),
        waiting_committee=sum(1 for line in lines if line.dossier.status == DossierStatus.SUBMITTED),
        upcoming=tuple(
            sorted(
                (
                    (line, line.next_checkpoint)
                    for line in lines
                    if line.next_checkpoint and line.next_checkpoint.due_on <= until
                ),
                key=lambda item: item[1].due_on,
            )
        ),
    )


async def coop_line(session: AsyncSession, coop: Coop, today: date, members: int, active: bool) -> CoopLine:
    """A coop's current dossier: its stage, the engagements chosen and its next checkpoint."""
    dossier = (
        await session.exec(select(Dossier).where(Dossier.coop_id == coop.id).order_by(Dossier.cycle.desc()))
    ).first()
    chosen = (
        await session.exec(
            select(func.count())
            .select_from(EngagementChoice)
            .where(EngagementChoice.dossier_id == dossier.id)
        )
    ).one()
    stage = STAGE_OF[DossierStatus(dossier.status)]
    if stage == "preparing" and chosen == 0:
        stage = "not_started"
    upcoming = (
        await session.exec(
            select(Checkpoint)
            .where(
                Checkpoint.dossier_id == dossier.id,
                Checkpoint.held_on.is_(None),
                Checkpoint.due_on >= today,
            )
            .order_by(Checkpoint.due_on)
        )
    ).first()
    return CoopLine(coop, members, active, dossier, stage, chosen, upcoming)
