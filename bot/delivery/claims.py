"""How each kind of message is claimed before its send and settled after it.

Deliveries and notifications are rows with a status, claimed by one conditional update (pending →
sending, naming the instance that sends) and settled with a bounded number of tries; the final
report of a broadcast is such a notification, written when the broadcast finishes. A reminder (a
checkpoint's, a committee meeting's, a meeting's one-hour reminder) is claimed by inserting its
unique ``SentReminder`` row: kept once sent (or refused), removed after a failure so a later sweep
retries. Either way the database lets one claim win, whatever the number of instances.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.delivery.pipeline import Outcome
from models.announcements import claim_delivery, record_delivery, release_delivery
from models.clock import utcnow
from models.label.reminders import Reminder, claim, release
from models.operations.instances import InstanceId
from models.outbox import claim_notification, release_notification, settle_notification
from models.tables import DeliveryStatus


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
        await release_delivery(session, self.delivery_id)

    async def settle(self, session: AsyncSession, outcome: Outcome, now: datetime) -> None:
        """Sent, blocked, or failed (pending again until the last try)."""
        await record_delivery(session, self.delivery_id, outcome.status, error=outcome.error, now=now)


@dataclass(frozen=True)
class NotificationClaim:
    """One message of the outbox (tried 5 times at most)."""

    notification_id: int
    by: InstanceId

    async def take(self, session: AsyncSession) -> bool:
        """Pending → sending (by this instance), or False."""
        return await claim_notification(session, self.notification_id, self.by, utcnow())

    async def give_back(self, session: AsyncSession) -> None:
        """Sending → pending."""
        await release_notification(session, self.notification_id)

    async def settle(self, session: AsyncSession, outcome: Outcome, now: datetime) -> None:
        """Sent, blocked, or failed (pending again until the last try)."""
        await settle_notification(session, self.notification_id, outcome.status, error=outcome.error, now=now)


@dataclass(frozen=True)
class ReminderClaim:
    """One reminder to one person, claimed by its unique row (no limit of tries: the event ends it)."""

    reminder: Reminder
    now: datetime
    taken: bool = False  # recorded already, with its batch (the sweep's ``claim_all``)

    async def take(self, session: AsyncSession) -> bool:
        """Insert the reminder's row, or False if it is already there (True if its batch took it)."""
        return self.taken or await claim(session, self.reminder, self.now)

    async def give_back(self, session: AsyncSession) -> None:
        """Remove the row: the reminder is due again."""
        await release(session, self.reminder)

    async def settle(self, session: AsyncSession, outcome: Outcome, now: datetime) -> None:
        """Keep the row if sent or blocked (never retried); remove it after a failure."""
        if outcome.status == DeliveryStatus.FAILED:
            await release(session, self.reminder)
