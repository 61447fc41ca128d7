"""README: someone who never joined a coop nor holds a federation role is erased after 180 days without
writing. A colleague taken off a team did join one: the hourly upkeep keeps them, and when they write
again they are told they were taken off, not welcomed as a stranger. Who is kept is found in the one
statement that finds the strangers, however many former members there are."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from models.privacy.retention import expire
from models.tables import User
from tests.dossier_steps import open_home
from tests.harness import BotHarness, FakeClock
from tests.unit.test_query_counts import counting

START = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
TOLD = "Vous ne faites plus partie de l’équipe de Coop Gamma"


@pytest.fixture
async def world(tmp_path):
    clock = FakeClock(START)
    bot = BotHarness(tmp_path, clock=clock)
    await bot.start()
    yield bot, clock
    await bot.stop()


async def take_off(dana, name: str) -> None:
    await open_home(dana)
    await dana.press("🤝 Mon équipe")
    await dana.press(next(label for label in dana.buttons() if label.startswith("➖") and name in label))
    await dana.press("🗑 Oui, retirer de l’équipe")


async def sweep(harness, clock) -> tuple[dict[str, int], int]:
    """The hourly upkeep at the clock's now: what it did, and how many statements it ran."""
    with counting(harness.database.engine) as counted:
        async with harness.database.transaction() as session:
            done = await expire(session, clock.now)
    return done, len(counted.statements)


async def ids_left(harness) -> set[int]:
    async with harness.database.transaction() as session:
        return {
            user_id
            for user_id in [5400001, 5400002, 5400003, 5400004, 5400005]
            if await session.get(User, user_id)
        }


async def test_a_member_taken_off_a_team_is_kept_and_told_the_silent_stranger_goes(world):
    harness, clock = world
    invitations = await harness.add_coop("Coop Gamma")
    dana = harness.user(5400001, "Dana", "fr")
    await dana.send(f"/start {invitations.direction_token}")
    colleagues = [harness.user(5400002 + n, name, "fr") for n, name in enumerate(("Bob", "Chloé", "Eli"))]
    for colleague in colleagues:
        await colleague.send(f"/start {invitations.member_token}")
    lea = harness.user(5400005, "Léa", "fr")  # never joined a coop
    await lea.send("/start")
    await take_off(dana, "Bob")
    await harness.run_background()

    clock.advance(days=181)  # nobody wrote since but Dana, who writes now
    await open_home(dana)
    done, _ = await sweep(harness, clock)
    assert done["strangers"] == 1  # Léa
    assert await ids_left(harness) == {5400001, 5400002, 5400003, 5400004}
    bob = colleagues[0]
    await bob.send("/dossier")
    assert TOLD in bob.last_text, bob.last_text

    _, one_former = await sweep(harness, clock)  # Bob wrote: nobody silent but the members
    await take_off(dana, "Chloé")
    await take_off(dana, "Eli")
    await harness.run_background()
    clock.advance(days=181)
    await open_home(dana)
    await bob.send("/dossier")  # Bob keeps writing; Chloé and Eli never did since
    done, three_formers = await sweep(harness, clock)
    assert done["strangers"] == 0
    assert await ids_left(harness) == {5400001, 5400002, 5400003, 5400004}
    assert three_formers == one_former  # no statement per person silent
    for colleague in colleagues[1:]:
        await colleague.send("/dossier")
        assert TOLD in colleague.last_text, colleague.last_text
