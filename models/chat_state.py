"""Where each user is: the saved position, the typed parts not judged yet, the Mini App's sessions.

The position is saved at every step that asks something or sends a new message (a restart resumes
there); moving between menus in the same message saves nothing (``conversations.ui.shown``). A typed
answer may arrive in several parts (Telegram cuts a long paste): the parts are stored first and
judged together once the user is quiet, claimed through the database so that one process only
judges them.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, bindparam, false, or_
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import col, delete, select, update
from sqlmodel.ext.asyncio.session import AsyncSession

from models.db import dialect_insert
from models.operations.instances import claimed_by_gone
from models.sql.handling import no_reply_owed
from models.sql.prepared import Prepared, held, write
from models.tables import AppSession, ChatState, Instance, TextPart

HOME = "home"


@dataclass
class Position:
    """A screen or question and the ids it is about (JSON-serialisable values only)."""

    screen: str = HOME
    data: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Where:
    """Where a user is, as read at the start of an update: the saved position and the live menu."""

    position: Position = field(default_factory=Position)
    screen_message_id: int | None = None
    stored: bool = False  # whether the user has a ChatState row
    # the screen's own messages were sent after its message (``Screen.whole``: a long text to copy): the
    # next screen goes below them, not into that message above them, out of sight
    followed: bool = False

    @classmethod
    def of(cls, row: ChatState | None) -> Where:
        """What a ChatState row says (home, not stored, when there is none)."""
        if row is None:
            return cls()
        saved = row.screen_message_id
        followed = saved is not None and saved < 0
        return cls(position_of(row), -saved if followed else saved, True, followed)

    @property
    def saved_id(self) -> int | None:
        """The live menu's id as saved: negated when messages of its own follow it (an id is positive)."""
        return -self.screen_message_id if self.followed and self.screen_message_id else self.screen_message_id


def position_of(row: ChatState) -> Position:
    """The position a ChatState row holds."""
    try:
        data = json.loads(row.data)
    except ValueError:  # a damaged row must not lock the user out
        data = {}
    return Position(row.screen, data if isinstance(data, dict) else {})


async def load_position(session: AsyncSession, user_id: int) -> Position:
    """The user's saved position (home if none)."""
    row = await session.get(ChatState, user_id)
    return Position() if row is None else position_of(row)


async def load_where(session: AsyncSession, user_id: int) -> Where:
    """The user's saved position and live menu, read now."""
    return Where.of(await session.get(ChatState, user_id))


def _upsert_position(insert) -> object:
    """INSERT … ON CONFLICT (user_id) DO UPDATE of a position, its values as parameters."""
    names = ("screen", "data", "updated_at", "screen_message_id")
    statement = insert(ChatState.__table__).values(
        user_id=bindparam("user_id"), **{name: bindparam(name) for name in names}
    )
    return statement.on_conflict_do_update(
        index_elements=["user_id"], set_={name: statement.excluded[name] for name in names}
    )


# built once per dialect and run without the ORM: the position is saved at most updates
_UPSERT_POSITION = Prepared(lambda dialect: _upsert_position(dialect_insert(dialect)))


async def store_position(
    session: AsyncSession, user_id: int, where: Where, position: Position, *, now: datetime,
    message_id: int | None = None, followed: bool | None = None,
) -> Where:  # fmt: skip
    """Save a position read as ``where`` moved to ``position``: one upsert, or nothing if unchanged.

    A screen drawn again where it was (the same screen, the same ids, the same message) writes
    nothing: only a change of position or of live menu is a change of the conversation's state.
    ``followed`` (``Where``): by default, as it was in the same message; said alone, it is saved alone.
    """
    message_id = where.screen_message_id if message_id is None else message_id
    if followed is None:
        followed = where.followed and message_id is not None and message_id == where.screen_message_id
    after = Where(position, message_id, True, followed)
    if after == where:
        return where
    if after == replace(where, followed=followed):  # said alone, saved alone: the position may have been
        # rewritten since it was read (a text given back, then forgotten at once: ``request_threads``)
        live = col(ChatState.screen_message_id) == where.saved_id  # not moved meanwhile by another update
        mark = update(ChatState).where(col(ChatState.user_id) == user_id, live)
        await session.exec(mark.values(screen_message_id=after.saved_id))
        return after
    values = {
        "screen": position.screen,
        "data": json.dumps(position.data, ensure_ascii=False),
        "updated_at": now,
        "screen_message_id": after.saved_id,
    }
    await write(session, _UPSERT_POSITION, {"user_id": user_id, **values})
    loaded = held(session, ChatState, user_id)
    if loaded is not None:  # a ChatState read earlier in this session: it says what the row says now
        for name, value in values.items():
            set_committed_value(loaded, name, value)
    return after


# ---- the parts of a typed answer ---------------------------------------------------------------


class PartsTaken(Exception):
    """Another process claimed these parts first (the caller's transaction is rolled back)."""


@dataclass(frozen=True)
class Claim:
    """Parts taken by one process to be judged as one answer."""

    token: str
    user_id: int
    parts: tuple[str, ...]
    typed_at: tuple[datetime, ...]  # when each part came
    taken_over: bool  # some were claimed by a process that did not judge them (``left``)


async def add_part(session: AsyncSession, user_id: int, message_id: int, text: str, now: datetime) -> None:
    """Store one typed message before anything is answered (the paste's judging answers it)."""
    no_reply_owed()
    session.add(TextPart(user_id=user_id, message_id=message_id, text=text, received_at=now))
    await session.flush()


def left_claims(
    me: str, now: datetime, lease: timedelta, *, stale_before: datetime, polling: bool
) -> ColumnElement[bool]:
    """The condition « claimed by a process that will not judge them »: an instance that is gone (the
    outbox's rule), a claim older than ``stale_before`` (its judging failed), and when polling, an
    instance started before this one ``me`` (one process polls at a time: the previous one, killed,
    whose heartbeat is still recent). ``now`` is the wall clock of the instances' heartbeats."""
    claimant = col(TextPart.claimed_by)
    left = [claimed_by_gone(claimant, now, lease), col(TextPart.claimed_at) < stale_before]
    if polling:
        mine = select(Instance.started_at).where(Instance.id == me).scalar_subquery()
        left.append(claimant.in_(select(Instance.id).where(Instance.id != me, Instance.started_at < mine)))
    return or_(*left)


def _free(left: ColumnElement[bool] | None) -> ColumnElement[bool]:
    """Parts nobody is judging: unclaimed, or claimed as ``left`` says no process will judge them."""
    return or_(col(TextPart.claim).is_(None), false() if left is None else left)


async def waiting_parts(
    session: AsyncSession, user_id: int, left: ColumnElement[bool] | None = None
) -> list[TextPart]:
    """The user's parts nobody is judging (``left``: claims taken as nobody's), in the order sent."""
    rows = await session.exec(
        select(TextPart)
        .where(TextPart.user_id == user_id, _free(left))
        .order_by(TextPart.message_id, TextPart.id)
    )
    return list(rows.all())


async def claim_parts(
    session: AsyncSession,
    user_id: int,
    complete: Callable[[list[TextPart]], bool],
    *,
    now: datetime,
    by: str | None = None,
    left: ColumnElement[bool] | None = None,
) -> Claim | None:
    """Take the user's waiting parts for the instance ``by`` if ``complete`` says no more are coming;
    None otherwise. ``left``: the claims taken as nobody's (``left_claims``), taken again with the rest.

    The update only takes rows still free: of two processes judging at once, one gets the parts
    (the other gets PartsTaken and rolls back).
    """
    parts = await waiting_parts(session, user_id, left)
    if not parts or not complete(parts):
        return None
    token = secrets.token_hex(8)
    ids = [part.id for part in parts]
    # read before the UPDATE, which brings the session's rows to the new claim
    taken_over = any(part.claim is not None for part in parts)
    taken = await session.exec(
        update(TextPart)
        .where(col(TextPart.id).in_(ids), _free(left))
        .values(claim=token, claimed_at=now, claimed_by=by)
    )
    if taken.rowcount != len(ids):  # another process took some: leave them all to it
        raise PartsTaken(user_id)
    texts, typed_at = tuple(part.text for part in parts), tuple(part.received_at for part in parts)
    return Claim(token, user_id, texts, typed_at, taken_over)


async def judged_where(session: AsyncSession, claim: Claim) -> tuple[Position, list[str], list[str]]:
    """The saved position claimed parts are judged at, the parts typed before it was saved (at another
    question: not its answer), and those typed there.

    A move to another question takes the parts waiting with it (``conversations.ui.shown.take_parts``),
    but not those a process holds: one that died holding them keeps them from the move until it is taken
    for gone, and the person may then be at another question, saved after the parts came. Only parts
    taken over are split so: free parts were typed where the person is (a move would have taken them).
    """
    row = await session.get(ChatState, claim.user_id)
    position = Position() if row is None else position_of(row)
    moved_at = row.updated_at if row is not None and claim.taken_over else None
    earlier, there = [], []
    for text, typed_at in zip(claim.parts, claim.typed_at, strict=True):
        (earlier if moved_at is not None and typed_at < moved_at else there).append(text)
    return position, earlier, there


async def drop_parts(session: AsyncSession, token: str) -> int:
    """The parts became an answer (or were given back): they are no longer waiting. How many were
    still this claim's (0: another process took them over, taking this one for stopped)."""
    return (await session.exec(delete(TextPart).where(TextPart.claim == token))).rowcount


async def answer_claimed(claim: Claim, session: AsyncSession) -> None:
    """In the answer's transaction: emptied, dropped once its reply is sent (left so, its reply was lost:
    ``ui.pastes``); PartsTaken (rolled back) if another process took them over meanwhile (it judges them)."""
    emptied = await session.exec(update(TextPart).where(TextPart.claim == claim.token).values(text=""))
    if not emptied.rowcount:
        raise PartsTaken(claim.user_id)


async def users_with_parts(session: AsyncSession, left: ColumnElement[bool]) -> list[int]:
    """Users with parts waiting, or claimed by a process that will not judge them (``left_claims``):
    a read only, the claims are taken with the user's other parts (``claim_parts``)."""
    rows = await session.exec(select(TextPart.user_id).where(_free(left)).distinct())
    return list(rows.all())


# ---- the Mini App's sessions -------------------------------------------------------------------


async def open_app_session(session: AsyncSession, user_id: int, now: datetime) -> str:
    """A new opening of the Mini App; its token comes back with every save of that page."""
    token = secrets.token_urlsafe(16)
    session.add(AppSession(token=token, user_id=user_id, opened_at=now))
    await session.flush()
    return token


async def count_app_change(session: AsyncSession, token: str | None, user_id: int, key: str) -> None:
    """A field changed from this opening of the Mini App (in the change's transaction); once per field."""
    row = await session.get(AppSession, token) if token else None
    if row is None or row.user_id != user_id:
        return
    changed = json.loads(row.changed)
    if key not in changed:
        row.changed = json.dumps([*changed, key])
        session.add(row)
        await session.flush()


async def take_unreported(session: AsyncSession, token: str, user_id: int) -> int:
    """How many fields this opening changed that the chat was not told of; they count as told now."""
    row = await session.get(AppSession, token)
    if row is None or row.user_id != user_id:
        return 0
    news = len(json.loads(row.changed))
    if news:
        row.changed = "[]"
        session.add(row)
        await session.flush()
    return news
