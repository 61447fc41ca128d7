"""Regions as the coops' records spell them: one region, however it was typed.

The federation types a coop's region by hand (``qualicoop coop add --region``): « Bretagne » and
« bretagne », « Île-de-France » and « Ile-de-France » are one region to whoever reads them. They
are compared by a key without case, accents or punctuation; a new coop takes the spelling the
region already has, and an announcement to a region reaches every spelling of it. A region is shown
by its official name (« pays de la loire » typed reads « Pays de la Loire »); one not in France's
list, typed without capitals, gets them the French way.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.tables import Coop

OFFICIAL = (
    "Auvergne-Rhône-Alpes", "Bourgogne-Franche-Comté", "Bretagne", "Centre-Val de Loire", "Corse",
    "Grand Est", "Hauts-de-France", "Île-de-France", "Normandie", "Nouvelle-Aquitaine", "Occitanie",
    "Pays de la Loire", "Provence-Alpes-Côte d’Azur", "Guadeloupe", "Martinique", "Guyane",
    "La Réunion", "Mayotte",
)  # fmt: skip
_WITHOUT_ARTICLE = {"reunion": "la reunion"}  # an official name as often said, without its article
SMALL_WORDS = {"de", "du", "des", "la", "le", "les", "et", "sur", "en"}  # lower case inside a name


def region_key(region: str) -> str:
    """What two spellings of one region share: no case, no accents, words only."""
    decomposed = unicodedata.normalize("NFKD", region.casefold())
    letters = "".join(c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c))
    words = " ".join(letters.split())
    return _WITHOUT_ARTICLE.get(words, words)  # « Réunion » is « La Réunion »


def region_name(spelling: str) -> str:
    """The region as shown: its official name, else the spelling (capitalised when typed without)."""
    official = _OFFICIAL_BY_KEY.get(region_key(spelling))
    if official is not None:
        return official
    if spelling != spelling.lower():  # the federation chose its capitals: kept
        return spelling.strip()
    parts = re.split(r"([\s-]+)", spelling.strip())
    return "".join(part if n and part in SMALL_WORDS else _capital(part) for n, part in enumerate(parts))


def coop_region(coop) -> str:
    """A coop's region as shown (``region_name``), "" when it has none."""
    return region_name(coop.region) if coop.region else ""


def _capital(word: str) -> str:
    """« loire » → « Loire », « d’azur » → « d’Azur »."""
    elided = re.match(r"^([dl][’'])(.*)$", word)
    if elided:
        return elided[1] + elided[2][:1].upper() + elided[2][1:]
    return word[:1].upper() + word[1:]


async def spellings(session: AsyncSession) -> dict[str, list[str]]:
    """Each region's spellings, the most used first (then alphabetically)."""
    found = await session.exec(select(Coop.region).where(Coop.region.is_not(None)))
    used = Counter(region for region in found if region)
    by_key: dict[str, list[str]] = defaultdict(list)
    for region in sorted(used, key=lambda r: (-used[r], r)):
        by_key[region_key(region)].append(region)
    return dict(by_key)


async def regions(session: AsyncSession) -> list[str]:
    """One name per region (its official name, else its most used spelling), for the audience buttons."""
    return sorted((region_name(names[0]) for names in (await spellings(session)).values()), key=region_key)


async def spellings_of(session: AsyncSession, region: str) -> list[str]:
    """Every spelling the coops' records give this region."""
    return (await spellings(session)).get(region_key(region), [])


async def usual_spelling(session: AsyncSession, region: str) -> str:
    """The spelling this region already has, or the one given for a new region."""
    known = await spellings_of(session, region)
    return known[0] if known else region


_OFFICIAL_BY_KEY = {region_key(name): name for name in OFFICIAL}
