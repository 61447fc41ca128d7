"""A VisioCoop's one-hour reminder: to whom, and under which key, so that it goes once per time the
meeting is held at.

Whoever said they will attend is reminded an hour before, while the announcement's audience still
reaches them: active, still in a coop, the direction of theirs when it went to the direction (the rule
its deliveries follow, ``announcements.pending_deliveries``: ``rsvp.still_reached``, which takes an
answer too). Announcements turned off in /parametres do not stop it: « Je participe » promised it, and
turning announcements off stops announcements, not a reminder asked for.

Each reminder is claimed by inserting its ``SentReminder`` row, unique by (person, « announcement:<id> »,
lead): one claim wins, whatever the runs and the instances. Its lead is the meeting's time (``minute_of``,
minutes since 1970, as the change buttons carry it), not days: a meeting moved after its reminder went
out is reminded at its new time (as the move's confirmation promises), and never twice at one time, even
moved away and back. The event key stays the meeting's, which /mesdonnees names by its title. Rows
recorded before (lead 0, whatever the time) count for the time they were sent within the hour of: a
meeting not moved is not reminded a second time after the upgrade.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import String, cast, func, literal
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.clock import paris_time
from models.federation.announcement_changes import minute_of
from models.federation.rsvp import still_reached
from models.label.reminders import DueEvent, Reminder
from models.tables import Announcement, AnnouncementStatus, Rsvp, SentReminder, User

AHEAD = timedelta(hours=1)
EARLIER_LEAD = 0  # the lead of the rows recorded before the lead was the meeting's time


def meeting_reminders(announcement: Announcement, user_ids: list[int]) -> list[Reminder]:
    """The one-hour reminders of a meeting at its current time, one per attendee."""
    event = DueEvent(
        key=f"announcement:{announcement.id}",
        kind="announcement",
        due_on=paris_time(announcement.starts_at).date(),  # its day in Paris, as every due date
        recipients=tuple(user_ids),
    )
    lead = minute_of(announcement.starts_at)
    return [Reminder(user_id, event, lead, False) for user_id in user_ids]


async def attendees_to_remind(
    session: AsyncSession, now: datetime, ahead: timedelta = AHEAD
) -> list[tuple[Announcement, list[int]]]:
    """Meetings starting within the hour, with the people who said they will attend and whom the
    announcement still reaches, less those an earlier release recorded as reminded of this very time.
    One statement, whatever the number of meetings and attendees."""
    recorded_before = (
        select(func.max(SentReminder.sent_at))
        .where(SentReminder.user_id == Rsvp.user_id, SentReminder.lead_days == EARLIER_LEAD)
        .where(SentReminder.event_key == literal("announcement:") + cast(Announcement.id, String))
        .scalar_subquery()
    )
    rows = await session.exec(
        select(Announcement, Rsvp.user_id, recorded_before)
        .join(Rsvp, Rsvp.announcement_id == Announcement.id)
        .join(User, User.id == Rsvp.user_id)
        .where(
            Announcement.status.in_((AnnouncementStatus.SENDING, AnnouncementStatus.DONE)),
            Announcement.starts_at > now,
            Announcement.starts_at <= now + ahead,
        )
        .where(Rsvp.attending, User.is_active, still_reached(Rsvp.user_id))
        .order_by(Announcement.id, Rsvp.user_id)
    )
    found: dict[int, tuple[Announcement, list[int]]] = {}
    for announcement, user_id, sent_before in rows.all():
        if sent_before is not None and sent_before >= announcement.starts_at - ahead:
            continue  # reminded of this time under the earlier key: it still counts
        found.setdefault(announcement.id, (announcement, []))[1].append(user_id)
    return list(found.values())
