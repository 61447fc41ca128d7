"""A typical target counted one by one reads whole.

Before: four coops sharing « Ménages accompagnés » with targets of 30, 31, 40 and 41 households showed a
coop choosing its indicators « Cible habituelle : 35,5 ménages accompagnés », the median of an even count
falling between two, where the product refuses « 35,5 » typed in that unit. Now it reads « 36 ménages
accompagnés », as do targets in people or homes and a suggestion's plain count; a rate keeps its decimal.
"""

from __future__ import annotations

import pytest
from sqlmodel import select

from conversations.render.commitments.practices import typical_target
from locales import translator
from models.dossier.practices import SharedChoice
from models.tables import Indicator
from tests.conversations.test_shared_practices import coop_with_indicators
from tests.dossier_steps import join, open_home

TARGETS = ("30", "31", "40", "41")  # a median of 35.5


async def test_a_typical_target_of_households_is_a_whole_number(harness):
    for n, name in enumerate(("Coop Alpha", "Coop Beta", "Coop Gamma", "Coop Delta"), 1):
        await coop_with_indicators(harness, name, n, share=True)
    async with harness.database.transaction() as session:  # their own indicator, counted in households
        own = (await session.exec(select(Indicator).where(Indicator.unit == "percent"))).all()
        for indicator, target in zip(own, TARGETS, strict=True):
            indicator.title, indicator.unit = "Ménages accompagnés", "ménages accompagnés"
            indicator.current_value, indicator.target_value = "20", target
            session.add(indicator)
    member = await join(harness, 6131, "fr", "Coop Lectrice", role="member")
    await member.send("/dossier")
    await member.press("Axe 2")
    await member.press("⬜ 5 · ")
    await open_home(member)
    await member.press("📊 Indicateurs")
    await member.press(" 5 · ")
    await member.press("➕ Ajouter un indicateur")
    await member.press("👥 Ménages accompagnés")
    assert "Cible habituelle\u00a0: 36\u00a0ménages accompagnés" in member.last_text, member.last_text


def shared(unit: str, suggested_code: str | None = None) -> SharedChoice:
    """Four coops' targets of one indicator in ``unit``."""
    choice = SharedChoice("s:5a" if suggested_code else "t:x", suggested_code)
    choice.shapes[("number", unit)] = 4
    choice.targets = [(coop, target, "number", unit) for coop, target in enumerate(TARGETS, 1)]
    return choice


@pytest.mark.parametrize(
    ("unit", "suggested_code", "shown"),
    [
        ("people", "5a", "36\u00a0personnes"),
        ("homes", None, "36\u00a0logements"),
        ("logements BRS", None, "36\u00a0logements BRS"),
        ("count", "5b", "36"),  # a suggestion's plain number is counted one by one
        ("count", None, "35,5"),  # a coop's own plain number may be an average
        ("percent", None, "35,5\u00a0%"),
        ("tonnes de CO2", None, "35,5\u00a0tonnes de CO2"),
    ],
)
def test_only_what_is_counted_one_by_one_is_rounded(unit, suggested_code, shown):
    assert typical_target(translator("fr"), shared(unit, suggested_code)) == shown
