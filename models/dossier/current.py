"""A coop's current dossier: the one of its latest cycle, read at most updates.

Read once per transaction (the action, then its screen). The update's visit reads it too, with its
chosen engagements (``models.users.load_visit``): the transaction right after the visit takes both
from there (``seed``) instead of reading them again.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import bindparam
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.db import CHOICES, CURRENT
from models.sql.prepared import Prepared, adopted, attached, primary_key_first, rows
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


def seed(session: AsyncSession, dossier: Dossier, choices: Iterable[int]) -> None:
    """The coop's current dossier and its chosen engagements as read just before this transaction.

    ``dossier`` is detached (as ``models.sql.prepared.entity`` builds it): the session adopts it, so
    a change to it is written as if this transaction had read it.
    """
    session.info.setdefault(CURRENT, {})[dossier.coop_id] = adopted(session, dossier)
    session.info.setdefault(CHOICES, {})[dossier.id] = set(choices)


def known_choices(session: AsyncSession, dossier_id: int) -> set[int] | None:
    """The dossier's chosen engagements if this transaction was given them (a copy), else None."""
    choices = session.info.get(CHOICES, {}).get(dossier_id)
    return None if choices is None else set(choices)


def choice_changed(session: AsyncSession, dossier_id: int, code: int, chosen: bool) -> None:
    """An engagement was chosen or dropped: the choices this transaction knows follow."""
    choices = session.info.get(CHOICES, {}).get(dossier_id)
    if choices is not None:
        (choices.add if chosen else choices.discard)(code)


def new_cycle_started(session: AsyncSession, coop_id: int) -> None:
    """A coop's new dossier was added: its current dossier is read again."""
    session.info.get(CURRENT, {}).pop(coop_id, None)
