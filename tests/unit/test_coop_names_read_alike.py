"""A coop's name and region are one however they are dressed: the CLI refuses a twin that differs from a
coop's name by a hyphen, a space, a final dot, a leading emoji or the space after an apostrophe, worded
as for any twin; « Réunion » is « La Réunion », one audience for the federation's announcements.

Before, « Saint Étienne Habitat » beside « Saint-Étienne Habitat », « ZETA. » beside « Zeta », « 🏠Maison »
beside « 🏠 Maison » and « L’ Abri » beside « L’Abri » were added as new coops, whose links and /export
then split the coop in two; « Réunion » and « La Réunion » were two regions, two audience buttons.
"""

from __future__ import annotations

import pytest

from models.coops import CoopError, create_coop
from models.federation.regions import region_name, regions, spellings_of


async def test_a_twin_dressed_otherwise_is_refused_as_any_twin(db):
    async with db.transaction() as session:
        for name in ["Saint-Étienne Habitat", "Zeta", "🏠 Maison", "L’Abri"]:
            await create_coop(session, name)
        for twin, meant in [
            ("Saint Étienne Habitat", "#1 Saint-Étienne Habitat"), ("ZETA.", "#2 Zeta"),
            ("🏠Maison", "#3 🏠 Maison"), ("Maison", "#3 🏠 Maison"), ("L’ Abri", "#4 L’Abri"),
            ("« Zeta »", "#2 Zeta"),
        ]:  # fmt: skip
            with pytest.raises(CoopError, match=f"^a coop with this name already exists: {meant}$"):
                await create_coop(session, twin)
        await create_coop(session, "Zeta 2")  # another name: another coop
        await create_coop(session, "Saint-Étienne")


async def test_la_reunion_is_one_region_with_or_without_its_article(db):
    async with db.transaction() as session:
        await create_coop(session, "Coop A", "La Réunion")
        await create_coop(session, "Coop B", "Réunion")
        await create_coop(session, "Coop C", "Bretagne")
        assert await regions(session) == ["Bretagne", "La Réunion"]
        assert sorted(await spellings_of(session, "La Réunion")) == ["La Réunion"]  # B took its spelling
    assert region_name("reunion") == "La Réunion"
