"""How long things are kept: what expires, run every hour by the bot (see README, « Personal data »).

- drafts of consultations and of requests to the federation left untouched for 30 days go;
- 30 days after a consultation closed, its public link is withdrawn, the answers never sent and the
  traces of who opened the link go (the number of people reached is kept with the results);
- people who never joined a coop (nor hold a federation role) and have not written for 180 days
  are erased like with /supprimer: someone taken off a team joined one, and stays (told so when
  they write);
- reminders that will never go (their event past, or superseded by a shorter lead) are forgotten;
- the bytes of a file nothing refers to any more (taken out of the dossier, kept out at « Replace? »,
  left at a request's question) are deleted a day after they were stored: what a saved position
  holds (a file waiting for its question) stays, whatever its age.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import delete, select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.clock import as_utc, paris_today
from models.consultations.answers import results_of
from models.consultations.store import state_of
from models.dossier.files import forget_unused_files
from models.label.reminder_queue import forget_unsendable_reminders
from models.operations.inbox import forget_received_updates
from models.privacy.erase import erase_person
from models.tables import (
    AuditEntry,
    Consultation,
    ConsultationAccess,
    ConsultationAnswer,
    ConsultationStatus,
    FederationRole,
    Member,
    RequestMessage,
    RequestStatus,
    RequestThread,
    User,
)

DRAFT_DAYS = 30
LINK_DAYS = 30
STRANGER_DAYS = 180
RECEIVED_UPDATE_DAYS = 2  # Telegram stops posting an update again within a day
# a file's bytes are stored before what refers to them is written (its question, its message): a day
# covers that moment, and an update replayed after an instance died
UNUSED_FILE_DAYS = 1


async def _expire_drafts(session: AsyncSession, before: datetime) -> int:
    """Drafts of consultations and requests nobody touched since ``before``."""
    drafts = (
        await session.exec(
            select(Consultation).where(
                Consultation.status == ConsultationStatus.DRAFT, Consultation.updated_at < before
            )
        )
    ).all()
    threads = (
        await session.exec(
            select(RequestThread).where(
                RequestThread.status == RequestStatus.DRAFT, RequestThread.updated_at < before
            )
        )
    ).all()
    for thread in threads:
        await session.exec(delete(RequestMessage).where(RequestMessage.thread_id == thread.id))
    for row in [*drafts, *threads]:
        await session.delete(row)
    return len(drafts) + len(threads)


def _closed_before(consultation: Consultation, moment: datetime) -> bool:
    """Whether the consultation was closed (early, or by its date) before a moment."""
    if consultation.status == ConsultationStatus.CLOSED and consultation.closed_at is not None:
        return as_utc(consultation.closed_at) < moment
    return state_of(consultation, moment) == ConsultationStatus.CLOSED


async def _expire_links(session: AsyncSession, now: datetime) -> int:
    """Consultations closed for LINK_DAYS: the link withdrawn, unsent answers and link traces gone."""
    rows = await session.exec(
        select(Consultation).where(
            Consultation.status != ConsultationStatus.DRAFT, Consultation.reached.is_(None)
        )
    )
    done = 0
    for consultation in rows.all():
        if not _closed_before(consultation, now - timedelta(days=LINK_DAYS)):
            continue
        consultation.reached = (await results_of(session, consultation)).reached or 0
        consultation.public_token = None
        session.add(consultation)
        await session.exec(
            delete(ConsultationAnswer).where(
                ConsultationAnswer.consultation_id == consultation.id,
                ConsultationAnswer.answered_at.is_(None),
            )
        )
        await session.exec(
            delete(ConsultationAccess).where(ConsultationAccess.consultation_id == consultation.id)
        )
        done += 1
    return done


async def _forget_strangers(
    session: AsyncSession, before: datetime, keep: frozenset[int], now: datetime
) -> int:
    """People who never joined a coop nor hold a role, silent since ``before``: in one statement, however
    many there are. Whoever joined one has its audit's « join » entry, naming them, even once taken off
    its team (an erased person's names a former member, a negative id)."""
    members = select(Member.user_id)
    staff = select(FederationRole.telegram_id)
    joined = AuditEntry.entity == "member", AuditEntry.action == "join", AuditEntry.actor_id.is_not(None)
    ever_members = select(AuditEntry.actor_id).where(*joined)  # never NULL: NOT IN would then keep everyone
    rows = await session.exec(
        select(User.id).where(
            User.last_seen_at < before,
            User.id.not_in(members),
            User.id.not_in(staff),
            User.id.not_in(ever_members),
        )
    )
    strangers = [user_id for user_id in rows.all() if user_id not in keep]
    for user_id in strangers:
        await erase_person(session, user_id, now)
    return len(strangers)


async def expire(session: AsyncSession, now: datetime, keep: frozenset[int] = frozenset()) -> dict[str, int]:
    """Everything whose time is up; ``keep`` are ids never forgotten (the settings' admins)."""
    expired = {
        "drafts": await _expire_drafts(session, now - timedelta(days=DRAFT_DAYS)),
        "links": await _expire_links(session, now),
        "strangers": await _forget_strangers(session, now - timedelta(days=STRANGER_DAYS), keep, now),
        "received updates": await forget_received_updates(
            session, now - timedelta(days=RECEIVED_UPDATE_DAYS)
        ),
        "reminders never sent": await forget_unsendable_reminders(session, paris_today(now)),
    }
    # last: the files of the drafts and people forgotten above go with them
    files = await forget_unused_files(session, now - timedelta(days=UNUSED_FILE_DAYS))
    return {**expired, "unused files": files} if files else expired  # said when some went
