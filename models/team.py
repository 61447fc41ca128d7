"""A coop's team: who has joined, and the link the direction hands to colleagues so that they join.

The federation creates a coop with two links (``qualicoop coop add``): the direction's and the
colleagues'. Once the direction is in, it shows the colleagues' link from the chat, and replaces it
if it went further than it should (the old one then stops working; who joined stays). A link about
to expire is replaced by a new one when shown, so the direction never hands out a dead link.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.coops import create_invitation, revoke_invitation
from models.tables import Coop, Invitation, Member, MemberRole, User

FRESH_FOR_AT_LEAST = timedelta(days=7)  # a link shown is good for a week at least


@dataclass(frozen=True)
class Teammate:
    """A member of the coop, as their colleagues see them."""

    name: str
    role: MemberRole
    joined_at: datetime


async def team_of(session: AsyncSession, coop_id: int) -> list[Teammate]:
    """The coop's members, the direction first, then by the day they joined."""
    found = await session.exec(
        select(User.first_name, Member.role, Member.joined_at)
        .join(Member, Member.user_id == User.id)
        .where(Member.coop_id == coop_id)
        .order_by(Member.role != MemberRole.DIRECTION, Member.joined_at, User.id)
    )
    return [Teammate(name or "—", role, joined) for name, role, joined in found.all()]


async def colleagues_link(
    session: AsyncSession, coop: Coop, actor_id: int, *, valid_for: timedelta, now: datetime
) -> Invitation:
    """The coop's newest link for colleagues, or a new one if none is good for a week more."""
    newest = (
        await session.exec(
            select(Invitation)
            .where(
                Invitation.coop_id == coop.id,
                Invitation.role == MemberRole.MEMBER,
                col(Invitation.revoked_at).is_(None),
                Invitation.expires_at > now + FRESH_FOR_AT_LEAST,
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
