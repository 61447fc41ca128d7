"""A coop's team: who has joined, the link the direction hands to colleagues, and who has left.

The federation creates a coop with two links (``qualicoop coop add``): the direction's and the
colleagues'. Once the direction is in, it shows the colleagues' link from the chat, and replaces it
if it went further than it should (the old one then stops working; who joined stays). A link about
to expire is replaced by a new one when shown, so the direction never hands out a dead link. A
colleague who leaves the coop is taken off the team by the direction, so the dossier is no longer
theirs to read. Whoever joins the team, by any link, is told to its direction (``tell_arrival``): a
person taken off who erased their data comes back as someone new, and the direction sees it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import col, delete, or_, select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.audit import record_change
from models.clock import as_utc, paris_day_start
from models.coops import JoinOutcome, JoinResult, coop_users, create_invitation, removals, revoke_invitation
from models.dossier.reads import NotAllowed, NotYours
from models.outbox import enqueue
from models.tables import AuditEntry, Coop, Dossier, Invitation, Member, MemberRole, Notification, User

FRESH_FOR_AT_LEAST = timedelta(days=7)  # a link shown is good for a week at least
REMOVED_NEWS = "team_removed"  # the outbox's kind: a person taken off their coop's team is told
JOINED_NEWS = "team_joined"  # the outbox's kind: the direction told someone joined the team (or itself)


def known_as(name: str, username: str | None) -> str:
    """« Camille (@cdupont) »: a first name, with the Telegram username when there is one, so that two
    colleagues of the same first name are told apart (the last name is not stored)."""
    return f"{name} (@{username})" if username else name


def coop_of(user_id: int):
    """The coop of ``user_id``, as a subquery (a statement's condition: no statement of its own)."""
    return select(Member.coop_id).where(Member.user_id == user_id).scalar_subquery()


async def told_apart(session: AsyncSession, person: User, coop_id) -> str:
    """A person's first name, with their @username (``known_as``) when someone else of the coop (``coop_id``:
    an id, or ``coop_of`` a reader) has that first name too: the other Camille does not read her own first
    name for what she did not do. One statement."""
    team = await session.exec(
        select(User.id, User.first_name)
        .join(Member, Member.user_id == User.id)
        .where(Member.coop_id == coop_id)
    )
    name = person.first_name or "—"
    shared = any(mate != person.id and (first or "").casefold() == name.casefold() for mate, first in team)
    return known_as(name, person.username) if shared else name


@dataclass(frozen=True)
class Teammate:
    """A member of the coop, as their colleagues see them."""

    user_id: int
    name: str
    role: MemberRole
    username: str | None = None
    joined_at: datetime | None = None

    @property
    def known_as(self) -> str:
        """Their first name and @username (``known_as``)."""
        return known_as(self.name, self.username)


async def team_of(session: AsyncSession, coop_id: int) -> list[Teammate]:
    """The coop's members, the direction first, then by the day they joined."""
    found = await session.exec(
        select(User.id, User.first_name, Member.role, User.username, Member.joined_at)
        .join(Member, Member.user_id == User.id)
        .where(Member.coop_id == coop_id)
        .order_by(Member.role != MemberRole.DIRECTION, Member.joined_at, User.id)
    )
    return [
        Teammate(user_id, name or "—", role, username or None, joined_at)
        for user_id, name, role, username, joined_at in found.all()
    ]


async def teammate(session: AsyncSession, coop_id: int, user_id: int) -> Teammate:
    """One member of this coop; NotYours for anyone else (another coop's, or nobody's)."""
    found = [mate for mate in await team_of(session, coop_id) if mate.user_id == user_id]
    if not found:
        raise NotYours(f"user {user_id} is not a member of coop {coop_id}")
    return found[0]


async def remove_teammate(
    session: AsyncSession, coop: Coop, user_id: int, actor_id: int, now: datetime
) -> str:
    """Take a colleague off the coop's team: they no longer see its dossier (what they wrote stays
    theirs in the audit) and are told. Nobody removes themselves here (``/supprimer`` does more)."""
    if user_id == actor_id:
        raise NotAllowed("one does not remove oneself from the team")
    # both memberships held, in one order, and read as committed: two directions taking each other
    # off at once (two instances) leave one direction, not none — the second finds itself gone
    held = await session.exec(
        select(Member.user_id, Member.role)
        .where(Member.coop_id == coop.id, col(Member.user_id).in_((actor_id, user_id)))
        .order_by(Member.user_id)
        .with_for_update()
    )
    roles = dict(held.all())
    if roles.get(actor_id) != MemberRole.DIRECTION:
        raise NotAllowed(f"user {actor_id} is not (any more) the direction of coop {coop.id}")
    mate = await teammate(session, coop.id, user_id)
    membership = await session.exec(
        delete(Member).where(Member.user_id == user_id, Member.coop_id == coop.id).returning(Member.id)
    )
    membership_id = membership.scalar_one_or_none()
    if membership_id is None:  # taken off a moment ago by the other direction member
        raise NotYours(f"user {user_id} is no longer a member of coop {coop.id}")
    # the audit names the membership (as its « join » entry does), never the person's Telegram id:
    # their own erasure then leaves nothing here that points to them
    await record_change(
        session, actor_id=actor_id, coop_id=coop.id, entity="member", entity_id=membership_id,
        action="remove", old=mate.role.value, now=now,
    )  # fmt: skip
    await enqueue(session, [user_id], REMOVED_NEWS, {"coop": coop.name, "role": mate.role.value}, now=now)
    return mate.name


async def no_person_has(session: AsyncSession, user_id: int) -> bool:
    """Whether no person has this id (any more): they erased their data (nothing of them keeps it, the
    audit's entries name a former member), or it never was anyone's."""
    return await session.get(User, user_id) is None


@dataclass(frozen=True)
class Removal:
    """A person taken off a coop's team: their name, when, who did it (None: erased their data since), and
    the role they had on it."""

    name: str
    at: datetime
    by_id: int | None
    by: str | None
    role: MemberRole = MemberRole.MEMBER


async def removal_from_team(session: AsyncSession, coop_id: int, user_id: int) -> Removal | None:
    """The person's last removal from this coop's team; None if they were never on it (or have erased
    their data since: nothing ties them to it any more)."""
    ended = [at for coop, at in await removals(session, user_id) if coop == coop_id]
    person = await session.get(User, user_id)
    if not ended or person is None:
        return None
    entry = AuditEntry
    joins = await session.exec(
        select(entry.entity_id).where(
            entry.entity == "member", entry.action == "join", entry.actor_id == user_id
        )
    )
    # the entry names their membership (before 3 December 2026, the person: ``removals``)
    named = or_(col(entry.entity_id).in_(joins.all()), entry.entity_id == user_id)
    remover = await session.exec(
        select(entry.actor_id, User.first_name, entry.old_value)
        .join(User, User.id == entry.actor_id, isouter=True)
        .where(entry.entity == "member", entry.action == "remove", entry.coop_id == coop_id)
        .where(entry.at == ended[-1], named)
    )
    by_id, by, role = remover.first() or (None, None, None)
    was = MemberRole.DIRECTION if role == MemberRole.DIRECTION.value else MemberRole.MEMBER
    return Removal(person.first_name or "—", ended[-1], by_id, by, was)


async def colleagues_link(
    session: AsyncSession, coop: Coop, actor_id: int, *, valid_for: timedelta, now: datetime
) -> Invitation:
    """The coop's newest link for colleagues, or a new one if none is good for a week more (or half
    its validity, when links last less than two weeks)."""
    newest = (
        await session.exec(
            select(Invitation)
            .where(
                Invitation.coop_id == coop.id,
                Invitation.role == MemberRole.MEMBER,
                col(Invitation.revoked_at).is_(None),
                Invitation.expires_at > now + min(FRESH_FOR_AT_LEAST, valid_for / 2),
            )
            .order_by(col(Invitation.created_at).desc(), col(Invitation.id).desc())
        )
    ).first()
    if newest is not None:
        return newest
    return await create_invitation(session, coop, valid_for=valid_for, now=now, actor_id=actor_id)


async def replace_colleagues_link(
    session: AsyncSession, coop: Coop, actor_id: int, *, valid_for: timedelta, now: datetime
) -> Invitation:
    """Withdraw every link for colleagues still working, and make a new one."""
    working = await session.exec(
        select(Invitation.token).where(
            Invitation.coop_id == coop.id,
            Invitation.role == MemberRole.MEMBER,
            col(Invitation.revoked_at).is_(None),
            Invitation.expires_at > now,
        )
    )
    for token in working.all():
        await revoke_invitation(session, token, now=now, actor_id=actor_id)
    return await create_invitation(session, coop, valid_for=valid_for, now=now, actor_id=actor_id)


async def tell_arrival(
    session: AsyncSession, joined: JoinResult, user_id: int, *, now: datetime
) -> list[int]:
    """Tell the coop's direction (but the newcomer) through the outbox, in the join's transaction,
    that someone joined its team by a link, or a member became part of its direction; whom."""
    if joined.outcome not in (JoinOutcome.JOINED, JoinOutcome.ROLE_CHANGED):
        return []
    coop, promoted = joined.coop, joined.outcome is JoinOutcome.ROLE_CHANGED
    team = await team_of(session, coop.id)
    directors = {mate.user_id for mate in team if mate.role == MemberRole.DIRECTION} - {user_id}
    told = [user.id for user in await coop_users(session, coop.id) if user.id in directors]
    newcomer = next(mate for mate in team if mate.user_id == user_id)
    news = {
        "name": newcomer.name,
        "by": user_id,  # whom the name is of: their erasure finds it, whatever their name became
        "coop": coop.name,
        "role": newcomer.role.value,
        "promoted": promoted,
    }
    await enqueue(session, told, JOINED_NEWS, news, now=now)
    return told


async def told_today(session: AsyncSession, kind: str, dossier: Dossier, now: datetime) -> datetime | None:
    """When the coop's team was first told this news about this dossier (an outbox notice of ``kind``
    naming it) this day, Paris time, and since the dossier's last submission; None: not yet. A dossier
    ready again after the committee asked for more is news again."""
    since = paris_day_start(now)
    if dossier.submitted_at is not None:
        since = max(since, as_utc(dossier.submitted_at))
    members = select(Member.user_id).where(Member.coop_id == dossier.coop_id)
    found = await session.exec(
        select(Notification.created_at, Notification.payload)
        .where(Notification.kind == kind, Notification.created_at > since)
        .where(col(Notification.user_id).in_(members))
        .order_by(Notification.created_at)
    )
    about = [at for at, payload in found.all() if json.loads(payload).get("dossier_id") == dossier.id]
    return about[0] if about else None
