"""A coop's current dossier: the one of its latest cycle, read at most updates."""

from __future__ import annotations

from sqlalchemy import bindparam
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.db import CURRENT
from models.sql.prepared import Prepared, attached, primary_key_first, rows
from models.tables import Dossier

_LATEST = select(*primary_key_first(Dossier)).order_by(Dossier.cycle.desc()).limit(1)
_CURRENT_DOSSIER = Prepared(_LATEST.where(Dossier.coop_id == bindparam("coop_id")))  # read at most updates


async def current_dossier(session: AsyncSession, coop_id: int) -> Dossier | None:
    """The dossier of the coop's latest cycle, read once per transaction (the action, then its screen)."""
    known = session.info.setdefault(CURRENT, {})
    if coop_id not in known:
        found = await rows(session, _CURRENT_DOSSIER, {"coop_id": coop_id})
        if not found:
            return None
        known[coop_id] = attached(session, Dossier, found[0])
    return known[coop_id]


def new_cycle_started(session: AsyncSession, coop_id: int) -> None:
    """A coop's new dossier was added: its current dossier is read again."""
    session.info.get(CURRENT, {}).pop(coop_id, None)
