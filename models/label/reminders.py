"""Reminders before every checkpoint and committee meeting: computed from the database, sent once.

Each due event (a checkpoint of a dossier, a committee meeting) is announced to its recipients
``lead`` days before (30, 7 and 1 by default), at a civil hour in Paris. After an outage only the
most recent lead still ahead is sent, as one catch-up message, never a burst of stale ones.
A ``SentReminder`` row with a unique key is written *before* sending: a restart can never send the
same reminder twice (a failed send releases its row so the next sweep tries again).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import delete, select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.clock import PARIS, paris_today
from models.coops import coop_users
from models.dossier.reads import FOLLOWED
from models.label.meetings import next_committee_meeting
from models.tables import (
    Announcement,
    AnnouncementStatus,
    Checkpoint,
    Coop,
    Dossier,
    DossierStatus,
    FederationRoleName,
    Rsvp,
    SentReminder,
    User,
)
from models.users import federation_ids

DEFAULT_LEADS = (30, 7, 1)
DEFAULT_HOUR = 9  # reminders go out from 9:00, Paris time…
CIVIL_END_HOUR = 21  # …and never after 21:00: a sweep at night waits for the morning
COMMITTEE_MEETING = "committee_meeting"


@dataclass(frozen=True)
class DueEvent:
    key: str  # unique per event: "checkpoint:<id>" or "committee:<date>"
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
    lead_days: int
    catch_up: bool  # earlier reminders of this event were missed (the bot was down)


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
            # a lead between the last one sent and this one was never sent: the bot was down
            missed = any(lead < earlier and (already is None or earlier < already) for earlier in ready)
            due.append(Reminder(user_id, event, lead, missed))
    return due


async def upcoming_events(
    session: AsyncSession, today: date, horizon_days: int, committee_dates: Iterable[date] = ()
) -> list[DueEvent]:
    """Checkpoints not yet held and the next committee meeting, within the horizon."""
    until = today + timedelta(days=horizon_days)
    rows = await session.exec(
        select(Checkpoint, Dossier)
        .join(Dossier, Dossier.id == Checkpoint.dossier_id)
        .where(Checkpoint.held_on.is_(None), Checkpoint.due_on >= today, Checkpoint.due_on <= until)
        .where(Dossier.status.in_(FOLLOWED))
    )
    events = []
    for checkpoint, dossier in rows.all():
        users = await coop_users(session, dossier.coop_id)
        coop = await session.get(Coop, dossier.coop_id)
        events.append(
            DueEvent(
                key=f"checkpoint:{checkpoint.id}",
                kind=checkpoint.kind,
                due_on=checkpoint.due_on,
                recipients=tuple(u.id for u in users),
                coop_id=dossier.coop_id,
                coop_name=coop.name,
            )
        )
    meeting = next_committee_meeting(today, committee_dates)
    if meeting <= until:
        waiting = (
            await session.exec(select(Dossier.id).where(Dossier.status == DossierStatus.SUBMITTED))
        ).all()
        if waiting:
            committee = await federation_ids(session, FederationRoleName.COMMITTEE)
            active = (await session.exec(select(User.id).where(User.id.in_(committee), User.is_active))).all()
            events.append(
                DueEvent(
                    key=f"committee:{meeting.isoformat()}",
                    kind=COMMITTEE_MEETING,
                    due_on=meeting,
                    recipients=tuple(sorted(active)),
                    waiting=len(waiting),
                )
            )
    return events


async def attendees_to_remind(
    session: AsyncSession, now: datetime, ahead: timedelta = timedelta(hours=1)
) -> list[tuple[Announcement, list[int]]]:
    """Meetings starting within the hour, with the people who said they will attend."""
    rows = await session.exec(
        select(Announcement).where(
            Announcement.status.in_((AnnouncementStatus.SENDING, AnnouncementStatus.DONE)),
            Announcement.starts_at > now,
            Announcement.starts_at <= now + ahead,
        )
    )
    found = []
    for announcement in rows.all():
        users = (
            await session.exec(
                select(Rsvp.user_id)
                .join(User, User.id == Rsvp.user_id)
                .where(Rsvp.announcement_id == announcement.id, Rsvp.attending, User.is_active)
            )
        ).all()
        found.append((announcement, sorted(users)))
    return found


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


async def claim(session: AsyncSession, reminder: Reminder, now: datetime) -> bool:
    """Record the reminder before it is sent; False if it was already claimed."""
    try:
        async with session.begin_nested():
            session.add(
                SentReminder(
                    user_id=reminder.user_id,
                    event_key=reminder.event.key,
                    lead_days=reminder.lead_days,
                    due_on=reminder.event.due_on,
                    sent_at=now,
                )
            )
        return True
    except IntegrityError:
        return False


async def release(session: AsyncSession, reminder: Reminder) -> None:
    """Forget a claim whose message could not be sent, so a later sweep retries it."""
    await session.exec(
        delete(SentReminder).where(
            SentReminder.user_id == reminder.user_id,
            SentReminder.event_key == reminder.event.key,
            SentReminder.lead_days == reminder.lead_days,
        )
    )
