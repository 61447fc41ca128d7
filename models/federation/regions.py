"""Regions as the coops' records spell them: one region, however it was typed.

The federation types a coop's region by hand (``qualicoop coop add --region``): « Bretagne » and
« bretagne », « Île-de-France » and « Ile-de-France » are one region to whoever reads them. They
are compared by a key without case, accents or punctuation; a new coop takes the spelling the
region already has, and an announcement to a region reaches every spelling of it.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.tables import Coop


def region_key(region: str) -> str:
    """What two spellings of one region share: no case, no accents, words only."""
    decomposed = unicodedata.normalize("NFKD", region.casefold())
    letters = "".join(c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c))
    return " ".join(letters.split())


async def spellings(session: AsyncSession) -> dict[str, list[str]]:
    """Each region's spellings, the most used first (then alphabetically)."""
    found = await session.exec(select(Coop.region).where(Coop.region.is_not(None)))
    used = Counter(region for region in found if region)
    by_key: dict[str, list[str]] = defaultdict(list)
    for region in sorted(used, key=lambda r: (-used[r], r)):
        by_key[region_key(region)].append(region)
    return dict(by_key)


async def regions(session: AsyncSession) -> list[str]:
    """One name per region (its most used spelling), for the audience buttons."""
    return sorted((names[0] for names in (await spellings(session)).values()), key=region_key)


async def spellings_of(session: AsyncSession, region: str) -> list[str]:
    """Every spelling the coops' records give this region."""
    return (await spellings(session)).get(region_key(region), [])


async def usual_spelling(session: AsyncSession, region: str) -> str:
    """The spelling this region already has, or the one given for a new region."""
    known = await spellings_of(session, region)
    return known[0] if known else region
