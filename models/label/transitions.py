"""Applying a lifecycle transition to a dossier: its checks, its effects and its audit.

``apply_transition`` checks the rule (``models.label.lifecycle``), the dates, the checkpoint and
completeness, then applies the effects (dates, checkpoints, baselines, next cycle) and audits them.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.audit import record_change
from models.clock import paris_today, utcnow
from models.dossier.current import new_cycle_started
from models.dossier.reads import DossierLocked
from models.dossier.writes import touch_dossier
from models.label.committee import record_refusal_day, refuse_incomplete, started_on
from models.label.cycles import refuse_cycle_made
from models.label.lifecycle import (
    AFTER_ADMISSIBILITY,
    AFTER_LABEL,
    INTERIM_CHECKPOINTS,
    DecidedMeanwhile,
    Role,
    Started,
    Transition,
    TransitionRefused,
    check_transition,
    checkpoint_to_hold,
    earliest_date,
    timeline,
)
from models.referential.model import Referential
from models.tables import (
    Checkpoint,
    CheckpointKind,
    Dossier,
    DossierStatus,
    EngagementChoice,
    Indicator,
    Member,
)


async def checkpoints_of(session: AsyncSession, dossier_id: int) -> list[Checkpoint]:
    """A dossier's checkpoints, earliest due first."""
    rows = await session.exec(
        select(Checkpoint)
        .where(Checkpoint.dossier_id == dossier_id)
        .order_by(Checkpoint.due_on, Checkpoint.id)
    )
    return list(rows.all())


def to_hold_before(checkpoints: list[Checkpoint], kind: CheckpointKind | str | None) -> Checkpoint | None:
    """The checkpoint still to hold before this one (None: none): the 6-month one, not held, for the
    12-month one (held in their order; once the visit came, it closed those not held)."""
    if kind != CheckpointKind.TWELVE_MONTHS:
        return None
    return next((c for c in checkpoints if c.kind == CheckpointKind.SIX_MONTHS and c.held_on is None), None)


async def _checkpoint(session: AsyncSession, dossier_id: int, kind: CheckpointKind) -> Checkpoint | None:
    """One checkpoint of a dossier, if it exists."""
    rows = await session.exec(  # as committed now: a colleague may have held it a moment ago
        select(Checkpoint)
        .where(Checkpoint.dossier_id == dossier_id, Checkpoint.kind == kind.value)
        .execution_options(populate_existing=True)
    )
    return rows.first()


async def earliest_day(session: AsyncSession, dossier: Dossier, transition: Transition) -> date | None:
    """The date a decision may not precede (the label: the visit's date, as held; a checkpoint or the
    visit: the last checkpoint recorded, so that the committee's steps read in their order)."""
    visit = await _checkpoint(session, dossier.id, CheckpointKind.VISIT) if dossier.id else None
    start = earliest_date(dossier, transition, visit.held_on if visit is not None else None)
    if transition in (Transition.RECORD_CHECKPOINT, Transition.RECORD_VISIT) and dossier.id:
        held = [c.held_on for c in await checkpoints_of(session, dossier.id) if c.held_on is not None]
        start = max([start, *held]) if start is not None else max(held, default=None)
    return start


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


async def _drop_interim(session: AsyncSession, dossier: Dossier, actor_id: int | None, now: datetime) -> None:
    """Once the visit is held, the 6- and 12-month checkpoints not held are no longer due: removed.

    Removed rather than marked, so that every reader (reminders, calendar, progress, the committee's
    flags, the bilan to prepare) stops at once without a filter of its own; what was planned stays
    in the audit (the due date it had), and a checkpoint held stays held. Reminders handed over
    for them and not sent yet are no longer sent (``reminder_queue``: their checkpoint is gone).
    """
    for kind in INTERIM_CHECKPOINTS:
        row = await _checkpoint(session, dossier.id, kind)
        if row is None or row.held_on is not None:
            continue
        await record_change(
            session, actor_id=actor_id, coop_id=dossier.coop_id, entity="checkpoint", entity_id=row.id,
            action="superseded_by_visit", field="due_on", old=f"{kind}: {row.due_on.isoformat()}", now=now,
        )  # fmt: skip
        await session.delete(row)


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
    new_cycle_started(session, dossier.coop_id)
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


async def _refuse_checkpoint(
    session: AsyncSession, dossier: Dossier, kind: CheckpointKind | None, transition: Transition
) -> None:
    """TransitionRefused if the checkpoint this decision holds waits for one not held (the 12-month one
    for the 6-month one), or is held already: both read as committed now."""
    if kind is None:
        return
    rows = await session.exec(  # as committed now: a colleague may have changed them a moment ago
        select(Checkpoint)
        .where(Checkpoint.dossier_id == dossier.id)
        .execution_options(populate_existing=True)
    )
    checkpoints = list(rows.all())
    if (first := to_hold_before(checkpoints, kind)) is not None:
        raise TransitionRefused("out_of_order", dossier.status, transition, f"{first.kind} is not held")
    held = next((c for c in checkpoints if c.kind == kind and c.held_on is not None), None)
    if held is not None:
        raise TransitionRefused(
            "already_held", dossier.status, transition, f"{kind} was held on {held.held_on}"
        )


async def _hold_status(
    session: AsyncSession, dossier: Dossier, transition: Transition, now: datetime, started: Started | None
) -> None:
    """The dossier's new version, first, and only at the status this decision was checked against (as
    read when it began, ``started``): a colleague's decision committed meanwhile refuses this one instead
    of being overwritten by it (a dossier both admissible and asked for more); so does a submission since
    it began (sent back to the coop and submitted again: a version the decider never read)."""
    read = started.status if started else dossier.status
    try:
        await touch_dossier(session, dossier, now, stage=(read,))
    except DossierLocked:
        raise DecidedMeanwhile("decided_meanwhile", read, transition) from None
    if started and (await started_on(session, dossier)).submission != started.submission:
        raise DecidedMeanwhile("resubmitted", read, transition, f"submitted again since {started}")


async def _member_of_coop(session: AsyncSession, user_id: int | None, coop_id: int) -> bool:
    """Whether this person is on the coop's team (None: the CLI, nobody's own coop)."""
    if user_id is None:
        return False
    found = await session.exec(select(Member.id).where(Member.user_id == user_id, Member.coop_id == coop_id))
    return found.first() is not None


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
    started: Started | None = None,
    referential: Referential | None = None,
) -> Dossier:
    """Make a committee decision, record a checkpoint or apply again after a refusal (the direction);
    returns the next cycle's dossier on renewal, and on applying again after a label refused."""
    if transition == Transition.SUBMIT:
        raise ValueError("a dossier is submitted with models.dossier.submission.submit_dossier")
    now = now or utcnow()
    old_status = dossier.status
    new_status = check_transition(old_status, transition, role)
    if role == Role.COMMITTEE and await _member_of_coop(session, actor_id, dossier.coop_id):
        # a committee member who is also in the coop judges their own dossier: the others decide
        raise TransitionRefused("own_coop", old_status, transition, f"user {actor_id} is in the coop")
    kind = checkpoint_to_hold(old_status, transition, checkpoint)
    day = on_date or paris_today(now)
    start = await earliest_day(session, dossier, transition)
    if start is not None and day < start:
        raise TransitionRefused("date_before_start", old_status, transition, f"{day} is before {start}")
    await _refuse_checkpoint(session, dossier, kind, transition)  # refused before writing anything
    await refuse_incomplete(session, dossier, transition, referential)  # the screen's (None: in force)
    if again_later := (transition == Transition.REAPPLY and dossier.admissible_on is not None):
        await refuse_cycle_made(session, dossier)  # past its visit: its next cycle made once, held first
    await _hold_status(session, dossier, transition, now, started)
    await _refuse_checkpoint(session, dossier, kind, transition)  # or changed while we waited for it

    if transition == Transition.DECLARE_ADMISSIBLE:
        dossier.admissible_on = day
        await _schedule(session, dossier, tuple(k for k, _ in AFTER_ADMISSIBILITY))
        await _copy_baselines(session, dossier, now)
    elif transition == Transition.GRANT_LABEL:
        dossier.labelled_on = day
        await _schedule(session, dossier, tuple(k for k, _ in AFTER_LABEL))
    if kind is not None:
        await _hold(session, dossier, kind, day, comment, actor_id)
    if transition == Transition.RECORD_VISIT:
        await _drop_interim(session, dossier, actor_id, now)
    dossier.status = new_status = DossierStatus.REFUSED if again_later else new_status  # keeps its course
    # The comment rides after the status: new_value.split(": ", 1)[0] gives the status back.
    await record_change(
        session, actor_id=actor_id, coop_id=dossier.coop_id, entity="dossier", entity_id=dossier.id,
        action=transition.value, field="status", old=old_status.value,
        new=f"{new_status.value}: {comment}" if comment else new_status.value, now=now,
    )  # fmt: skip
    if transition == Transition.REFUSE:  # the day the committee gave it, as confirmed
        await record_refusal_day(session, dossier, day, actor_id, now)
    await session.flush()
    if transition == Transition.OPEN_RENEWAL or again_later:  # the new candidacy is the next cycle
        return await _next_cycle(session, dossier, now)
    return dossier
