"""A coop as a person refers to it, on the command line and in /export: by its number (« 12 », « #12 ») or
its name however typed; and, for a part of a name, the coops it may be, to choose from by number."""

from __future__ import annotations

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.parsing.names import coop_number, names_holding, names_matching, reading_order
from models.tables import Coop


async def find_coop(session: AsyncSession, reference: str, *, by_number: bool = True) -> Coop | None:
    """A coop by number ("12" or "#12"; unless not ``by_number``) or by name, the number first."""
    meant = await coops_meant(session, reference, by_number=by_number)
    return meant[0] if meant else None


async def coops_meant(session: AsyncSession, reference: str, *, by_number: bool = True) -> list[Coop]:
    """The coops a reference may mean: the one so numbered (« #12 » only it), then those so named, as a
    person reads names (``names_matching``). Compared here, not by the database's lower(): SQLite's and
    PostgreSQL's under a C locale leave « É » as it is; a few thousand names, for the CLI and /export."""
    reference = " ".join(reference.split())
    number = coop_number(reference) if by_number else None
    numbered = await session.get(Coop, number) if number is not None else None
    if numbered is not None and reference.startswith("#"):  # « #12 »: only it
        return [numbered]
    names = (await session.exec(select(Coop.id, Coop.name).order_by(Coop.id))).all()
    named = [await session.get(Coop, key) for key in names_matching(reference, names)]
    return [numbered, *(coop for coop in named if coop.id != numbered.id)] if numbered else named


async def coops_holding(session: AsyncSession, reference: str) -> list[Coop]:
    """The coops whose name holds the words of ``reference`` (``names_holding``), in reading order: what
    a part of a name may mean (« alpha » for « Alpha Habitat »), offered, never chosen. None for a number
    (« #99 » is no part of « Les 99 logements »)."""
    if reference.strip().startswith("#"):
        return []
    coops = (await session.exec(select(Coop))).all()
    held = set(names_holding(reference, ((coop.id, coop.name) for coop in coops)))
    return sorted((coop for coop in coops if coop.id in held), key=reading_order)
