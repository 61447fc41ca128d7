"""A renewal (cycle 2) the committee has since refused, or that is with it: its follow-up is not said to be
prepared from the dossier's home as a renewal being prepared is (found in review)."""

from __future__ import annotations

import pytest
from sqlmodel import select

from models.tables import Dossier, DossierStatus
from tests.conversations.test_label_journey import decide
from tests.conversations.test_progress_across_renewal import RENEWAL_OPENED, labelled_at_the_renewal


@pytest.mark.parametrize("status", [DossierStatus.REFUSED, DossierStatus.SUBMITTED])
async def test_progress_of_a_refused_or_submitted_renewal_does_not_say_it_is_prepared(world, status):
    harness, clock = world
    director, committee = await labelled_at_the_renewal(harness, clock)
    await decide(committee, "Coop Horizon", "🔄", "Place au cycle 2.")
    async with harness.database.transaction() as session:
        cycle2 = (await session.exec(select(Dossier).where(Dossier.cycle == 2))).one()
        cycle2.status = status  # the renewal's candidacy sent, then (REFUSED) not retained
        session.add(cycle2)
    await director.send("/progres")
    said = director.reply_text()
    assert RENEWAL_OPENED not in said, said


async def test_a_progress_button_of_a_refused_renewal_does_not_say_the_renewal_opened(world):
    harness, clock = world
    director, committee = await labelled_at_the_renewal(harness, clock)
    await decide(committee, "Coop Horizon", "🔄", "Place au cycle 2.")

    async def set_cycle2(status):
        async with harness.database.transaction() as session:
            cycle2 = (await session.exec(select(Dossier).where(Dossier.cycle == 2))).one()
            cycle2.status = status
            session.add(cycle2)

    await set_cycle2(DossierStatus.ADMISSIBLE)  # cycle 2 followed (shortcut of submission + admissibility)
    await director.send("/progres")
    progress = director.last
    await set_cycle2(DossierStatus.REFUSED)  # the committee did not retain the renewal
    await director.press("✏️ Mettre à jour", progress)
    assert RENEWAL_OPENED not in director.alerts, director.alerts
