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
  holds (a file waiting for its question) stays, whatever its age;
- an opening of the Mini App (who opened it, when, the fields it changed not told yet) goes a week
  after it was opened: its page refuses changes a day after (``QUALICOOP_MINIAPP_MAX_AGE``), and only
  its closing, told to the chat, still reads it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import and_, delete, or_, select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.clock import paris_today
from models.consultations.answers import results_of
from models.dossier.files import forget_unused_files
from models.federation.drafts import forget_drafts
from models.label.reminder_queue import forget_unsendable_reminders
from models.operations.inbox import forget_received_updates
from models.privacy.erase import erase_person
from models.tables import (
    AppSession,
    AuditEntry,
    Consultation,
    ConsultationAccess,
    ConsultationAnswer,
    ConsultationStatus,
    FederationRole,
    Member,
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
APP_OPENING_DAYS = 7  # a page left open that long is closed with nothing more to tell


async def _expire_drafts(session: AsyncSession, before: datetime) -> int:
    """Drafts of consultations and requests nobody touched since ``before`` (a request's with its
    audited words: ``drafts.forget_drafts``)."""
    drafts = (
        await session.exec(
            select(Consultation).where(
                Consultation.status == ConsultationStatus.DRAFT, Consultation.updated_at < before
            )
        )
    ).all()
    for row in drafts:
        await session.delete(row)
    return len(drafts) + await forget_drafts(session, RequestThread.updated_at < before)


def _closed_before(moment: datetime):
    """Consultations closed (early, or by their date) before a moment, as SQL: what
    ``store.state_of`` says of them then."""
    closed, status = ConsultationStatus.CLOSED, Consultation.status
    return or_(
        and_(status == closed, or_(Consultation.closed_at.is_(None), Consultation.closed_at < moment)),
        and_(status == ConsultationStatus.OPEN, Consultation.closes_on < paris_today(moment)),
    )


def _left_to_expire():
    """What a consultation keeps until its link expires: the link, its visitors, answers never sent.
    Once gone, the consultation is never read again (its ``reached`` says nothing of that: an erasure
    freezes it too)."""
    visited = select(ConsultationAccess.id).where(ConsultationAccess.consultation_id == Consultation.id)
    unsent = select(ConsultationAnswer.id).where(
        ConsultationAnswer.consultation_id == Consultation.id, ConsultationAnswer.answered_at.is_(None)
    )
    return or_(Consultation.public_token.is_not(None), visited.exists(), unsent.exists())


async def _expire_links(session: AsyncSession, now: datetime) -> int:
    """Consultations closed for LINK_DAYS: the link withdrawn, unsent answers and link traces gone, the
    number of people reached frozen first (the visitors counted). One statement finds them, three do it
    for them all; freezing reads each one's participation, once."""
    rows = await session.exec(
        select(Consultation).where(_closed_before(now - timedelta(days=LINK_DAYS)), _left_to_expire())
    )
    expiring = list(rows.all())
    if not expiring:
        return 0
    for consultation in expiring:
        if consultation.reached is None:
            consultation.reached = (await results_of(session, consultation)).reached or 0
        consultation.public_token = None
        session.add(consultation)
    await session.flush()
    ids = [consultation.id for consultation in expiring]
    await session.exec(
        delete(ConsultationAnswer).where(
            ConsultationAnswer.consultation_id.in_(ids), ConsultationAnswer.answered_at.is_(None)
        )
    )
    await session.exec(delete(ConsultationAccess).where(ConsultationAccess.consultation_id.in_(ids)))
    return len(expiring)


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


async def _forget_app_openings(session: AsyncSession, before: datetime) -> int:
    """The Mini App's openings older than ``before``, in one statement."""
    return (await session.exec(delete(AppSession).where(AppSession.opened_at < before))).rowcount


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
        "Mini App openings": await _forget_app_openings(session, now - timedelta(days=APP_OPENING_DAYS)),
    }
    # last: the files of the drafts and people forgotten above go with them
    files = await forget_unused_files(session, now - timedelta(days=UNUSED_FILE_DAYS))
    return {**expired, "unused files": files} if files else expired  # said when some went
