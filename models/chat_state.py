"""Where each user is in a conversation, saved at every step (a restart resumes there)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from models.clock import utcnow
from models.db import insert_or_ignore
from models.tables import ChatState

HOME = "home"


@dataclass
class Position:
    """A screen or question and the ids it is about (JSON-serialisable values only)."""

    screen: str = HOME
    data: dict = field(default_factory=dict)


async def load_position(session: AsyncSession, user_id: int) -> Position:
    """The user's saved position (home if none)."""
    row = await session.get(ChatState, user_id)
    if row is None:
        return Position()
    try:
        data = json.loads(row.data)
    except ValueError:  # a damaged row must not lock the user out
        data = {}
    return Position(row.screen, data if isinstance(data, dict) else {})


async def save_position(
    session: AsyncSession, user_id: int, position: Position, *, now: datetime | None = None
) -> None:
    """Record the user's position in the same transaction as their answer."""
    now = now or utcnow()
    await insert_or_ignore(session, ChatState, ("user_id",), user_id=user_id, updated_at=now)
    row = await session.get(ChatState, user_id, populate_existing=True)
    row.screen = position.screen
    row.data = json.dumps(position.data, ensure_ascii=False)
    row.updated_at = now
    session.add(row)
    await session.flush()
