"""Reminders handed over, then sent: the rows of ``SentReminder`` from pending to sent.

The sweep hands what is due over in one statement: an INSERT … ON CONFLICT DO NOTHING of *pending*
rows, committed once (the unique key makes each reminder exist once, whatever the runs and the
instances). Each row holds what its text needs (kind, due date, lead, catch-up, coop, dossiers
waiting), so a pending row left by a killed process is rendered and sent by the next run. Sending
is then the pipeline's, as for an announcement's deliveries: pending → sending (naming the
instance) in one conditional update, send, settle. A row left 'sending' by an instance that is gone
is settled as uncertain and never resent; a failed send removes its row, so the next sweep decides
afresh whether it is still due (held checkpoint, member gone, event past) and hands it over again.
The one-hour meeting reminders and the consultations' are claimed by inserting their row as
'sending' right before the send (``claim``), with the same settling. Settling touches the row only
while it is still 'sending' and claimed by the instance that sent it (``models.outbox``): a row
settled as uncertain by another instance meanwhile is never removed, so never handed over again.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import cache

from sqlalchemy import bindparam
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased
from sqlmodel import delete, select, update
from sqlmodel.ext.asyncio.session import AsyncSession

from models.db import dialect_insert
from models.label.bilans import earlier_bilan_expected
from models.label.lifecycle import INTERIM_CHECKPOINTS
from models.label.reminders import DueEvent, Reminder, checkpoint_key, to_each_member
from models.operations.instances import InstanceId
from models.outbox import claim_row, claimed_by, release_row, settle_interrupted_rows
from models.tables import Checkpoint, Coop, DeliveryStatus, Dossier, Member, MemberRole, SentReminder, User


async def hand_over(session: AsyncSession, reminders: list[Reminder], now: datetime) -> None:
    """Write the reminders due as pending rows, in one statement; those already there are left alone."""
    if not reminders:
        return
    insert = dialect_insert((await session.connection()).dialect.name)
    rows = [
        {"user_id": r.user_id, "event_key": r.event.key, "lead_days": r.lead_days, "due_on": r.event.due_on,
         "sent_at": now, "status": DeliveryStatus.PENDING, "kind": r.event.kind, "catch_up": r.catch_up,
         "coop_id": r.event.coop_id, "waiting": r.event.waiting}
        for r in reminders
    ]  # fmt: skip
    statement = insert(SentReminder.__table__).on_conflict_do_nothing(
        index_elements=["user_id", "event_key", "lead_days"]
    )  # given the rows as parameters, one statement (executemany) whatever their number
    await session.exec(statement, params=rows)


async def pending_reminders(session: AsyncSession, today: date) -> list[tuple[Reminder, User, int]]:
    """The pending reminders of events still ahead, each with its person and its row's id: one statement.

    A pending row superseded by a shorter lead of the same event (handed over after an outage) is
    not sent: the shorter one says what is still true. Nor is one whose checkpoint no longer concerns
    its person (``_no_longer_due``).
    """
    rows = await session.exec(_pending_statement(), params={"today": today})
    return [
        (reminder_of(row, coop_name, role == MemberRole.DIRECTION, led, earlier), user, row.id)
        for row, user, coop_name, role, led, earlier in rows.all()
    ]


@cache
def _pending_statement():
    """The statement of ``pending_reminders``, built once (its aliases cost more than the query):
    ``today`` is a parameter."""
    # the person's role in the event's coop, read in this statement as it stands when the reminder goes:
    # the text follows it (the direction sends the bilan). An alias: ``_no_longer_due`` joins a Member of
    # its own, which must not correlate with this one
    member = aliased(Member)
    membership = (member.user_id == SentReminder.user_id) & (member.coop_id == SentReminder.coop_id)
    return (
        select(SentReminder, User, Coop.name, member.role, _coop_led(), _earlier_bilan_expected())
        .join(User, User.id == SentReminder.user_id)
        .outerjoin(Coop, Coop.id == SentReminder.coop_id)
        .outerjoin(member, membership)
        .where(SentReminder.status == DeliveryStatus.PENDING, SentReminder.due_on >= bindparam("today"))
        .where(User.is_active, ~_superseded(), ~_no_longer_due())
        .order_by(SentReminder.id)
    )


def _coop_led():
    """Whether someone of the row's coop is its direction, as it stands when the reminder goes."""
    direction = aliased(Member)
    led = (direction.coop_id == SentReminder.coop_id) & (direction.role == MemberRole.DIRECTION)
    return select(direction.id).where(led).exists()


def _earlier_bilan_expected():
    """Whether the row's checkpoint is an interim one with an earlier bilan still expected: /bilan opens that
    one first (``bilans.earlier_bilan_expected``)."""
    checkpoint = (checkpoint_key() == SentReminder.event_key, Checkpoint.kind == SentReminder.kind)
    later = select(Checkpoint.id).where(*checkpoint, Checkpoint.kind.in_(INTERIM_CHECKPOINTS))
    return later.where(earlier_bilan_expected(Checkpoint)).exists()


def _superseded():
    """A row's event has a row of a shorter lead for the same person: the longer one is not sent."""
    shorter = aliased(SentReminder)
    return (
        select(shorter.id)
        .where(shorter.user_id == SentReminder.user_id, shorter.event_key == SentReminder.event_key)
        .where(shorter.lead_days < SentReminder.lead_days)
        .exists()
    )


def _no_longer_due():
    """A checkpoint's row whose checkpoint the sweep would no longer hand over to its person.

    Between the hand-over and the send (a restart, an outage) the checkpoint may be held or dropped by
    the visit, the dossier no longer followed, the person taken off the team or gone: checked when
    sending, the one rule for all of them: the sweep's own (``reminders.to_each_member``).
    """
    still_due = (
        to_each_member(select(Checkpoint.id))
        .where(Member.user_id == SentReminder.user_id, Dossier.coop_id == SentReminder.coop_id)
        # the kind too: SQLite reuses the ids of checkpoints deleted
        .where(checkpoint_key() == SentReminder.event_key, Checkpoint.kind == SentReminder.kind)
        .exists()
    )
    return SentReminder.event_key.startswith("checkpoint:") & ~still_due


async def forget_unsendable_reminders(session: AsyncSession, today: date) -> int:
    """Pending rows that will never go: their event is past, no longer theirs, or superseded.

    Kept, they would stay pending for ever (a member who blocked the bot until the event, a sweep
    after an outage): the pending rows each run reads would grow with history. The sweep decides
    from the rows with the shortest lead, so forgetting a longer one changes nothing it hands over.
    """
    result = await session.exec(
        delete(SentReminder)
        .where(SentReminder.status == DeliveryStatus.PENDING)
        .where((SentReminder.due_on < today) | _superseded() | _no_longer_due())
    )
    return result.rowcount


def reminder_of(
    row: SentReminder, coop_name: str | None, direction: bool = False, led: bool = True, earlier: bool = False
) -> Reminder:
    """The reminder a pending row stands for, as its text is rendered (``direction``: its person is the
    direction of the event's coop; ``led``: the coop has one; ``earlier``: an earlier bilan comes first)."""
    event = DueEvent(
        row.event_key, row.kind or "", row.due_on, (row.user_id,), row.coop_id, coop_name, row.waiting
    )
    headless = row.coop_id is not None and not led  # a committee meeting's row has no coop
    return Reminder(row.user_id, event, row.lead_days, row.catch_up, direction, headless, bool(earlier))


async def take(session: AsyncSession, row_id: int, by: InstanceId, now: datetime) -> bool:
    """Pending → sending, by this instance, in one conditional update; False if another run has it."""
    return await claim_row(session, SentReminder, row_id, by, now)


async def give_back(session: AsyncSession, row_id: int, by: InstanceId) -> bool:
    """Sending (by ``by``) → pending: stopped before the send, nothing went out."""
    return await release_row(session, SentReminder, row_id, by)


async def settle_interrupted_reminders(session: AsyncSession, now: datetime, lease: timedelta) -> int:
    """Reminders left 'sending' by an instance that is gone: maybe received, so uncertain, never resent."""
    return await settle_interrupted_rows(
        session, SentReminder, now, lease, SentReminder.claimed_by.is_not(None)
    )


def _same(reminder: Reminder):
    """The condition selecting a reminder's row by its unique key."""
    return (
        SentReminder.user_id == reminder.user_id,
        SentReminder.event_key == reminder.event.key,
        SentReminder.lead_days == reminder.lead_days,
    )


async def settle(
    session: AsyncSession, reminder: Reminder, status: DeliveryStatus, now: datetime, by: InstanceId | None
) -> bool:
    """Sent or blocked: kept with that status, never sent again. Failed: removed, the next sweep retries.
    False if the row is no longer ``by``'s claim (settled as uncertain meanwhile): left as it is.

    A failure is not put back as pending: whether the reminder is still due (the checkpoint held, the
    member gone, the event past) is for the next sweep to decide, and its date bounds the retries.
    """
    if status == DeliveryStatus.FAILED:
        return await release(session, reminder, by)
    sent_at = {"sent_at": now} if status == DeliveryStatus.SENT else {}
    result = await session.exec(
        update(SentReminder)
        .where(*_same(reminder), claimed_by(SentReminder, by))
        .values(status=status, **sent_at)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


async def claim(
    session: AsyncSession, reminder: Reminder, now: datetime, by: InstanceId | None = None
) -> bool:
    """Record a reminder as being sent, right before its send; False if it was already recorded."""
    try:
        async with session.begin_nested():
            session.add(
                SentReminder(
                    user_id=reminder.user_id,
                    event_key=reminder.event.key,
                    lead_days=reminder.lead_days,
                    due_on=reminder.event.due_on,
                    sent_at=now,
                    status=DeliveryStatus.SENDING,
                    kind=reminder.event.kind,
                    claimed_by=by.id if by else None,
                    claimed_at=now,
                )
            )
        return True
    except IntegrityError:
        return False


async def release(session: AsyncSession, reminder: Reminder, by: InstanceId | None) -> bool:
    """Forget a reminder whose message could not be sent (while still ``by``'s claim), so a later
    sweep retries it; False if it is no longer ``by``'s claim."""
    result = await session.exec(
        delete(SentReminder)
        .where(*_same(reminder), claimed_by(SentReminder, by))
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1
