"""A coop's cycles: the one before a dossier's; a label refused after its visit applied for again once,
as the coop's next cycle.

The refused dossier keeps its status (REFUSED: it keeps its course, ``transitions.apply_transition``),
so its status cannot tell a second « new candidacy » from the first: a double tap, or a second member
of the direction on the same old screen, would make the next cycle again. The coop's cycles are read
with the refused dossier held instead: two presses at once (two instances) read one after the other.
"""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.dossier.current import new_cycle_started
from models.dossier.reads import hold_dossier
from models.label.committee import followed_by_committee
from models.label.lifecycle import Transition, TransitionRefused
from models.tables import Dossier


async def cycle_after(session: AsyncSession, dossier: Dossier) -> int | None:
    """The coop's latest cycle when it is later than this dossier's (None: this one is the latest), read
    with this dossier held until the transaction ends, as committed then; found, it is the coop's current
    dossier from now on in this transaction (``current_dossier`` reads it again)."""
    await hold_dossier(session, dossier.id)
    rows = await session.exec(
        select(func.max(Dossier.cycle)).where(
            Dossier.coop_id == dossier.coop_id, Dossier.cycle > dossier.cycle
        )
    )
    later = rows.one()
    if later is not None:
        new_cycle_started(session, dossier.coop_id)
    return later


async def refuse_cycle_made(session: AsyncSession, dossier: Dossier) -> None:
    """TransitionRefused if the new candidacy after this refusal was made already, before anything is
    written: one next cycle however many times it is confirmed."""
    if (later := await cycle_after(session, dossier)) is not None:
        raise TransitionRefused("cycle_made", dossier.status, Transition.REAPPLY, f"cycle {later} exists")


async def earlier_cycle_of(session: AsyncSession, dossier: Dossier) -> Dossier | None:
    """The coop's dossier of the cycle before this one, once submitted to the committee (renewed, or its
    label refused); None for a first cycle."""
    if dossier.cycle < 2:
        return None
    rows = await session.exec(
        select(Dossier)
        .where(Dossier.coop_id == dossier.coop_id, Dossier.cycle == dossier.cycle - 1)
        .order_by(Dossier.id.desc())
    )
    earlier = rows.first()
    return earlier if earlier is not None and followed_by_committee(earlier.status) else None
