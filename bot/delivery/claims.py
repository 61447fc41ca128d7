"""How each kind of message is claimed before its send and settled after it.

Deliveries and notifications are rows with a status, claimed by one conditional update (pending →
sending, naming the instance that sends) and settled with a bounded number of tries; the final
report of a broadcast is such a notification, written when the broadcast finishes. A checkpoint's or
a committee meeting's reminder is a ``SentReminder`` row the sweep handed over as pending: claimed
the same way (pending → sending), kept once sent (or refused), removed after a failure so a later
sweep decides again. A meeting's one-hour reminder and a consultation's are claimed by inserting
their unique row as sending. Either way the database lets one claim win, whatever the instances,
and a claim is given back or settled only while it is still this instance's (``models.outbox``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.delivery.outgoing import Outcome
from models.announcements import claim_delivery, record_delivery, release_delivery
from models.clock import utcnow
from models.label import reminder_queue
from models.label.reminders import Reminder
from models.operations.instances import InstanceId
from models.outbox import claim_notification, release_notification, settle_notification


@dataclass(frozen=True)
class DeliveryClaim:
    """One recipient of an announcement (tried 3 times at most)."""

    delivery_id: int
    by: InstanceId

    async def take(self, session: AsyncSession) -> bool:
        """Pending → sending (by this instance), or False."""
        return await claim_delivery(session, self.delivery_id, self.by, utcnow())

    async def give_back(self, session: AsyncSession) -> None:
        """Sending → pending."""
        await release_delivery(session, self.delivery_id, self.by)

    async def settle(self, session: AsyncSession, outcome: Outcome, now: datetime) -> bool:
        """Sent, blocked, or failed (pending again until the last try); False if taken over."""
        return await record_delivery(
            session,
            self.delivery_id,
            outcome.status,
            by=self.by,
            error=outcome.error,
            now=now,
            final=outcome.final,
        )


@dataclass(frozen=True)
class NotificationClaim:
    """One message of the outbox (tried 5 times at most)."""

    notification_id: int
    by: InstanceId
    coop_id: int | None = None  # its recipient's coop when it was checked: claimed only if it still is

    async def take(self, session: AsyncSession) -> bool:
        """Pending → sending (by this instance), or False (taken, or its recipient's team changed)."""
        return await claim_notification(session, self.notification_id, self.by, utcnow(), self.coop_id)

    async def give_back(self, session: AsyncSession) -> None:
        """Sending → pending."""
        await release_notification(session, self.notification_id, self.by)

    async def settle(self, session: AsyncSession, outcome: Outcome, now: datetime) -> bool:
        """Sent, blocked, or failed (pending again until the last try); False if taken over."""
        return await settle_notification(
            session,
            self.notification_id,
            outcome.status,
            by=self.by,
            error=outcome.error,
            now=now,
            final=outcome.final,
        )


@dataclass(frozen=True)
class QueuedReminderClaim:
    """A reminder the sweep handed over as a pending row (no limit of tries: the event's date ends it)."""

    row_id: int
    reminder: Reminder
    by: InstanceId

    async def take(self, session: AsyncSession) -> bool:
        """Pending → sending (by this instance), or False."""
        return await reminder_queue.take(session, self.row_id, self.by, utcnow())

    async def give_back(self, session: AsyncSession) -> None:
        """Sending → pending."""
        await reminder_queue.give_back(session, self.row_id, self.by)

    async def settle(self, session: AsyncSession, outcome: Outcome, now: datetime) -> bool:
        """Sent or blocked: kept, never sent again; failed: removed, for the next sweep to retry."""
        return await reminder_queue.settle(session, self.reminder, outcome.status, now, self.by)


@dataclass(frozen=True)
class ReminderClaim:
    """A reminder claimed by inserting its row right before the send (a meeting's, a consultation's)."""

    reminder: Reminder
    now: datetime
    by: InstanceId | None = None

    async def take(self, session: AsyncSession) -> bool:
        """Insert the reminder's row as sending, or False if it is already there."""
        return await reminder_queue.claim(session, self.reminder, self.now, self.by)

    async def give_back(self, session: AsyncSession) -> None:
        """Remove the row: the reminder is due again."""
        await reminder_queue.release(session, self.reminder, self.by)

    async def settle(self, session: AsyncSession, outcome: Outcome, now: datetime) -> bool:
        """Keep the row if sent or blocked (never retried); remove it after a failure."""
        return await reminder_queue.settle(session, self.reminder, outcome.status, now, self.by)
