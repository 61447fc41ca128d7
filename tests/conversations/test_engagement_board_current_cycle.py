"""« 🎯 Par engagement » counts each coop by its current dossier, its latest cycle, as /tableau does.

Before: a coop renewing its label, whose cycle-2 dossier had no engagement ticked yet, was still
counted for its closed cycle 1's engagements (« 1 coopérative l’a choisi »), while /tableau's line
and CSV for that coop, reading its latest cycle, said it had none: the same coop, two figures. Now a
cycle with no engagement chosen is the current one all the same, and counts for none.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from models.tables import Dossier, DossierStatus
from tests.conftest import ADMIN_ID
from tests.dossier_steps import choose, join


async def renewing(harness, user_id: int, name: str, codes: list[int]) -> None:
    """A coop that chose ``codes`` in its cycle 1, labelled then renewed: its cycle 2 a draft, none chosen."""
    direction = await join(harness, user_id, "fr", name)
    await choose(direction, codes)
    async with harness.database.transaction() as session:
        first = (
            await session.exec(select(Dossier).where(Dossier.coop_id == direction.invitations.coop.id))
        ).one()
        first.status, first.labelled_on = DossierStatus.RENEWED, date(2023, 1, 10)
        session.add(first)
        session.add(Dossier(coop_id=first.coop_id, cycle=2, status=DossierStatus.DRAFT))


async def board_lines(harness) -> dict[int, str]:
    """/tableau engagements in English: each engagement's line, by its number."""
    admin = harness.user(ADMIN_ID, "Fédé", "en")
    await admin.send("/tableau engagements")
    lines = admin.last_text.splitlines()
    return {code: next(line for line in lines if line.startswith(f"{code}. ")) for code in range(1, 13)}


async def test_a_renewing_coop_counts_for_its_cycle_2_not_its_closed_cycle_1(harness):
    await renewing(harness, 1201, "Coop Renouvelle", [1, 2])
    still_at_cycle_1 = await join(harness, 1202, "fr", "Coop Première")
    await choose(still_at_cycle_1, [1])
    lines = await board_lines(harness)
    assert lines[1].endswith("— 1 coop chose it"), lines[1]  # Coop Première's only
    assert lines[2].endswith("— 0 coops chose it"), lines[2]  # Coop Renouvelle's cycle 1 no longer counts
