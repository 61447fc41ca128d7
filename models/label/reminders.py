"""Reminders before every checkpoint and committee meeting: computed from the database, sent once.

Each due event (a checkpoint of a dossier, a committee meeting) is announced to its recipients
``lead`` days before (30, 7 and 1 by default), at a civil hour in Paris. After an outage only the
most recent lead still ahead is sent, as one catch-up message, never a burst of stale ones; it says
« sent late » only when an earlier reminder of the event went out (the event existed then).
What is due is found here; a ``SentReminder`` row with a unique key is written for each *before*
it is sent (``models.label.reminder_queue``): a restart can never send the same reminder twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache

from sqlalchemy import Date, String, bindparam, case, cast, func, literal, or_
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.clock import PARIS, paris_today
from models.dossier.reads import FOLLOWED
from models.label.lifecycle import INTERIM_CHECKPOINTS
from models.label.meetings import next_meeting_at
from models.tables import (
    Checkpoint,
    Coop,
    Dossier,
    DossierStatus,
    FederationRole,
    FederationRoleName,
    Member,
    ProgressReport,
    ReportStatus,
    SentReminder,
    User,
)

DEFAULT_LEADS = (30, 7, 1)
DEFAULT_HOUR = 9  # reminders go out from 9:00, Paris time…
CIVIL_END_HOUR = 21  # …and never after 21:00: a sweep at night waits for the morning
COMMITTEE_MEETING = "committee_meeting"
# dossiers whose next step is a decision the committee takes at its next meeting: submitted (read
# there), visited (the label decided there); every screen that says what comes next follows this
WAITING_FOR_A_DECISION = (DossierStatus.SUBMITTED, DossierStatus.VISITED)


@dataclass(frozen=True)
class DueEvent:
    key: str  # unique per event: "checkpoint:<id>", "committee:<date>", a VisioCoop's "announcement:<id>"
    kind: str  # a CheckpointKind value, or COMMITTEE_MEETING
    due_on: date
    recipients: tuple[int, ...]
    coop_id: int | None = None
    coop_name: str | None = None
    waiting: int = 0  # for committee meetings: dossiers waiting


@dataclass(frozen=True)
class Reminder:
    user_id: int
    event: DueEvent
    # days before the event; a VisioCoop's one-hour reminder: the meeting's time (meeting_reminders.py)
    lead_days: int
    catch_up: bool  # an earlier reminder of this event went out, a later one was missed (the bot was down)
    # the recipient is the direction of the event's coop: the bilan is theirs to send, the text says so
    direction: bool = False
    headless: bool = False  # nobody of the coop is its direction: nobody can send the bilan (said so)
    earlier_bilan: bool = False  # an earlier checkpoint's bilan is still expected: /bilan opens that one


def is_civil_hour(now: datetime, hour: int = DEFAULT_HOUR) -> bool:
    """Whether people may be written to now (Paris time)."""
    return time(hour) <= now.astimezone(PARIS).time() < time(CIVIL_END_HOUR)


def send_instant(due_on: date, lead_days: int, hour: int = DEFAULT_HOUR) -> datetime:
    """When the reminder ``lead_days`` before ``due_on`` becomes due (UTC)."""
    local = datetime.combine(due_on - timedelta(days=lead_days), time(hour), tzinfo=PARIS)
    return local.astimezone(UTC)


def eligible_leads(due_on: date, now: datetime, leads: Iterable[int], hour: int = DEFAULT_HOUR) -> list[int]:
    """The leads whose time has come for an event not yet past, most recent first."""
    if paris_today(now) > due_on:
        return []
    return sorted(lead for lead in set(leads) if send_instant(due_on, lead, hour) <= now)


def reminders_due(
    events: Iterable[DueEvent],
    sent: dict[tuple[int, str], int],
    now: datetime,
    leads: Iterable[int] = DEFAULT_LEADS,
    hour: int = DEFAULT_HOUR,
) -> list[Reminder]:
    """What to send now; ``sent`` maps (user, event key) to the smallest lead already sent."""
    if not is_civil_hour(now, hour):
        return []
    leads = tuple(leads)
    due = []
    for event in events:
        ready = eligible_leads(event.due_on, now, leads, hour)
        if not ready:
            continue
        lead = ready[0]
        for user_id in event.recipients:
            already = sent.get((user_id, event.key))
            if already is not None and already <= lead:
                continue
            # a lead between the last one sent and this one was never sent: the bot was down. With none
            # sent before, nothing says the event had anything to announce then (a dossier submitted 8
            # days before the meeting, an admissibility recorded late): not called late
            missed = already is not None and any(lead < earlier < already for earlier in ready)
            due.append(Reminder(user_id, event, lead, missed))
    return due


@dataclass
class Sweep:
    """What a sweep found: the events within the horizon, what was already sent, the people."""

    events: list[DueEvent]
    sent: dict[tuple[int, str], int]  # (user, event key) -> the smallest lead recorded (sent or pending)
    users: dict[int, User]


async def upcoming_events(
    session: AsyncSession,
    now: datetime,
    horizon_days: int,
    committee_dates: Iterable[date] = (),
    leads: Iterable[int] = DEFAULT_LEADS,
) -> Sweep:
    """Checkpoints whose reminder is due today and the next committee meeting: two statements.

    One join gives each open checkpoint of a followed dossier whose lead has come (the smallest
    lead not shorter than the days left) with each active member of its coop not yet reminded at
    that lead, and the smallest lead already recorded for them, sent or still pending (a lookup on
    SentReminder's unique key); a second one the committee's active members when dossiers wait for
    the meeting. The cost grows with the reminders due, not with the coops nor with those sent before.
    A meeting counts until it starts (2 pm on its day): one begun is not announced, even late.
    """
    today, leads = paris_today(now), tuple(sorted(set(leads)))
    within = {f"within_{n}": today + timedelta(days=n) for n in leads}
    until = today + timedelta(days=horizon_days)
    rows = await session.exec(_due_checkpoints(leads), params={"today": today, "until": until, **within})
    found = Sweep([], {}, {})
    checkpoints: dict[int, tuple[Checkpoint, Coop, list[int]]] = {}
    for checkpoint, coop, user, sent in rows.all():
        checkpoints.setdefault(checkpoint.id, (checkpoint, coop, []))[2].append(user.id)
        found.users[user.id] = user
        if sent is not None:
            found.sent[(user.id, f"checkpoint:{checkpoint.id}")] = sent
    for checkpoint, coop, recipients in checkpoints.values():
        found.events.append(
            DueEvent(f"checkpoint:{checkpoint.id}", checkpoint.kind, checkpoint.due_on, tuple(recipients),
                     coop_id=coop.id, coop_name=coop.name)
        )  # fmt: skip
    meeting = next_meeting_at(now, committee_dates)
    if meeting <= until:
        await _committee_event(session, meeting, found)
    return found


@cache
def _due_checkpoints(leads: tuple[int, ...]):
    """The statement of ``upcoming_events``' checkpoints, built once per set of leads (building it costs
    more than running it): the dates are parameters — ``today``, ``until`` and ``within_<lead>``."""
    lead = case(*[(Checkpoint.due_on <= bindparam(f"within_{n}"), n) for n in leads])
    sent = _smallest_sent(checkpoint_key())
    return (
        to_each_member(select(Checkpoint, Coop, User, sent))
        .join(Coop, Coop.id == Dossier.coop_id)
        .join(User, User.id == Member.user_id)
        .where(Checkpoint.due_on.between(bindparam("today"), bindparam("until")), User.is_active)
        .where(lead.is_not(None), or_(sent.is_(None), sent > lead))  # due now, not sent at that lead
        .order_by(Checkpoint.id, User.id)
    )


def checkpoint_key():
    """A checkpoint's event key, in SQL: « checkpoint:<id> », as its reminders' rows hold it."""
    return literal("checkpoint:") + cast(Checkpoint.id, String)


def to_each_member(query):
    """The one rule of whom a checkpoint is reminded to, joined onto ``query`` (from ``Checkpoint``):
    a checkpoint not held, of a dossier the committee follows, to each member of its coop (``Member``).
    The sweep hands over with it; sending a row handed over checks it again (``reminder_queue``)."""
    return (
        query.join(Dossier, Dossier.id == Checkpoint.dossier_id)
        .join(Member, Member.coop_id == Dossier.coop_id)
        .where(Checkpoint.held_on.is_(None), Dossier.status.in_(FOLLOWED))
    )


def _smallest_sent(key):
    """The smallest lead already sent to the row's user for the event ``key`` (NULL: none)."""
    return (
        select(func.min(SentReminder.lead_days))
        .where(SentReminder.user_id == User.id, SentReminder.event_key == key)
        .scalar_subquery()
    )


def waiting_for_the_committee(meeting):
    """Which dossiers wait for a committee decision at a meeting: those submitted, those visited (the label
    to decide), and those followed with a step due by then not recorded (a checkpoint, the visit, the
    mid-term, the renewal to open at the label's end). Those asked for more information wait for the coop.
    ``meeting``: a date, or a parameter standing for one."""
    step_due = (
        select(Checkpoint.id)
        .where(Checkpoint.dossier_id == Dossier.id, Checkpoint.held_on.is_(None))
        .where(Checkpoint.due_on <= meeting)
        .exists()
    )
    decided = Dossier.status.in_(WAITING_FOR_A_DECISION)
    return or_(decided, Dossier.status.in_((DossierStatus.ADMISSIBLE, DossierStatus.LABELLED)) & step_due)


async def _committee_event(session: AsyncSession, meeting: date, found: Sweep) -> None:
    """The committee's reminder of its next meeting, when dossiers wait for it: one statement."""
    key = f"committee:{meeting.isoformat()}"
    rows = (await session.exec(_committee_members(), params={"key": key, "meeting": meeting})).all()
    count = rows[0][2] if rows else 0
    if not count:
        return
    for user, sent, _count in rows:
        found.users[user.id] = user
        if sent is not None:
            found.sent[(user.id, key)] = sent
    recipients = tuple(sorted({user.id for user, _sent, _count in rows}))
    found.events.append(DueEvent(key, COMMITTEE_MEETING, meeting, recipients, waiting=count))


@cache
def _committee_members():
    """The statement of ``_committee_event``, built once: ``key`` (the meeting's event key) and ``meeting``
    (its date) are parameters."""
    meeting = bindparam("meeting", type_=Date)
    waiting = select(func.count(Dossier.id)).where(waiting_for_the_committee(meeting)).scalar_subquery()
    return (
        select(User, _smallest_sent(bindparam("key", type_=String)), waiting)
        .join(FederationRole, FederationRole.telegram_id == User.id)
        .where(FederationRole.role == FederationRoleName.COMMITTEE, User.is_active)
        .order_by(User.id)
    )


async def sent_index(session: AsyncSession, keys: Iterable[str]) -> dict[tuple[int, str], int]:
    """The smallest lead already sent, per (user, event key)."""
    keys = list(keys)
    if not keys:
        return {}
    index: dict[tuple[int, str], int] = {}
    for row in (await session.exec(select(SentReminder).where(SentReminder.event_key.in_(keys)))).all():
        key = (row.user_id, row.event_key)
        index[key] = min(row.lead_days, index.get(key, row.lead_days))
    return index


async def bilans_sent(session: AsyncSession, events: Iterable[DueEvent]) -> dict[str, datetime]:
    """When the coop sent its bilan for each of these checkpoints (by event key), if it did: the
    reminder then says so instead of inviting to prepare it."""
    ids = [int(e.key.split(":")[1]) for e in events if e.kind in INTERIM_CHECKPOINTS]
    if not ids:
        return {}
    found = await session.exec(
        select(Checkpoint.id, ProgressReport.sent_at)
        .join(
            ProgressReport,
            (ProgressReport.dossier_id == Checkpoint.dossier_id)
            & (ProgressReport.checkpoint_kind == Checkpoint.kind),
        )
        .where(Checkpoint.id.in_(ids), ProgressReport.status == ReportStatus.SENT)
    )
    return {f"checkpoint:{checkpoint_id}": sent_at for checkpoint_id, sent_at in found.all()}
