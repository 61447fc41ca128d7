"""Which referential is in force: the packaged one, or the federation's replacement if loaded."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from models.audit import record_change
from models.bot_settings import REFERENTIAL, get_setting, put_setting
from models.referential.model import Referential
from models.referential.parsing import default_referential, parse_referential_json


async def active_referential(session: AsyncSession) -> Referential:
    """The referential the bot uses now."""
    stored = await get_setting(session, REFERENTIAL)
    # loaded before engagements had to be numbered 1 to 12: the bot still starts with it
    return default_referential() if not stored else parse_referential_json(stored, numbered=False)


async def replace_referential(session: AsyncSession, referential: Referential) -> None:
    """Put a validated referential in force (it is stored in the database for every process)."""
    previous = await active_referential(session)
    await put_setting(session, REFERENTIAL, referential.to_json())
    await record_change(
        session,
        actor_id=None,
        coop_id=None,
        entity="referential",
        entity_id=None,
        action="replace",
        old=previous.version,
        new=referential.version,
    )
