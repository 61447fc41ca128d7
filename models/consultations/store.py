"""Consultations: preparing one, opening and closing it, and who may answer it.

Only the coop's direction prepares and closes a consultation (checked by the callers through
``draft_of_direction``); members of the coop answer when it is for them, and anyone who opened its
public link answers that consultation and sees nothing else.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

from sqlmodel import select, update
from sqlmodel.ext.asyncio.session import AsyncSession

from models.audit import record_change
from models.clock import as_utc, paris_today
from models.consultations.drafts import DraftChanged, still_shows
from models.consultations.links import withdrawn_link
from models.coops import new_token
from models.dossier.reads import DossierError, NotAllowed, NotYours, hold_dossier
from models.tables import (
    AuditEntry,
    Consultation,
    ConsultationAccess,
    ConsultationStatus,
    Dossier,
    Member,
    MemberRole,
)

DEFAULT_CHOICE_COUNT = 12  # the default question's choices: the 12 engagements (3 × 4, checked at load)
QUESTION_MAX = 300
MAX_OPEN_DAYS = 183  # a consultation runs six months at most
LINK_PREFIX = "c_"  # /start c_<token> opens a consultation, never an invitation


class ConsultationClosed(DossierError):
    """The consultation no longer takes answers (its closing date has passed)."""

    code = "consultation_closed"


class NoLongerDraft(NotYours):
    """A draft opened meanwhile (by a fellow director): its preparation's buttons no longer apply."""

    def __init__(self, consultation_id: int) -> None:
        super().__init__(f"consultation {consultation_id} is no longer a draft")
        self.consultation_id = consultation_id


def choices_of(consultation: Consultation) -> list[str]:
    """The free question's choices ([] for the default question about the engagements)."""
    return json.loads(consultation.choices or "[]")


def choice_count(consultation: Consultation) -> int:
    """How many choices the ballot shows."""
    return len(choices_of(consultation)) or DEFAULT_CHOICE_COUNT


def state_of(consultation: Consultation, now: datetime) -> ConsultationStatus:
    """Draft, open, or closed (by the direction, or because its closing day has passed)."""
    closes_on = consultation.closes_on
    if consultation.status == ConsultationStatus.OPEN and closes_on and paris_today(now) > closes_on:
        return ConsultationStatus.CLOSED
    return ConsultationStatus(consultation.status)


def closing_bounds(now: datetime) -> tuple[date, date]:
    """The closing dates a direction may choose: from tomorrow to six months ahead."""
    today = paris_today(now)
    return today + timedelta(days=1), today + timedelta(days=MAX_OPEN_DAYS)


async def new_consultation(
    session: AsyncSession, coop_id: int, dossier_id: int, author_id: int, now: datetime
) -> Consultation:
    """A draft with the default question, for everyone in the coop; closing in three weeks. Its dossier
    is the one being prepared now, until it opens (``open_consultation`` sets it again then)."""
    consultation = Consultation(
        coop_id=coop_id,
        dossier_id=dossier_id,
        created_by=author_id,
        closes_on=paris_today(now) + timedelta(days=21),
        created_at=now,
        updated_at=now,
    )
    session.add(consultation)
    await session.flush()
    await _audit(session, consultation, author_id, "create", now)
    return consultation


async def consultation_of_coop(session: AsyncSession, consultation_id: int, coop_id: int) -> Consultation:
    """A consultation of the member's coop; NotYours for another coop's or a missing one."""
    consultation = await session.get(Consultation, consultation_id)
    if consultation is None or consultation.coop_id != coop_id:
        raise NotYours(f"consultation {consultation_id} is not coop {coop_id}'s")
    return consultation


async def draft_of_direction(
    session: AsyncSession, consultation_id: int, member: Member | None, *, draft: bool = True
) -> Consultation:
    """A consultation the asking direction member may change (a draft, unless ``draft`` is False). Its
    coop first: another coop's is not theirs whatever their role; their own coop's, the direction's."""
    if member is None:
        raise NotYours(f"consultation {consultation_id}: in no coop")
    consultation = await consultation_of_coop(session, consultation_id, member.coop_id)
    if member.role != MemberRole.DIRECTION:
        raise NotAllowed("only the direction prepares and closes consultations")
    if draft and consultation.status != ConsultationStatus.DRAFT:
        raise NoLongerDraft(consultation_id)
    return consultation


async def update_draft(
    session: AsyncSession, consultation: Consultation, actor_id: int, now: datetime, **fields: object
) -> None:
    """Change the question, its choices, the audience or the closing date of a draft."""
    for name, value in fields.items():
        if name not in ("question", "choices", "for_members", "public_token", "closes_on"):
            raise ValueError(f"not a consultation field: {name}")
        if name == "choices":
            value = json.dumps(value, ensure_ascii=False)
        setattr(consultation, name, value)
        await _audit(session, consultation, actor_id, "update", now, name, value)
    consultation.updated_at = now
    session.add(consultation)


async def open_consultation(
    session: AsyncSession, consultation: Consultation, actor_id: int, now: datetime
) -> None:
    """Open a prepared consultation as ``consultation`` shows it (what the opener checked): from now on
    answers count. Only a draft opens, once, while its row still shows that, all checked in one UPDATE
    that locks its row until the commit: « Open » tapped twice (on two instances at once) opens it once,
    the second finding it open (NoLongerDraft); a colleague's change committed since the object was read
    opens nothing (DraftChanged). Neither writes anything; the object is read again as the row now is.
    It becomes the evidence of the dossier being prepared now (``dossier_of_opening``), not of the one
    prepared when its draft was started (a candidacy refused since, a new one prepared)."""
    dossier_id = await dossier_of_opening(session, consultation)
    opened = await session.exec(
        update(Consultation)
        .where(Consultation.id == consultation.id, Consultation.status == ConsultationStatus.DRAFT)
        .where(still_shows(consultation))
        .values(
            status=ConsultationStatus.OPEN,
            dossier_id=dossier_id,
            via_link=Consultation.public_token.is_not(None),  # kept once the link is withdrawn
            opened_at=now,
            updated_at=now,
        )
        .execution_options(synchronize_session=False)
    )
    await session.refresh(consultation)
    if opened.rowcount != 1:  # opened meanwhile, or changed since the object was read
        refused = NoLongerDraft if consultation.status != ConsultationStatus.DRAFT else DraftChanged
        raise refused(consultation.id)
    await _audit(session, consultation, actor_id, "open", now)


async def dossier_of_opening(session: AsyncSession, consultation: Consultation) -> int:
    """The dossier a consultation opened now belongs to: its coop's latest cycle as committed now, read
    again with it held: a new candidacy being made (``label.cycles`` holds the same row) is waited for."""
    latest = select(Dossier.id).where(Dossier.coop_id == consultation.coop_id).order_by(Dossier.cycle.desc())
    if (found := (await session.exec(latest.limit(1))).first()) is None:
        return consultation.dossier_id
    await hold_dossier(session, found)
    return (await session.exec(latest.limit(1))).first()


async def opening(session: AsyncSession, consultation_id: int) -> AuditEntry | None:
    """Who opened a consultation and when, from its audit (None: not opened, or not through the bot)."""
    rows = await session.exec(
        select(AuditEntry)
        .where(AuditEntry.entity == "consultation", AuditEntry.entity_id == consultation_id)
        .where(AuditEntry.action == "open")
        .order_by(AuditEntry.id)
    )
    return rows.first()


async def close_consultation(
    session: AsyncSession, consultation: Consultation, actor_id: int, now: datetime
) -> bool:
    """Close an open consultation before its closing date, once: False if a colleague closed it
    meanwhile (on another instance). An answer being sent at that moment holds the consultation
    (``answers.ballot_of``): it is counted before the close, or refused after it."""
    closing = (
        update(Consultation)
        .where(Consultation.id == consultation.id, Consultation.status == ConsultationStatus.OPEN)
        .values(status=ConsultationStatus.CLOSED, closed_at=now, updated_at=now)
    )
    if (await session.exec(closing)).rowcount != 1:
        await session.refresh(consultation)
        return False
    await session.refresh(consultation)
    await _audit(session, consultation, actor_id, "close", now)
    return True


def new_link_token() -> str:
    """The token of a public link (the deep link carries it after ``c_``)."""
    return new_token()


async def coop_consultations(session: AsyncSession, coop_id: int) -> list[Consultation]:
    """A coop's consultations in the review's order (``dossier_evidence``: by opening, the oldest
    first), then its drafts as they were started."""
    rows = await session.exec(select(Consultation).where(Consultation.coop_id == coop_id))
    never = datetime.max.replace(tzinfo=UTC)
    return sorted(rows.all(), key=lambda c: (as_utc(c.opened_at) if c.opened_at else never, c.id))


async def dossier_evidence(session: AsyncSession, dossier_id: int) -> list[Consultation]:
    """The consultations opened for a dossier (open or closed): its evidence of involvement."""
    rows = await session.exec(
        select(Consultation)
        .where(Consultation.dossier_id == dossier_id, Consultation.status != ConsultationStatus.DRAFT)
        .order_by(Consultation.opened_at, Consultation.id)
    )
    return list(rows.all())


async def by_link(session: AsyncSession, token: str) -> Consultation | None:
    """The consultation of a public link, if the token is one, a draft's too (its preview gives the link
    to share once it opens: not open yet, not unknown); a link withdrawn 30 days after closing
    (retention empties ``public_token``) still finds its consultation, closed, to say so."""
    if not token or len(token) > 64:
        return None
    rows = await session.exec(select(Consultation).where(Consultation.public_token == token))
    return rows.first() or await withdrawn_link(session, token)


async def grant_access(
    session: AsyncSession, consultation: Consultation, user_id: int, now: datetime
) -> None:
    """Remember that this person came through the public link (once)."""
    if await has_access(session, consultation.id, user_id):
        return
    session.add(ConsultationAccess(consultation_id=consultation.id, user_id=user_id, opened_at=now))
    await session.flush()


async def has_access(session: AsyncSession, consultation_id: int, user_id: int) -> bool:
    """Whether the person opened this consultation's public link."""
    rows = await session.exec(
        select(ConsultationAccess.id).where(
            ConsultationAccess.consultation_id == consultation_id, ConsultationAccess.user_id == user_id
        )
    )
    return rows.first() is not None


async def link_ballot(session: AsyncSession, user_id: int, now: datetime) -> Consultation | None:
    """The open consultation this person reached through its public link (the latest one): for
    someone in no coop, the only thing /cancel and /help can lead back to."""
    rows = await session.exec(
        select(Consultation)
        .join(ConsultationAccess, ConsultationAccess.consultation_id == Consultation.id)
        .where(ConsultationAccess.user_id == user_id, Consultation.status == ConsultationStatus.OPEN)
        .order_by(ConsultationAccess.opened_at.desc(), ConsultationAccess.id.desc())
    )
    return next((c for c in rows.all() if state_of(c, now) == ConsultationStatus.OPEN), None)


async def may_answer(
    session: AsyncSession, consultation: Consultation, user_id: int, coop_id: int | None
) -> bool:
    """Members of the coop when it is for them; otherwise only those who came through its link."""
    if consultation.status == ConsultationStatus.DRAFT:
        return False
    if consultation.for_members and coop_id == consultation.coop_id:
        return True
    return await has_access(session, consultation.id, user_id)


async def _audit(
    session: AsyncSession,
    consultation: Consultation,
    actor_id: int,
    action: str,
    now: datetime,
    field: str | None = None,
    value: object = None,
) -> None:
    """One audit entry per step of a consultation's preparation and life."""
    await record_change(
        session,
        actor_id=actor_id,
        coop_id=consultation.coop_id,
        entity="consultation",
        entity_id=consultation.id,
        action=action,
        field=field,
        new=value,
        now=now,
    )
