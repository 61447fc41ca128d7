"""The label's life after submission: the committee's decisions, the checkpoints and renewal.

Each step is a ``Transition`` allowed from some statuses to one role; ``apply_transition`` checks it,
applies its effects (dates, checkpoints, baseline, next cycle) and records one audit entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.audit import record_change
from models.clock import add_months, paris_today, utcnow
from models.dossier.reads import EDITABLE, DossierError
from models.dossier.writes import touch_dossier
from models.tables import (
    Checkpoint,
    CheckpointKind,
    Dossier,
    DossierStatus,
    EngagementChoice,
    Indicator,
)

# Months after the admissibility date A, then after the label date L.
AFTER_ADMISSIBILITY = (
    (CheckpointKind.SIX_MONTHS, 6),
    (CheckpointKind.TWELVE_MONTHS, 12),
    (CheckpointKind.VISIT, 18),
)
AFTER_LABEL = ((CheckpointKind.MID_TERM, 18), (CheckpointKind.EXPIRY, 36))
INTERIM_CHECKPOINTS = (CheckpointKind.SIX_MONTHS, CheckpointKind.TWELVE_MONTHS)


class Transition(StrEnum):
    SUBMIT = "submit"
    REQUEST_INFO = "request_info"
    DECLARE_ADMISSIBLE = "declare_admissible"
    REFUSE = "refuse"
    RECORD_CHECKPOINT = "record_checkpoint"
    RECORD_VISIT = "record_visit"
    GRANT_LABEL = "grant_label"
    RECORD_MID_TERM = "record_mid_term"
    OPEN_RENEWAL = "open_renewal"


class Role(StrEnum):
    DIRECTION = "direction"  # the coop's direction
    COMMITTEE = "committee"  # the federation's label committee


@dataclass(frozen=True)
class Rule:
    """Where a transition may start, where it leads and who may make it."""

    sources: tuple[DossierStatus, ...]
    target: DossierStatus
    role: Role


# In button order: the step forward first, a refusal last.
RULES: dict[Transition, Rule] = {
    # The statuses submit_dossier accepts, so the two can never disagree.
    Transition.SUBMIT: Rule(EDITABLE, DossierStatus.SUBMITTED, Role.DIRECTION),
    Transition.DECLARE_ADMISSIBLE: Rule((DossierStatus.SUBMITTED,), DossierStatus.ADMISSIBLE, Role.COMMITTEE),
    Transition.REQUEST_INFO: Rule((DossierStatus.SUBMITTED,), DossierStatus.INFO_REQUESTED, Role.COMMITTEE),
    Transition.REFUSE: Rule(
        (DossierStatus.SUBMITTED, DossierStatus.INFO_REQUESTED), DossierStatus.REFUSED, Role.COMMITTEE
    ),
    Transition.RECORD_CHECKPOINT: Rule((DossierStatus.ADMISSIBLE,), DossierStatus.ADMISSIBLE, Role.COMMITTEE),
    # The visit may come before A + 18 months when the coop says it is ready.
    Transition.RECORD_VISIT: Rule((DossierStatus.ADMISSIBLE,), DossierStatus.VISITED, Role.COMMITTEE),
    Transition.GRANT_LABEL: Rule((DossierStatus.VISITED,), DossierStatus.LABELLED, Role.COMMITTEE),
    Transition.RECORD_MID_TERM: Rule((DossierStatus.LABELLED,), DossierStatus.LABELLED, Role.COMMITTEE),
    Transition.OPEN_RENEWAL: Rule((DossierStatus.LABELLED,), DossierStatus.RENEWED, Role.COMMITTEE),
}

# The checkpoint each recording transition marks as held (RECORD_CHECKPOINT names its own).
HELD_BY: dict[Transition, CheckpointKind] = {
    Transition.RECORD_VISIT: CheckpointKind.VISIT,
    Transition.RECORD_MID_TERM: CheckpointKind.MID_TERM,
    Transition.OPEN_RENEWAL: CheckpointKind.EXPIRY,
}


class TransitionRefused(DossierError):
    """A lifecycle step that the dossier's status, the role or the dates do not allow."""

    code = "transition_refused"

    def __init__(
        self, reason: str, status: DossierStatus, transition: Transition, detail: str | None = None
    ) -> None:
        message = f"cannot {transition} a dossier in status {status}"
        super().__init__(f"{message}: {detail}" if detail else message)
        self.reason = reason  # wrong_status, wrong_role, already_held, unknown_checkpoint, date_before_start
        self.status = status
        self.transition = transition


def check_transition(status: DossierStatus, transition: Transition, role: Role) -> DossierStatus:
    """The status a transition leads to, or TransitionRefused."""
    rule = RULES[transition]
    if status not in rule.sources:
        raise TransitionRefused("wrong_status", status, transition)
    if role != rule.role:
        raise TransitionRefused("wrong_role", status, transition, f"only the {rule.role} may do it")
    return rule.target


def allowed_transitions(status: DossierStatus, role: Role) -> list[Transition]:
    """The transitions a role may make from a status, in button order."""
    return [t for t, rule in RULES.items() if status in rule.sources and rule.role == role]


def timeline(admissible_on: date | None, labelled_on: date | None) -> list[tuple[CheckpointKind, date]]:
    """The checkpoints' due dates that follow from the known dates A and L."""
    steps: list[tuple[CheckpointKind, date]] = []
    if admissible_on is not None:
        steps += [(kind, add_months(admissible_on, months)) for kind, months in AFTER_ADMISSIBILITY]
    if labelled_on is not None:
        steps += [(kind, add_months(labelled_on, months)) for kind, months in AFTER_LABEL]
    return steps


async def checkpoints_of(session: AsyncSession, dossier_id: int) -> list[Checkpoint]:
    """A dossier's checkpoints, earliest due first."""
    rows = await session.exec(
        select(Checkpoint)
        .where(Checkpoint.dossier_id == dossier_id)
        .order_by(Checkpoint.due_on, Checkpoint.id)
    )
    return list(rows.all())


def due_checkpoints(checkpoints: list[Checkpoint], today: date) -> list[Checkpoint]:
    """The checkpoints still to hold from today on, earliest first."""
    return sorted(
        (c for c in checkpoints if c.held_on is None and c.due_on >= today),
        key=lambda c: (c.due_on, c.id or 0),
    )


def _start_date(dossier: Dossier, transition: Transition) -> date | None:
    """The date a transition's own date may not precede, when known."""
    if transition == Transition.DECLARE_ADMISSIBLE:
        return paris_today(dossier.submitted_at) if dossier.submitted_at else None
    if transition in (Transition.RECORD_CHECKPOINT, Transition.RECORD_VISIT, Transition.GRANT_LABEL):
        return dossier.admissible_on
    if transition in (Transition.RECORD_MID_TERM, Transition.OPEN_RENEWAL):
        return dossier.labelled_on
    return None


def _checkpoint_to_hold(
    status: DossierStatus, transition: Transition, checkpoint: CheckpointKind | str | None
) -> CheckpointKind | None:
    """Which checkpoint the transition marks held, refusing a wrong one for RECORD_CHECKPOINT."""
    if transition != Transition.RECORD_CHECKPOINT:
        return HELD_BY.get(transition)
    if checkpoint not in INTERIM_CHECKPOINTS:
        raise TransitionRefused(
            "unknown_checkpoint", status, transition, f"{checkpoint!r} is not six_months or twelve_months"
        )
    return CheckpointKind(checkpoint)


async def _checkpoint(session: AsyncSession, dossier_id: int, kind: CheckpointKind) -> Checkpoint | None:
    """One checkpoint of a dossier, if it exists."""
    rows = await session.exec(
        select(Checkpoint).where(Checkpoint.dossier_id == dossier_id, Checkpoint.kind == kind.value)
    )
    return rows.first()


async def _schedule(session: AsyncSession, dossier: Dossier, kinds: tuple[CheckpointKind, ...]) -> None:
    """Create (or re-date) the dossier's checkpoints of these kinds from its timeline."""
    for kind, due_on in timeline(dossier.admissible_on, dossier.labelled_on):
        if kind not in kinds:
            continue
        row = await _checkpoint(session, dossier.id, kind)
        if row is None:
            row = Checkpoint(dossier_id=dossier.id, kind=kind.value, due_on=due_on)
        elif row.held_on is None:
            row.due_on = due_on
        session.add(row)


async def _hold(
    session: AsyncSession,
    dossier: Dossier,
    kind: CheckpointKind,
    held_on: date,
    notes: str,
    actor_id: int | None,
) -> None:
    """Mark a checkpoint held; a missing row (dates set by hand) is created on the way."""
    row = await _checkpoint(session, dossier.id, kind)
    if row is None:
        due_on = dict(timeline(dossier.admissible_on, dossier.labelled_on)).get(kind, held_on)
        row = Checkpoint(dossier_id=dossier.id, kind=kind.value, due_on=due_on)
    row.held_on = held_on
    row.notes = notes or None
    row.recorded_by = actor_id
    session.add(row)


async def _copy_baselines(session: AsyncSession, dossier: Dossier, now: datetime) -> None:
    """At admissibility, the current values become the starting point of progress."""
    for indicator in (await session.exec(select(Indicator).where(Indicator.dossier_id == dossier.id))).all():
        indicator.baseline_value = indicator.current_value
        indicator.updated_at = now
        session.add(indicator)


async def _next_cycle(session: AsyncSession, dossier: Dossier, now: datetime) -> Dossier:
    """The renewal's draft: same engagements and indicators with their latest values, new targets to set."""
    renewal = Dossier(
        coop_id=dossier.coop_id,
        cycle=dossier.cycle + 1,
        status=DossierStatus.DRAFT,
        created_at=now,
        updated_at=now,
    )
    session.add(renewal)
    await session.flush()
    choices = await session.exec(select(EngagementChoice).where(EngagementChoice.dossier_id == dossier.id))
    for choice in choices.all():
        session.add(
            EngagementChoice(
                dossier_id=renewal.id,
                engagement_code=choice.engagement_code,
                chosen_by=choice.chosen_by,
                chosen_at=now,
            )
        )
    indicators = await session.exec(
        select(Indicator).where(Indicator.dossier_id == dossier.id).order_by(Indicator.position, Indicator.id)
    )
    # Targets, target dates and actions stay empty: the coop sets its ambitions for the new cycle.
    for old in indicators.all():
        session.add(
            Indicator(
                dossier_id=renewal.id,
                engagement_code=old.engagement_code,
                position=old.position,
                suggested_code=old.suggested_code,
                title=old.title,
                rationale=old.rationale,
                value_kind=old.value_kind,
                unit=old.unit,
                current_value=old.current_value,
                created_at=now,
                updated_at=now,
            )
        )
    await session.flush()
    return renewal


async def apply_transition(
    session: AsyncSession,
    dossier: Dossier,
    transition: Transition,
    *,
    role: Role,
    actor_id: int | None,
    comment: str,
    on_date: date | None = None,
    checkpoint: CheckpointKind | str | None = None,
    now: datetime | None = None,
) -> Dossier:
    """Make a committee decision or record a checkpoint; returns the next cycle's dossier on renewal."""
    if transition == Transition.SUBMIT:
        raise ValueError("a dossier is submitted with models.dossier.submission.submit_dossier")
    now = now or utcnow()
    old_status = dossier.status
    new_status = check_transition(old_status, transition, role)
    kind = _checkpoint_to_hold(old_status, transition, checkpoint)
    day = on_date or paris_today(now)
    start = _start_date(dossier, transition)
    if start is not None and day < start:
        raise TransitionRefused("date_before_start", old_status, transition, f"{day} is before {start}")
    if kind is not None:
        existing = await _checkpoint(session, dossier.id, kind)
        if existing is not None and existing.held_on is not None:
            raise TransitionRefused(
                "already_held", old_status, transition, f"{kind} was held on {existing.held_on}"
            )

    if transition == Transition.DECLARE_ADMISSIBLE:
        dossier.admissible_on = day
        await _schedule(session, dossier, tuple(k for k, _ in AFTER_ADMISSIBILITY))
        await _copy_baselines(session, dossier, now)
    elif transition == Transition.GRANT_LABEL:
        dossier.labelled_on = day
        await _schedule(session, dossier, tuple(k for k, _ in AFTER_LABEL))
    if kind is not None:
        await _hold(session, dossier, kind, day, comment, actor_id)

    dossier.status = new_status
    # The comment rides after the status: new_value.split(": ", 1)[0] gives the status back.
    await record_change(
        session,
        actor_id=actor_id,
        coop_id=dossier.coop_id,
        entity="dossier",
        entity_id=dossier.id,
        action=transition.value,
        field="status",
        old=old_status.value,
        new=f"{new_status.value}: {comment}" if comment else new_status.value,
        now=now,
    )
    touch_dossier(session, dossier, now)
    await session.flush()
    if transition == Transition.OPEN_RENEWAL:
        return await _next_cycle(session, dossier, now)
    return dossier
