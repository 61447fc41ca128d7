"""What the committee follows: each coop's latest dossier submitted to it, by status, with its next step."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import and_, func, or_, select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.audit import record_change
from models.clock import paris_today
from models.dossier.changes import ON_SUBMISSION, latest_entry
from models.dossier.reads import read_snapshot
from models.dossier.rules import Gap, dossier_gaps
from models.label.lifecycle import Started, Transition, TransitionRefused
from models.parsing.names import reading_order
from models.referential.model import Referential
from models.referential.store import active_referential
from models.tables import AuditEntry, Checkpoint, Coop, Dossier, DossierStatus, DossierVersion

FOLLOWED_BY_COMMITTEE = (
    DossierStatus.SUBMITTED,
    DossierStatus.INFO_REQUESTED,
    DossierStatus.ADMISSIBLE,
    DossierStatus.VISITED,
    DossierStatus.LABELLED,
    DossierStatus.REFUSED,  # read-only: a committee member finds a dossier refused last quarter
)
# a coop's earlier cycle, closed when the next one began: submitted then, read as the committee left it
EARLIER_CYCLE = DossierStatus.RENEWED
# the day the committee gave a refusal, in an entry beside the refusal's (``record_refusal_day``)
REFUSAL_DAY = "refusal_day"


# The group of a coop preparing its next cycle (its current dossier a draft, after a renewal or a
# label refused after the visit): listed with the latest cycle the committee followed, still its to read
NEXT_CYCLE_IN_PREPARATION = DossierStatus.DRAFT
# The group of a coop refused on reading and preparing a new candidacy (``Transition.REAPPLY``: the same
# dossier a draft again), when the committee follows no other cycle of it: listed so that the committee
# finds it, read no further than the refusal (the draft edited since is the coop's until submitted again)
APPLYING_AGAIN = "applying_again"
PREPARED_AGAIN = (DossierStatus.DRAFT, DossierStatus.READY)


async def started_on(session: AsyncSession, dossier: Dossier) -> Started:
    """The dossier as a decision of several steps begins on it (its submission read as committed now)."""
    last = select(func.max(DossierVersion.version)).where(DossierVersion.dossier_id == dossier.id)
    return Started(DossierStatus(dossier.status), (await session.exec(last)).one())


async def dossiers_by_status(
    session: AsyncSession,
) -> dict[DossierStatus | str, list[tuple[Dossier, Coop, tuple[str, object] | None]]]:
    """Each coop's latest dossier the committee follows, grouped by status, with its next checkpoint
    not held; an earlier cycle, while the next is a draft, under NEXT_CYCLE_IN_PREPARATION (its steps
    no longer apply: no next checkpoint); a coop refused on reading and preparing again, with no other
    cycle followed, under APPLYING_AGAIN. Two statements whatever the number of coops."""
    latest = (
        select(Dossier.coop_id, func.max(Dossier.cycle).label("cycle")).group_by(Dossier.coop_id).subquery()
    )
    rows = (
        await session.exec(
            select(Dossier, Coop, latest.c.cycle)
            .join(Coop, Coop.id == Dossier.coop_id)
            .join(latest, latest.c.coop_id == Dossier.coop_id)
            .where(
                or_(
                    Dossier.status.in_((*FOLLOWED_BY_COMMITTEE, EARLIER_CYCLE)),
                    and_(Dossier.status.in_(PREPARED_AGAIN), Dossier.submitted_at.is_not(None)),
                )
            )
            .order_by(Coop.id, Dossier.cycle.desc())  # each coop's latest cycle first; names sorted below
        )
    ).all()
    pending = (
        await session.exec(select(Checkpoint).where(Checkpoint.held_on.is_(None)).order_by(Checkpoint.due_on))
    ).all()
    next_due: dict[int, tuple[str, object]] = {}
    for checkpoint in pending:
        next_due.setdefault(checkpoint.dossier_id, (checkpoint.kind, checkpoint.due_on))
    grouped: dict[DossierStatus | str, list] = {}
    seen: set[int] = set()
    again: dict[int, tuple] = {}
    for dossier, coop, latest_cycle in rows:
        if coop.id in seen:  # an earlier cycle of a coop listed with a later one
            continue
        if refused_again(dossier):  # listed below unless an earlier cycle is (« cycle 2 in preparation »)
            again[coop.id] = (dossier, coop, None)
            continue
        seen.add(coop.id)
        if dossier.cycle == latest_cycle:
            grouped.setdefault(DossierStatus(dossier.status), []).append(
                (dossier, coop, next_due.get(dossier.id))
            )
        else:
            grouped.setdefault(NEXT_CYCLE_IN_PREPARATION, []).append((dossier, coop, None))
    for coop_id, row in again.items():
        if coop_id not in seen:
            grouped.setdefault(APPLYING_AGAIN, []).append(row)
    for rows_of_status in grouped.values():
        rows_of_status.sort(key=lambda row: reading_order(row[1]))
    return grouped


async def coops_count(session: AsyncSession) -> int:
    """How many coops the federation has, listed or not by the committee (one statement)."""
    return (await session.exec(select(func.count()).select_from(Coop))).one()


async def latest_followed(session: AsyncSession, coop_id: int) -> tuple[Dossier | None, bool]:
    """The coop's latest dossier the committee follows (None before its first submission), and whether
    it is its current one (False: an earlier cycle, the next one a draft), as dossiers_by_status."""
    dossiers = (
        await session.exec(select(Dossier).where(Dossier.coop_id == coop_id).order_by(Dossier.cycle.desc()))
    ).all()
    followed = next((d for d in dossiers if followed_by_committee(d.status)), None)
    return followed, followed is not None and followed.id == dossiers[0].id


def refused_again(dossier: Dossier | None) -> bool:
    """Whether a coop's current dossier was refused on reading and is being prepared again: the same
    dossier a draft again (``Transition.REAPPLY``), its submission's date kept (a request for more
    information keeps its own status; a new cycle starts with none)."""
    return dossier is not None and dossier.status in PREPARED_AGAIN and dossier.submitted_at is not None


def followed_by_committee(status: DossierStatus | str) -> bool:
    """Whether the committee reads a dossier in this status: one submitted to it (refused, or an earlier
    cycle closed since, too), never a draft the coop has not submitted (or is preparing again)."""
    return status in FOLLOWED_BY_COMMITTEE or status == EARLIER_CYCLE


async def followed_dossier(session: AsyncSession, dossier_id: int) -> tuple[Dossier, Coop] | None:
    """A dossier the committee follows, with its coop; None for another (a draft) or none at all."""
    found = await dossier_with_coop(session, dossier_id)
    return found if found is not None and followed_by_committee(found[0].status) else None


async def dossier_with_coop(session: AsyncSession, dossier_id: int) -> tuple[Dossier, Coop] | None:
    """A dossier and its coop, for the committee (who may see every coop's)."""
    dossier = await session.get(Dossier, dossier_id)
    return None if dossier is None else (dossier, await session.get(Coop, dossier.coop_id))


async def refusal_comment(session: AsyncSession, dossier_id: int) -> str | None:
    """The committee's comment when its latest decision on the submitted dossier was a refusal
    ("" when it wrote none); None otherwise."""
    entry = await latest_entry(session, dossier_id, ON_SUBMISSION)
    return comment_of(entry) if entry is not None and entry.action == Transition.REFUSE else None


def comment_of(entry: AuditEntry) -> str:
    """The comment a decision's audit entry carries after its status ("" when it has none)."""
    return entry.new_value.split(": ", 1)[1] if entry.new_value and ": " in entry.new_value else ""


async def record_refusal_day(
    session: AsyncSession, dossier: Dossier, day: date, by: int | None, now: datetime
) -> None:
    """The day the committee gave a refusal, kept in an entry after the refusal's (dated when recorded)."""
    await record_change(
        session, actor_id=by, coop_id=dossier.coop_id, entity="dossier", entity_id=dossier.id,
        action=REFUSAL_DAY, field="refused_on", new=day.isoformat(), now=now,
    )  # fmt: skip


def _refusals(entries) -> list[tuple[date, str]]:
    """Refusals from their audit entries, each dossier's in the order written: the day the committee gave
    each (``record_refusal_day``), else (recorded before it was kept) the day recorded; and its comment."""
    refusals: list[tuple[date, str]] = []
    refused = None  # the dossier of the last refusal read: a day is its own dossier's
    for entry in entries:
        if entry.action != REFUSAL_DAY:
            refusals.append((paris_today(entry.at), comment_of(entry)))
            refused = entry.entity_id
        elif refused == entry.entity_id:
            refusals[-1] = (date.fromisoformat(entry.new_value), refusals[-1][1])
    return refusals


def _refusal_entries():
    """The select of refusals' entries and their days, each dossier's (earlier cycles first) as written."""
    return (
        select(AuditEntry)
        .where(AuditEntry.entity == "dossier", AuditEntry.action.in_((Transition.REFUSE.value, REFUSAL_DAY)))
        .order_by(AuditEntry.entity_id, AuditEntry.id)
    )


async def refusals_of(session: AsyncSession, dossier_id: int) -> list[tuple[date, str]]:
    """Every refusal of a dossier, earliest first: the day the committee gave it, and its comment.

    A dossier applied for again after a refusal (``Transition.REAPPLY``) is the same dossier: these
    are its earlier candidacies (and, while it is refused, the last one)."""
    rows = await session.exec(_refusal_entries().where(AuditEntry.entity_id == dossier_id))
    return _refusals(rows.all())


async def refusals_before(session: AsyncSession, dossier: Dossier) -> list[tuple[date, str]]:
    """The refusals of the coop's earlier cycles that ended refused (a label refused after its visit
    is applied for again as a new cycle), earliest first."""
    rows = await session.exec(
        _refusal_entries()
        .join(Dossier, Dossier.id == AuditEntry.entity_id)
        .where(Dossier.coop_id == dossier.coop_id, Dossier.cycle < dossier.cycle)
        .where(Dossier.status == DossierStatus.REFUSED)
    )
    return _refusals(rows.all())


async def last_decision_comment(session: AsyncSession, dossier_id: int, transition: str) -> str | None:
    """The comment of the latest decision of a kind (e.g. what the committee asked for)."""
    entry = await latest_entry(session, dossier_id, (transition,))
    return (comment_of(entry) or None) if entry is not None else None


async def admissibility_gaps(
    session: AsyncSession, dossier: Dossier, referential: Referential | None = None
) -> list[Gap]:
    """The rules a dossier does not meet against ``referential`` (one loaded since it was submitted may
    move engagements between axes): it is declared admissible only with none. A conversation passes the
    referential its instance runs with, the one its screen judged completeness by (a referential loaded
    in the database waits for the restart: judged by it here, the screen offering « declare admissible »
    and the press refusing it would loop); None, outside a conversation (CLI, tests): the one in force."""
    referential = referential or await active_referential(session)
    return dossier_gaps(referential, await read_snapshot(session, dossier))


async def refuse_incomplete(
    session: AsyncSession, dossier: Dossier, transition: Transition, referential: Referential | None
) -> None:
    """TransitionRefused (« incomplete ») for a dossier declared admissible while it misses something."""
    if transition != Transition.DECLARE_ADMISSIBLE:
        return
    if gaps := await admissibility_gaps(session, dossier, referential):
        raise TransitionRefused("incomplete", dossier.status, transition, ", ".join(gap.kind for gap in gaps))


async def latest_step(session: AsyncSession, dossier_id: int) -> AuditEntry | None:
    """The latest step recorded on a dossier since it was submitted (a decision, a checkpoint held), from
    its audit: which, by whom (``actor_id``), when."""
    steps = [transition.value for transition in Transition if transition != Transition.SUBMIT]
    return await latest_entry(session, dossier_id, steps)


@dataclass(frozen=True)
class LabelDossier:
    """A dossier declared admissible, its checkpoints (held or not), and whether it is its coop's
    current one (an earlier cycle's steps no longer apply)."""

    dossier: Dossier
    coop: Coop
    checkpoints: list[Checkpoint]
    current: bool


async def committee_agenda(session: AsyncSession) -> list[LabelDossier]:
    """Every dossier declared admissible, of every coop and cycle, with its checkpoints: the steps the
    committee records, and those a calendar imported earlier must withdraw (held, made moot by an
    early visit, of a closed cycle). Three statements whatever the number of coops."""
    rows = (
        await session.exec(
            select(Dossier, Coop)
            .join(Coop, Coop.id == Dossier.coop_id)
            .where(Dossier.admissible_on.is_not(None))
        )
    ).all()
    if not rows:
        return []
    rows = sorted(rows, key=lambda row: (reading_order(row[1]), row[0].cycle))
    latest = dict(
        (await session.exec(select(Dossier.coop_id, func.max(Dossier.cycle)).group_by(Dossier.coop_id))).all()
    )
    found = (
        await session.exec(
            select(Checkpoint)
            .join(Dossier, Dossier.id == Checkpoint.dossier_id)
            .where(Dossier.admissible_on.is_not(None))
            .order_by(Checkpoint.due_on)
        )
    ).all()
    by_dossier: dict[int, list[Checkpoint]] = {}
    for checkpoint in found:
        by_dossier.setdefault(checkpoint.dossier_id, []).append(checkpoint)
    return [
        LabelDossier(dossier, coop, by_dossier.get(dossier.id, []), dossier.cycle == latest[coop.id])
        for dossier, coop in rows
    ]
