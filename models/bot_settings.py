"""Small facts the bot learns at run time and the CLI needs offline (e.g. the bot's username)."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from models.clock import utcnow
from models.sql.writes import insert_or_ignore
from models.tables import BotSetting

BOT_USERNAME = "bot_username"
REFERENTIAL = "referential"


async def get_setting(session: AsyncSession, key: str) -> str | None:
    """The stored value of a setting, or None."""
    row = await session.get(BotSetting, key)
    return None if row is None else row.value


async def put_setting(session: AsyncSession, key: str, value: str) -> None:
    """Store a setting, replacing any earlier value (instances starting at once may all write it)."""
    await insert_or_ignore(session, BotSetting, ("key",), key=key, value=value, updated_at=utcnow())
    row = await session.get(BotSetting, key, populate_existing=True)
    row.value = value
    row.updated_at = utcnow()
    session.add(row)
    await session.flush()
