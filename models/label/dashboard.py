"""The federation's view: how many coops are engaged, at which stage, and what is coming."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, func
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.label.meetings import next_committee_meeting
from models.label.reminders import waiting_for_the_committee
from models.label.stages import coop_stage
from models.parsing.names import reading_order
from models.tables import Checkpoint, Coop, Dossier, DossierStatus, EngagementChoice, Member

# The federation's aim (2021): 80 % of active coops engaged within 3 years. « Active » is known here
# as « registered in the assistant », said so on screen: a member has joined (is in the coop, whether
# or not they have blocked the bot since — that stops messages, it is not leaving the coop), or the
# coop is engaged (an engaged coop is active by definition: its dossier stays the federation's when
# its one person erased their data, retired, until someone new joins).
ENGAGEMENT_AIM_PERCENT = 80
ENGAGEMENT_AIM = ENGAGEMENT_AIM_PERCENT / 100
# « engaged » = the coop has submitted a dossier at least once: a refused coop too (it made the
# commitment and may apply again from its dossier, which is a draft again with its submission date),
# and a coop renewing its label (its cycle-2 draft beside a renewed cycle 1).
ENGAGED = (
    DossierStatus.SUBMITTED,
    DossierStatus.INFO_REQUESTED,
    DossierStatus.REFUSED,
    DossierStatus.ADMISSIBLE,
    DossierStatus.VISITED,
    DossierStatus.LABELLED,
    DossierStatus.RENEWED,
)
STAGE_ORDER = ("not_started", "preparing", "submitted", "in_progress", "labelled", "refused")


@dataclass(frozen=True)
class CoopLine:
    coop: Coop
    members: int
    active: bool  # registered in the assistant: at least one member has joined, or engaged
    dossier: Dossier  # the current cycle's
    stage: str  # the best standing across its cycles
    engagements: int
    next_checkpoint: Checkpoint | None
    engaged: bool = False  # submitted a dossier at least once


@dataclass(frozen=True)
class Dashboard:
    lines: tuple[CoopLine, ...]
    stages: dict[str, int]
    active_coops: int
    engaged_active: int
    waiting_committee: int  # dossiers waiting for a decision at the next meeting, as its reminder counts them
    upcoming: tuple[tuple[CoopLine, Checkpoint], ...]  # overdue (not recorded) first, then by date
    today: date | None = None

    @property
    def engaged_share(self) -> float:
        return self.engaged_active / self.active_coops if self.active_coops else 0.0

    @property
    def engaged_permille(self) -> int:
        """The engaged share in tenths of a percent, rounded down: 129 of 162 is 796 (79.6 %), never 80."""
        return self.engaged_active * 1000 // self.active_coops if self.active_coops else 0

    @property
    def aim_met(self) -> bool:
        """Whether the aim is reached, by the exact comparison (no rounding)."""
        return (
            self.active_coops > 0 and self.engaged_active * 100 >= ENGAGEMENT_AIM_PERCENT * self.active_coops
        )

    @property
    def short_of_aim(self) -> int | None:
        """How many more coops must engage for the aim to be met (0 when it is); None while no coop
        is registered in the assistant: there is no share to measure yet, not « 0 more to engage »."""
        if not self.active_coops:
            return None
        needed = -(-ENGAGEMENT_AIM_PERCENT * self.active_coops // 100)
        return max(needed - self.engaged_active, 0)


async def build_dashboard(
    session: AsyncSession, today: date, horizon_days: int = 60, meeting: date | None = None
) -> Dashboard:
    """Every coop with its current dossier, the counts per stage and the checkpoints ahead, read in a
    handful of statements whatever the number of coops (on SQLite they run in the event loop); the
    dossiers waiting for the committee's ``meeting`` (its next one; by default the default rule's),
    counted by its reminder's rule (``reminders.waiting_for_the_committee``), read with the coops."""
    meeting = meeting or next_committee_meeting(today)
    waiting = select(func.count(Dossier.id)).where(waiting_for_the_committee(meeting)).scalar_subquery()
    read = (await session.exec(select(Coop, waiting))).all()
    coops = sorted((coop for coop, _waiting in read), key=reading_order)  # « Élan » among the E
    members = dict((await session.exec(select(Member.coop_id, func.count()).group_by(Member.coop_id))).all())
    facts = await coop_facts(session)
    # registered = a member has joined (``members``), a blocked bot included: not ``User.is_active``;
    # or engaged (``line_of``), members or not
    lines = [line_of(coop, facts, today, members.get(coop.id, 0), coop.id in members) for coop in coops]
    stages = {stage: sum(1 for line in lines if line.stage == stage) for stage in STAGE_ORDER}
    active = [line for line in lines if line.active]
    until = today + timedelta(days=horizon_days)
    return Dashboard(
        lines=tuple(lines),
        stages=stages,
        active_coops=len(active),
        engaged_active=sum(1 for line in active if line.engaged),
        waiting_committee=read[0][1] if read else 0,  # no coop, no dossier
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
        today=today,
    )


@dataclass(frozen=True)
class CoopFacts:
    """What the dashboard reads of the coops' dossiers, a few statements for all of them."""

    dossiers: dict[int, list[Dossier]]  # by coop, its latest cycle first
    engagements: dict[int, int]  # chosen, by current dossier
    next_checkpoints: dict[int, Checkpoint]  # the first one still to be held, by current dossier


async def coop_facts(session: AsyncSession) -> CoopFacts:
    """Every cycle's dossier, the engagements chosen and the next checkpoint of every coop: three
    statements, however many coops there are."""
    dossiers: dict[int, list[Dossier]] = defaultdict(list)
    for dossier in (
        await session.exec(select(Dossier).order_by(Dossier.coop_id, Dossier.cycle.desc()))
    ).all():
        dossiers[dossier.coop_id].append(dossier)
    latest = select(Dossier.coop_id, func.max(Dossier.cycle).label("cycle")).group_by(Dossier.coop_id)
    latest = latest.subquery()
    current = select(Dossier.id).join(
        latest, and_(latest.c.coop_id == Dossier.coop_id, latest.c.cycle == Dossier.cycle)
    )
    chosen = (
        select(EngagementChoice.dossier_id, func.count())
        .where(EngagementChoice.dossier_id.in_(current))
        .group_by(EngagementChoice.dossier_id)
    )
    ahead = (
        select(Checkpoint)
        .where(
            Checkpoint.dossier_id.in_(current),
            Checkpoint.held_on.is_(None),  # one whose day has passed unrecorded is still the next
        )
        .order_by(Checkpoint.due_on.desc(), Checkpoint.id.desc())
    )
    # the earliest last, so that it is the one kept per dossier
    next_checkpoints = {checkpoint.dossier_id: checkpoint for checkpoint in (await session.exec(ahead)).all()}
    return CoopFacts(dict(dossiers), dict((await session.exec(chosen)).all()), next_checkpoints)


def line_of(coop: Coop, facts: CoopFacts, today: date, members: int, joined: bool) -> CoopLine:
    """A coop's current dossier, its best standing across cycles, the engagements chosen and its next
    checkpoint; active if a member has joined (``joined``) or it is engaged."""
    dossiers = facts.dossiers[coop.id]
    dossier = dossiers[0]
    chosen = facts.engagements.get(dossier.id, 0)
    stage = coop_stage(dossiers, chosen, today)  # the announcements' rule (``models.label.stages``)
    engaged = any(d.status in ENGAGED or d.submitted_at is not None for d in dossiers)
    active = joined or engaged  # an engaged coop is active, whoever is left in it
    return CoopLine(
        coop, members, active, dossier, stage, chosen, facts.next_checkpoints.get(dossier.id), engaged
    )
