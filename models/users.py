"""Telegram users, their language, and federation roles."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Select, String, bindparam, cast, func, literal_column
from sqlalchemy.orm import aliased
from sqlmodel import col, exists, select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.chat_state import Where
from models.clock import utcnow
from models.parsing.text import person_name
from models.sql.prepared import Prepared, column_names, entity, primary_key_first, rows
from models.sql.writes import insert_or_ignore
from models.tables import (
    ChatState,
    Coop,
    Dossier,
    EngagementChoice,
    FederationRole,
    FederationRoleName,
    Member,
    MemberRole,
    TextPart,
    User,
)


async def touch_user(
    session: AsyncSession,
    telegram_id: int,
    *,
    first_name: str = "",
    username: str | None = None,
    telegram_language: str | None = None,
    now: datetime | None = None,
) -> User:
    """Find or create the user behind an update and refresh what Telegram tells of them.

    Created by one insert-or-ignore, so two first contacts at once (two updates, two instances)
    both find the one row.
    """
    now = now or utcnow()
    user = await known_user(session, telegram_id, now)
    user.first_name = person_name(first_name)
    user.username = username
    user.telegram_language = telegram_language
    user.last_seen_at = now
    user.is_active = True  # they wrote to us, so they have not blocked the bot
    session.add(user)
    await session.flush()
    return user


# Last-seen says whether someone still uses the bot (retention: months of silence); it is written
# when older than this, not at every update, which would make every button press a write.
LAST_SEEN_EVERY = timedelta(minutes=15)


@dataclass
class Visit:
    """Who sent an update and where they are, read in one statement at the update's start."""

    user: User
    member: Member | None
    coop: Coop | None
    roles: set[FederationRoleName]
    where: Where
    parts_waiting: bool  # typed parts stored and not judged yet (a paste arriving, or being judged)
    dossier: Dossier | None = None  # the coop's current dossier (its latest cycle), detached
    choices: frozenset[int] = frozenset()  # the engagements chosen in it
    has_direction: bool = True  # someone of their coop's team is its direction (false: none, or gone)


# The entities the visit reads, each with its columns in the select's order (the primary key first).
_ENTITIES = (User, Member, Coop, ChatState, Dossier)
_NAMES = tuple(column_names(model) for model in _ENTITIES)
_LATER_CYCLE = aliased(Dossier)
_DIRECTION = aliased(Member)  # the direction of the visitor's coop, whoever they are


def _visit(dialect: str) -> Select:
    """The visit's statement; each dialect joins the choices' codes by commas with its own function.

    The coop's current dossier and its choices come with the visitor: most updates draw or change it.
    """
    code = cast(EngagementChoice.engagement_code, String)
    joined = (
        func.string_agg(code, literal_column("','")) if dialect == "postgresql" else func.group_concat(code)
    )
    return (
        select(
            *(column for model in _ENTITIES for column in primary_key_first(model)),
            FederationRole.role,
            # claimed too: parts being judged, or left by a process that stopped while judging them
            exists().where(TextPart.user_id == User.id),
            select(joined).where(EngagementChoice.dossier_id == Dossier.id).scalar_subquery(),
            exists().where(_DIRECTION.coop_id == Member.coop_id, _DIRECTION.role == MemberRole.DIRECTION),
        )
        .outerjoin(Member, Member.user_id == User.id)
        .outerjoin(Coop, Coop.id == Member.coop_id)
        .outerjoin(ChatState, ChatState.user_id == User.id)
        .outerjoin(
            Dossier,
            (Dossier.coop_id == Coop.id)
            & ~exists().where(_LATER_CYCLE.coop_id == Coop.id, _LATER_CYCLE.cycle > Dossier.cycle),
        )
        .outerjoin(FederationRole, FederationRole.telegram_id == User.id)
        .where(User.id == bindparam("telegram_id"))
    )


# Built once per dialect, run at every update without the ORM (``models.sql.prepared``: 13 µs for SQLite
# where the ORM's loading of four entities took 440), with the user's id as its one parameter.
_VISIT = Prepared(_visit)


async def load_visit(session: AsyncSession, telegram_id: int) -> Visit | None:
    """The user, their membership and coop, federation roles, position, waiting parts, and the coop's
    current dossier with its chosen engagements: one query.

    One row per federation role (none, one or two), so the join multiplies nothing that matters.
    None for someone never seen. The entities are detached: a session they are added to updates them.
    """
    found = await rows(session, _VISIT, {"telegram_id": telegram_id})
    if not found:
        return None
    first, start = found[0], 0
    loaded = []
    for model, names in zip(_ENTITIES, _NAMES, strict=True):
        loaded.append(entity(model, first[start : start + len(names)], names))
        start += len(names)
    user, member, coop, state, dossier = loaded
    roles = {FederationRoleName(row[start]) for row in found if row[start] is not None}
    choices = frozenset(int(code) for code in (first[start + 2] or "").split(",") if code)
    waiting, has_direction = bool(first[start + 1]), bool(first[start + 3])
    return Visit(user, member, coop, roles, Where.of(state), waiting, dossier, choices, has_direction)


def refresh_user(
    session: AsyncSession,
    user: User,
    *,
    first_name: str,
    username: str | None,
    telegram_language: str | None,
    now: datetime,
) -> bool:
    """Update what Telegram tells of a user, and write it if that changed anything (then True).

    Last-seen alone counts only when stale (``LAST_SEEN_EVERY``); someone who writes to us has not
    blocked the bot, so an inactive user becomes active again.
    """
    seen = user.last_seen_at
    if seen is not None and seen.tzinfo is None:
        seen = seen.replace(tzinfo=UTC)  # SQLite gives naive datetimes back: they are UTC
    fresh = {
        "first_name": person_name(first_name),
        "username": username,
        "telegram_language": telegram_language,
        "is_active": True,
    }
    changed = any(getattr(user, name) != value for name, value in fresh.items())
    if not changed and seen is not None and now - seen < LAST_SEEN_EVERY:
        return False
    for name, value in fresh.items():
        setattr(user, name, value)
    user.last_seen_at = now
    session.add(user)  # written with the transaction of the update
    return True


async def set_language(session: AsyncSession, telegram_id: int, language: str) -> User:
    """Store the interface language a user chose."""
    user = await known_user(session, telegram_id, utcnow())
    user.language = language
    session.add(user)
    await session.flush()
    return user


async def known_user(session: AsyncSession, telegram_id: int, now: datetime) -> User:
    """The user's row, inserted first if it is not there (whoever else inserts it meanwhile)."""
    await insert_or_ignore(session, User, ("id",), id=telegram_id, created_at=now, last_seen_at=now)
    return await session.get(User, telegram_id, populate_existing=True)


async def mark_blocked(session: AsyncSession, telegram_id: int) -> None:
    """The user blocked the bot: stop writing to them until they come back."""
    user = await session.get(User, telegram_id)
    if user is not None:
        user.is_active = False
        session.add(user)


async def federation_roles(session: AsyncSession, telegram_id: int) -> set[FederationRoleName]:
    """The roles given to a Telegram id in the database (settings admins are added elsewhere)."""
    rows = await session.exec(select(FederationRole).where(FederationRole.telegram_id == telegram_id))
    return {FederationRoleName(row.role) for row in rows}


async def other_deciders(session: AsyncSession, coop_id: int, telegram_id: int) -> int:
    """How many committee members besides this one may decide on the coop's dossier (not on its team)."""
    team = select(Member.user_id).where(Member.coop_id == coop_id)
    found = await session.exec(
        select(func.count()).where(
            FederationRole.role == FederationRoleName.COMMITTEE,
            FederationRole.telegram_id != telegram_id,
            col(FederationRole.telegram_id).not_in(team),
        )
    )
    return found.one()


async def grant_federation_role(session: AsyncSession, telegram_id: int, role: FederationRoleName) -> bool:
    """Give a federation role; False if the id already had it."""
    if role in await federation_roles(session, telegram_id):
        return False
    session.add(FederationRole(telegram_id=telegram_id, role=role))
    await session.flush()
    return True


async def revoke_federation_role(session: AsyncSession, telegram_id: int, role: FederationRoleName) -> bool:
    """Take a federation role back; False if the id did not have it."""
    found = await session.exec(
        select(FederationRole).where(FederationRole.telegram_id == telegram_id, FederationRole.role == role)
    )
    row = found.first()
    if row is None:
        return False
    await session.delete(row)
    await session.flush()
    return True


async def federation_staff(session: AsyncSession) -> list[tuple[int, FederationRoleName, str | None]]:
    """Every role given in the database, with the holder's first name when they started the bot."""
    found = await session.exec(
        select(FederationRole.telegram_id, FederationRole.role, User.first_name)
        .outerjoin(User, User.id == FederationRole.telegram_id)
        .order_by(FederationRole.role, FederationRole.telegram_id)
    )
    return [(telegram_id, FederationRoleName(role), name) for telegram_id, role, name in found.all()]


async def federation_ids(session: AsyncSession, role: FederationRoleName) -> list[int]:
    """Every Telegram id holding a federation role."""
    rows = await session.exec(select(FederationRole.telegram_id).where(FederationRole.role == role))
    return sorted(set(rows))


async def users_by_ids(session: AsyncSession, telegram_ids: list[int]) -> dict[int, User]:
    """The users known for some Telegram ids (federation staff may not have started the bot)."""
    if not telegram_ids:
        return {}
    rows = await session.exec(select(User).where(User.id.in_(telegram_ids)))
    return {user.id: user for user in rows}


async def get_user(session: AsyncSession, telegram_id: int) -> User | None:
    """The stored user behind a Telegram id, if they ever wrote to the bot."""
    return await session.get(User, telegram_id)


async def first_name_of(session: AsyncSession, telegram_id: int | None) -> str | None:
    """The first name of who acted, as stored; None for nobody (the CLI), for a former member (an erased
    person's entries point to a negative id, never to them), and for a user without one."""
    if telegram_id is None or telegram_id < 0:
        return None
    user = await session.get(User, telegram_id)
    return user.first_name if user is not None and user.first_name else None
