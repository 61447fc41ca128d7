"""Erasing a person (/supprimer, ``qualicoop user erase``): their rows go, their contributions stay.

What is about them alone is deleted, with what they wrote and never sent (answers, requests' drafts);
what they contributed to a coop's dossier, consultations or requests stays, pointing to a
``FormerMember`` (« ancien membre ») that says nothing of who they were. Everything happens in the
caller's one transaction. A coop's last direction member erased leaves it with nobody to submit or
invite: the federation's admins and its members left are told through the outbox.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlmodel import delete, select, update
from sqlmodel.ext.asyncio.session import AsyncSession

from models.audit import record_change
from models.consultations.answers import results_of
from models.consultations.reach import INVITATION
from models.consultations.store import state_of
from models.coops import membership
from models.dossier.files import forget_files_held_by
from models.federation.drafts import forget_drafts
from models.outbox import enqueue
from models.privacy.registry import PERSON_COLUMNS, Erasure
from models.tables import (
    AuditEntry,
    Consultation,
    ConsultationAccess,
    ConsultationAnswer,
    ConsultationStatus,
    Coop,
    FederationRoleName,
    FormerMember,
    Invitation,
    Member,
    MemberRole,
    Notification,
    RequestThread,
    User,
)
from models.users import federation_ids

CLOSED = ConsultationStatus.CLOSED
REMOVALS_NAME_MEMBERSHIPS = datetime(2026, 12, 3, tzinfo=UTC)  # before: a removal named the person

FORMER_MEMBER_NAME = "ancien membre"  # what a stored notification says instead of their name: a mark,
# each reader reads it in their language (``render.notifications.named``)
# the outbox's kind: the federation's admins told, and the coop's members left (``"team"`` in its payload)
WITHOUT_DIRECTION_NEWS = "coop_without_direction"


def erased_in(data: dict) -> bool:
    """Whether a piece of news names someone who erased their data: the mark with no id beside it (erasure
    takes ``"by"`` off; a person whose Telegram first name is the mark keeps theirs)."""
    return data.get("name") == FORMER_MEMBER_NAME and "by" not in data


@dataclass(frozen=True)
class ErasureReport:
    """What an erasure did."""

    deleted: int
    anonymised: int
    reference: int | None  # the former member's negative id, if contributions remained


async def last_direction_of(session: AsyncSession, telegram_id: int) -> Coop | None:
    """The coop of which the person is the only direction member, if so."""
    found = await membership(session, telegram_id)
    if found is None or found[0].role != MemberRole.DIRECTION:
        return None
    _member, coop = found
    others = await session.exec(
        select(Member.id).where(
            Member.coop_id == coop.id, Member.role == MemberRole.DIRECTION, Member.user_id != telegram_id
        )
    )
    return None if others.first() is not None else coop


async def contributed_to_a_coop(session: AsyncSession, telegram_id: int) -> bool:
    """Whether the person acted in a coop (joined it, at least): what they did there stays, attributed
    to a former member, even once taken off its team."""
    acted = await session.exec(
        select(AuditEntry.id).where(AuditEntry.actor_id == telegram_id, AuditEntry.coop_id.is_not(None))
    )
    return acted.first() is not None


async def direction_gone(session: AsyncSession, coop_id: int, *, came: bool = False) -> bool:
    """Whether the coop's direction has left the assistant: nobody of it on the team, though someone of it
    came once (``came``: known so; else read as a direction link of the coop used, or a member made
    direction in the audit); a coop whose direction never came is not one."""
    gone = ~select(Member.id).where(Member.coop_id == coop_id, Member.role == MemberRole.DIRECTION).exists()
    if not came:
        links = (Invitation.coop_id == coop_id, Invitation.role == MemberRole.DIRECTION, Invitation.uses > 0)
        made = (AuditEntry.coop_id == coop_id, AuditEntry.entity == "member")
        made += (AuditEntry.new_value == MemberRole.DIRECTION.value,)
        gone &= select(Invitation.id).where(*links).exists() | select(AuditEntry.id).where(*made).exists()
    return bool((await session.exec(select(gone))).one())


async def _tell_no_direction(
    session: AsyncSession, coop: Coop, admins: Iterable[int], erased_id: int, now: datetime
) -> None:
    """The federation's admins (in the database and ``admins``, the settings' ones) hear that the coop
    has no direction left: only they make a direction link, and nobody at the coop can ask for one. Its
    members left hear it too, each once (but the admins among them, told already): nobody of them can
    submit the dossier or provide its letter any more, and the federation is who they write to."""
    told = set(await federation_ids(session, FederationRoleName.ADMIN)) | set(admins)
    news = {"coop": coop.name, "coop_id": coop.id}
    await enqueue(session, told, WITHOUT_DIRECTION_NEWS, news, now=now)
    team = await session.exec(select(Member.user_id).where(Member.coop_id == coop.id))
    members = set(team.all()) - told - {erased_id}
    await enqueue(session, members, WITHOUT_DIRECTION_NEWS, news | {"team": True}, now=now)


async def _coops_named_by(session: AsyncSession, telegram_id: int) -> set[str]:
    """The names of every coop the person belonged to: the current one, and those their audited
    actions were in (a person taken off a team keeps none, yet their news there still name them)."""
    acted = select(AuditEntry.coop_id).where(AuditEntry.actor_id == telegram_id)
    member = select(Member.coop_id).where(Member.user_id == telegram_id)
    names = await session.exec(select(Coop.name).where(Coop.id.in_(acted.union(member))))
    return set(names.all())


def _names_them(data: dict, telegram_id: int, user: User | None, coops: set[str]) -> bool:
    """Whether a piece of news names the person: by their id (``"by"``, written since 4 December 2026,
    whatever their first name became since), else, written before, by their current first name in a
    coop of theirs."""
    if "by" in data:
        return data["by"] == telegram_id
    named = user is not None and bool(user.first_name) and data.get("name") == user.first_name
    return named and data.get("coop") in coops


async def _scrub_news(session: AsyncSession, telegram_id: int, user: User | None) -> None:
    """Stored news naming the person (« Camille submitted the dossier of … », « Camille prepared a new
    candidacy … »: any kind whose payload names someone of a coop), waiting or sent (the recipient's
    /mesdonnees shows it), now name a former member, without their id."""
    coops = await _coops_named_by(session, telegram_id)
    news = await session.exec(select(Notification).where(Notification.payload.contains('"name"')))
    for notification in news.all():
        data = json.loads(notification.payload or "{}")
        if _names_them(data, telegram_id, user, coops):
            data = {key: value for key, value in data.items() if key != "by"} | {"name": FORMER_MEMBER_NAME}
            notification.payload = json.dumps(data, ensure_ascii=False)
            session.add(notification)


async def _withdraw_open_answers(session: AsyncSession, telegram_id: int, now: datetime) -> int:
    """Answers to consultations still open go with the person: anonymous, they would stay counted
    while the same person, back through the link, answers again. A closed one's sent answers stay (its
    evidence); one never sent, never counted nor shown, goes (its comment may say who they are)."""
    found = await session.exec(
        select(ConsultationAnswer, Consultation)
        .join(Consultation, Consultation.id == ConsultationAnswer.consultation_id)
        .where(ConsultationAnswer.user_id == telegram_id)
    )
    withdrawn = [
        answer
        for answer, consultation in found.all()
        if state_of(consultation, now) != CLOSED or answer.answered_at is None
    ]
    for answer in withdrawn:
        await session.delete(answer)
    return len(withdrawn)


async def _keep_closed_reach(session: AsyncSession, telegram_id: int, now: datetime) -> None:
    """A closed consultation that reached the person keeps its number of people reached, as a count:
    their invitation, the record of who was asked (``reach``), goes with their news, and their visit
    through its public link with their traces (an open one's count follows its answers, withdrawn
    below)."""
    payloads = await session.exec(
        select(Notification.payload).where(
            Notification.user_id == telegram_id, Notification.kind == INVITATION
        )
    )
    asked = {json.loads(payload).get("consultation_id") for payload in payloads.all()}
    visited = await session.exec(
        select(ConsultationAccess.consultation_id).where(ConsultationAccess.user_id == telegram_id)
    )
    for consultation_id in asked | set(visited.all()):
        consultation = await session.get(Consultation, consultation_id) if consultation_id else None
        if consultation and consultation.reached is None and state_of(consultation, now) == CLOSED:
            consultation.reached = (await results_of(session, consultation)).reached


async def _forget_removals_naming(session: AsyncSession, telegram_id: int) -> None:
    """Removals from a team written on 2 December 2026 named the person by their Telegram id (later
    ones name the membership): the entry stays, without it."""
    await session.exec(
        update(AuditEntry)
        .where(AuditEntry.entity == "member", AuditEntry.action == "remove")
        .where(AuditEntry.entity_id == telegram_id, AuditEntry.at < REMOVALS_NAME_MEMBERSHIPS)
        .values(entity_id=None)
    )


async def erase_person(
    session: AsyncSession, telegram_id: int, now: datetime, admins: Iterable[int] = ()
) -> ErasureReport:
    """Delete what is about the person, point their contributions to a former member; the last
    direction member of a coop erased, tell the federation's admins (and ``admins``) and its members left."""
    user = await session.get(User, telegram_id)
    orphaned = await last_direction_of(session, telegram_id)
    found = await membership(session, telegram_id)
    coop = found[1] if found else None
    await _scrub_news(session, telegram_id, user)
    former = FormerMember(coop_id=coop.id if coop else None, erased_at=now)
    session.add(former)
    await session.flush()
    await _keep_closed_reach(session, telegram_id, now)
    deleted = await _withdraw_open_answers(session, telegram_id, now)
    # their requests never sent go as their answers never sent do: only what the federation read stays
    deleted += await forget_drafts(session, RequestThread.opened_by == telegram_id)
    await _forget_removals_naming(session, telegram_id)
    await forget_files_held_by(session, telegram_id)  # before their position goes with them below
    anonymised = 0
    for column in PERSON_COLUMNS:
        attribute = getattr(column.table, column.column)
        if column.erasure == Erasure.DELETE:
            result = await session.exec(delete(column.table).where(attribute == telegram_id))
            deleted += result.rowcount
        else:
            value = -former.id if column.erasure == Erasure.ANONYMISE else None
            result = await session.exec(
                update(column.table).where(attribute == telegram_id).values({column.column: value})
            )
            anonymised += result.rowcount
    if not anonymised:  # nothing of theirs remains: no former member to stand for them
        await session.delete(former)
        reference = None
    else:
        reference = -former.id
        await record_change(
            session,
            actor_id=None,
            coop_id=former.coop_id,
            entity="person",
            entity_id=former.id,
            action="erase",
            now=now,
        )
    if orphaned is not None:
        await _tell_no_direction(session, orphaned, set(admins) - {telegram_id}, telegram_id, now)
    await session.flush()
    return ErasureReport(deleted, anonymised, reference)
