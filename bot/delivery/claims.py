"""How each kind of message is claimed before its send and settled after it.

Deliveries and notifications are rows with a status, claimed by one conditional update (pending →
sending) and settled with a bounded number of tries. A reminder is claimed by inserting its unique
``SentReminder`` row: kept once sent (or refused), removed after a failure so a later sweep retries.
The final report of a broadcast is claimed by the step that finishes the announcement.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.delivery.pipeline import Outcome
from models.announcements import claim_delivery, record_delivery, release_delivery
from models.label.reminders import Reminder, claim, release
from models.outbox import claim_notification, release_notification, settle_notification
from models.tables import DeliveryStatus


@dataclass(frozen=True)
class DeliveryClaim:
    """One recipient of an announcement (tried 3 times at most)."""

    delivery_id: int

    async def take(self, session: AsyncSession) -> bool:
        """Pending → sending, or False."""
        return await claim_delivery(session, self.delivery_id)

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

    async def take(self, session: AsyncSession) -> bool:
        """Pending → sending, or False."""
        return await claim_notification(session, self.notification_id)

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

    async def take(self, session: AsyncSession) -> bool:
        """Insert the reminder's row, or False if it is already there."""
        return await claim(session, self.reminder, self.now)

    async def give_back(self, session: AsyncSession) -> None:
        """Remove the row: the reminder is due again."""
        await release(session, self.reminder)

    async def settle(self, session: AsyncSession, outcome: Outcome, now: datetime) -> None:
        """Keep the row if sent or blocked (never retried); remove it after a failure."""
        if outcome.status == DeliveryStatus.FAILED:
            await release(session, self.reminder)


@dataclass(frozen=True)
class TakenByFinish:
    """The final report of a broadcast: the run that finished the announcement owns it, once.

    It has no row of its own (yet): a report that fails, or is cut short, is logged and not retried.
    """

    announcement_id: int

    async def take(self, session: AsyncSession) -> bool:
        """Already taken by ``finish``."""
        return True

    async def give_back(self, session: AsyncSession) -> None:
        """Nothing to give back: the announcement stays finished."""

    async def settle(self, session: AsyncSession, outcome: Outcome, now: datetime) -> None:
        """Nothing to record: the outcome is only logged."""
