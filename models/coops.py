"""Coops, their invitations and their members."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from sqlmodel import and_, col, or_, select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.audit import record_change
from models.clock import utcnow
from models.federation.coop_references import coops_meant
from models.federation.regions import usual_spelling
from models.parsing.names import clean_name, reading_order
from models.parsing.text import is_blank
from models.sql.writes import insert_or_ignore
from models.tables import AuditEntry, Coop, Dossier, Invitation, Member, MemberRole, User
from models.tables.columns import new_token

INVITATION_VALIDITY = timedelta(days=90)
# guessing tokens: after this many failed links within the window, one's joins wait until it passes
FAILED_JOINS_ALLOWED = 5
FAILED_JOINS_WINDOW = timedelta(minutes=15)
REMOVALS_NAMED_THE_PERSON_UNTIL = datetime(2026, 12, 3, tzinfo=UTC)  # since: the membership (privacy.erase)
COOP_NAME_MAX = 200
REGION_MAX = 100


class CoopError(ValueError):
    """A coop operation that cannot be done, with the reason."""


@dataclass(frozen=True)
class CoopSummary:
    coop: Coop
    members: int
    direction_members: int
    dossier_status: str | None


class JoinOutcome(StrEnum):
    JOINED = "joined"
    ROLE_CHANGED = "role_changed"
    ALREADY_MEMBER = "already_member"
    OTHER_COOP = "other_coop"
    UNKNOWN = "unknown"
    EXPIRED = "expired"
    REVOKED = "revoked"
    REMOVED = "removed"  # taken off this coop's team after the link was made


@dataclass(frozen=True)
class JoinResult:
    outcome: JoinOutcome
    coop: Coop | None = None
    role: MemberRole | None = None
    removed_at: datetime | None = None  # REMOVED: when


async def create_coop(
    session: AsyncSession, name: str, region: str | None = None, *, now: datetime | None = None
) -> Coop:
    """Register a coop with its first (draft) dossier."""
    name = clean_name(name)  # « É » stored as one character, nothing invisible
    if is_blank(name) or len(name) > COOP_NAME_MAX:
        raise CoopError(f"a coop name has 1 to {COOP_NAME_MAX} characters")
    region = clean_name(region or "") or None  # as a name: nothing invisible, no control character
    if region is not None and len(region) > REGION_MAX:
        raise CoopError(f"a region has at most {REGION_MAX} characters")
    twins = await coops_meant(session, name, by_number=False)  # a coop may be named « 1 »
    if twins:  # « élan habitat » is « Élan Habitat »: a twin would take its links
        raise CoopError(f"a coop with this name already exists: #{twins[0].id} {twins[0].name}")
    region = region and await usual_spelling(session, region)  # « bretagne » joins « Bretagne »
    now = now or utcnow()
    coop = Coop(name=name, region=region, created_at=now)
    session.add(coop)
    await session.flush()
    session.add(Dossier(coop_id=coop.id, cycle=1, created_at=now, updated_at=now))
    await record_change(
        session, actor_id=None, coop_id=coop.id, entity="coop", entity_id=coop.id, action="create",
        new=name, now=now,
    )  # fmt: skip
    await session.flush()
    return coop


async def list_coops(session: AsyncSession) -> list[CoopSummary]:
    """Every coop, as a person reads their names, with its member counts and its latest cycle's dossier
    status (three statements)."""
    coops = sorted((await session.exec(select(Coop))).all(), key=reading_order)  # « Élan » among the E
    roles: dict[int, list[MemberRole]] = {coop.id: [] for coop in coops}
    for coop_id, role in (await session.exec(select(Member.coop_id, Member.role))).all():
        roles.setdefault(coop_id, []).append(role)  # a coop added meanwhile: not listed
    status = dict((await session.exec(select(Dossier.coop_id, Dossier.status).order_by(Dossier.cycle))).all())
    return [
        CoopSummary(c, len(roles[c.id]), roles[c.id].count(MemberRole.DIRECTION), status.get(c.id))
        for c in coops
    ]


async def create_invitation(
    session: AsyncSession, coop: Coop, role: MemberRole = MemberRole.MEMBER, *,
    valid_for: timedelta = INVITATION_VALIDITY, now: datetime | None = None, actor_id: int | None = None,
) -> Invitation:  # fmt: skip
    """A new reusable invitation (by the federation, or ``actor_id``); a deep-link-sized token."""
    now = now or utcnow()
    invitation = Invitation(
        token=new_token(),
        coop_id=coop.id,
        role=role,
        created_at=now,
        expires_at=now + valid_for,
    )
    session.add(invitation)
    await session.flush()
    await record_change(
        session, actor_id=actor_id, coop_id=coop.id, entity="invitation", entity_id=invitation.id,
        action="create", new=role.value, now=now,
    )  # fmt: skip
    return invitation


async def revoke_invitation(
    session: AsyncSession, token: str, *, now: datetime | None = None, actor_id: int | None = None
) -> Invitation:
    """Stop an invitation from being used again (members who joined stay)."""
    invitation = (await session.exec(select(Invitation).where(Invitation.token == token))).first()
    if invitation is None:
        raise CoopError(f"no invitation with token {token!r}")
    if invitation.revoked_at is None:
        invitation.revoked_at = now or utcnow()
        session.add(invitation)
        await record_change(
            session, actor_id=actor_id, coop_id=invitation.coop_id, entity="invitation",
            entity_id=invitation.id, action="revoke", now=now,
        )  # fmt: skip
    return invitation


async def membership(session: AsyncSession, user_id: int) -> tuple[Member, Coop] | None:
    """The user's membership and coop, if they joined one."""
    member = (await session.exec(select(Member).where(Member.user_id == user_id))).first()
    if member is None:
        return None
    return member, await session.get(Coop, member.coop_id)


async def join_with_invitation(
    session: AsyncSession, user_id: int, token: str, *, now: datetime | None = None
) -> JoinResult:
    """Use an invitation token; never moves a member of another coop."""
    now = now or utcnow()
    invitation = (await session.exec(select(Invitation).where(Invitation.token == token))).first()
    if invitation is None:
        return JoinResult(JoinOutcome.UNKNOWN)
    coop = await session.get(Coop, invitation.coop_id)
    existing = await membership(session, user_id)
    on_team = existing is not None and existing[1].id == coop.id
    # a dead link lets nobody in nor promotes; whom it finds on its coop's team hears so, as from a live one
    dead = invitation.revoked_at is not None or invitation.expires_at <= now
    if dead and (not on_team or promotes(invitation, existing[0])):
        return JoinResult(JoinOutcome.REVOKED if invitation.revoked_at else JoinOutcome.EXPIRED, coop)
    # who was taken off the team comes back only through a link made since (never promoted by an older one)
    lets_in = existing is None or (on_team and promotes(invitation, existing[0]))
    removed = [at for c, at in await removals(session, user_id) if c == coop.id] if lets_in else []
    if removed and invitation.created_at < removed[-1]:
        return JoinResult(JoinOutcome.REMOVED, coop, MemberRole(invitation.role), removed[-1])
    if existing is None:
        joined = await insert_or_ignore(
            session, Member, ("user_id",), user_id=user_id, coop_id=coop.id, role=invitation.role,
            invitation_id=invitation.id, joined_at=now,
        )  # fmt: skip
        existing = await membership(session, user_id)
        if joined:
            return await _record_join(session, existing[0], coop, invitation, now)
        # else the same person's other update (or another instance) joined them just now
    return await _join_again(session, *existing, coop, invitation, now)


def promotes(invitation: Invitation, member: Member) -> bool:
    """A direction link promotes a member; a member link never demotes."""
    return invitation.role == MemberRole.DIRECTION and member.role != MemberRole.DIRECTION


async def removals(session: AsyncSession, user_id: int) -> list[tuple[int, datetime]]:
    """When the person was taken off a team, as (coop id, when), the latest last. A removal names the
    membership it ended (until 3 December 2026, the person), whose « join » entry names the person."""
    member, at = AuditEntry.entity == "member", AuditEntry.at
    found = select(AuditEntry.entity_id, AuditEntry.coop_id, at).where(member).order_by(at)
    joined = (
        await session.exec(found.where(AuditEntry.action == "join", AuditEntry.actor_id == user_id))
    ).all()
    named = or_(col(AuditEntry.entity_id).in_([key for key, _, _ in joined]),
                and_(AuditEntry.entity_id == user_id, at < REMOVALS_NAMED_THE_PERSON_UNTIL))  # fmt: skip
    ends = (await session.exec(found.where(AuditEntry.action == "remove", named))).all()
    removed = {
        (coop, when) for key, coop, when in ends if key == user_id and when < REMOVALS_NAMED_THE_PERSON_UNTIL
    }
    for key, coop, since in joined:  # a membership's number may be given again (SQLite): its first end after
        removed.update([(c, when) for k, c, when in ends if (k, c) == (key, coop) and when >= since][:1])
    return sorted(removed, key=lambda removal: removal[1])


async def _record_join(
    session: AsyncSession, member: Member, coop: Coop, invitation: Invitation, now: datetime
) -> JoinResult:
    """A new member: the invitation counts one more use, and the audit says who joined."""
    invitation.uses += 1
    session.add(invitation)
    await session.flush()
    await record_change(
        session, actor_id=member.user_id, coop_id=coop.id, entity="member", entity_id=member.id,
        action="join", new=invitation.role, now=now,
    )  # fmt: skip
    return JoinResult(JoinOutcome.JOINED, coop, MemberRole(invitation.role))


async def _join_again(
    session: AsyncSession,
    member: Member,
    member_coop: Coop,
    coop: Coop,
    invitation: Invitation,
    now: datetime,
) -> JoinResult:
    """Someone already a member opens a link: never moved to another coop; a direction link promotes."""
    if member_coop.id != coop.id:
        return JoinResult(JoinOutcome.OTHER_COOP, member_coop, MemberRole(member.role))
    if promotes(invitation, member):
        await record_change(
            session, actor_id=member.user_id, coop_id=coop.id, entity="member", entity_id=member.id,
            action="update", field="role", old=member.role, new=invitation.role, now=now,
        )  # fmt: skip
        member.role = MemberRole.DIRECTION
        session.add(member)
        return JoinResult(JoinOutcome.ROLE_CHANGED, coop, MemberRole.DIRECTION)
    return JoinResult(JoinOutcome.ALREADY_MEMBER, coop, MemberRole(member.role))


async def record_failed_join(
    session: AsyncSession, user_id: int, outcome: JoinOutcome, now: datetime
) -> None:
    """A link that did not let the user in, in the audit: it counts towards their joins being held."""
    await record_change(
        session, actor_id=user_id, coop_id=None, entity="invitation", entity_id=None,
        action="failed_join", new=outcome.value, now=now,
    )  # fmt: skip


async def joins_held_until(session: AsyncSession, user_id: int, now: datetime) -> tuple | None:
    """When a user who tried too many wrong links may try again, and why the last one failed (None: now)."""
    rows = await session.exec(
        select(AuditEntry.at, AuditEntry.new_value)
        .where(
            AuditEntry.actor_id == user_id,
            AuditEntry.action == "failed_join",
            AuditEntry.at > now - FAILED_JOINS_WINDOW,
        )
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    )
    recent = rows.all()
    if len(recent) < FAILED_JOINS_ALLOWED:
        return None
    return recent[FAILED_JOINS_ALLOWED - 1][0] + FAILED_JOINS_WINDOW, JoinOutcome(recent[0][1])


def invitation_link(bot_username: str, token: str) -> str:
    """The t.me deep link that opens the bot with /start <token>."""
    return f"https://t.me/{bot_username}?start={token}"


async def coop_users(session: AsyncSession, coop_id: int, *, active_only: bool = True) -> list[User]:
    """The users who are members of a coop (those who have not blocked the bot, by default)."""
    query = select(User).join(Member, Member.user_id == User.id).where(Member.coop_id == coop_id)
    if active_only:
        query = query.where(User.is_active)
    return list((await session.exec(query.order_by(User.id))).all())
