"""The one reminder of a consultation: two days before it closes, to those who have not answered.

It is claimed like every reminder, by its unique ``SentReminder`` row (key ``consultation:<id>``),
so a restart never sends it twice. A consultation opened less than two days before it closes has
just been announced: it gets no reminder. The direction member who opened it was not invited (the
opening invites the others): not reminded either. Nor is anyone who may no longer answer it, by the
ballot's own rule (``store.may_answer``): a member taken off the team since stays among those it reached
(the participation's count) but is not reminded; the link's visitors are. The same sweep first
invites the colleagues who joined the coop while a consultation runs (``reach.invite_newcomers``), at
any hour, on the instance that sends only (``bot.delivery.consultations``).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import exists, or_
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.clock import as_utc, paris_today
from models.consultations.answers import waiting_for
from models.consultations.reach import opener
from models.label.reminders import DueEvent, Reminder, is_civil_hour, send_instant, sent_index
from models.tables import Consultation, ConsultationAccess, ConsultationStatus, Coop, Member, User

LEAD_DAYS = 2
KIND = "consultation"


async def consultation_reminders(
    session: AsyncSession, now: datetime, hour: int
) -> list[tuple[Consultation, Reminder]]:
    """The reminders due now, each with its consultation."""
    if not is_civil_hour(now, hour):
        return []
    today = paris_today(now)
    rows = await session.exec(
        select(Consultation).where(
            Consultation.status == ConsultationStatus.OPEN,
            Consultation.closes_on >= today,
            Consultation.closes_on <= today + timedelta(days=LEAD_DAYS),
        )
    )
    due: list[tuple[Consultation, Reminder]] = []
    for consultation in rows.all():
        instant = send_instant(consultation.closes_on, LEAD_DAYS, hour)
        if instant > now or as_utc(consultation.opened_at) >= instant:
            continue
        due += await _to_remind(session, consultation)
    return due


async def _to_remind(
    session: AsyncSession, consultation: Consultation
) -> list[tuple[Consultation, Reminder]]:
    """Active people still waited for who may answer it now, who have not had this reminder."""
    waiting = set(await waiting_for(session, consultation)) - await opener(session, consultation)
    query = select(User.id).where(User.id.in_(waiting), User.is_active, may_answer_now(consultation))
    active = set((await session.exec(query)).all())
    coop = await session.get(Coop, consultation.coop_id)
    event = DueEvent(
        key=f"{KIND}:{consultation.id}",
        kind=KIND,
        due_on=consultation.closes_on,
        recipients=tuple(sorted(active)),
        coop_id=coop.id,
        coop_name=coop.name,
    )
    sent = await sent_index(session, [event.key])
    return [
        (consultation, Reminder(user_id, event, LEAD_DAYS, False))
        for user_id in event.recipients
        if (user_id, event.key) not in sent
    ]


def may_answer_now(consultation: Consultation):
    """``store.may_answer`` as a condition on ``User.id``, in the statement that reads who is active: a
    member of its coop when it is for the members, else (and also) whoever opened its public link."""
    visitor = exists().where(
        ConsultationAccess.consultation_id == consultation.id, ConsultationAccess.user_id == User.id
    )
    if not consultation.for_members:
        return visitor
    member = exists().where(Member.user_id == User.id, Member.coop_id == consultation.coop_id)
    return or_(member, visitor)
