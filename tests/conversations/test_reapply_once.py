"""A label refused after the visit is applied for again once, as cycle 2, however many presses: the
confirmation pressed twice (a double tap), a second direction member on the same old screen, or both at
once on two instances (PostgreSQL). Cycle 1 stays « refused », so its status alone let the second press
through: it made cycle 2 again (IntegrityError on UNIQUE(dossier.coop_id, dossier.cycle), « Une erreur
inattendue »). Checked with cycle 1 held, the second is told the new candidacy is already being prepared
and shown its dossier; nothing more is written."""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager

from sqlmodel import select

from conversations.dossier import home
from models.tables import AuditEntry, Dossier, DossierStatus
from tests.conversations.test_label_decision import visited_coop
from tests.conversations.test_label_journey import decide
from tests.databases import needs_postgres
from tests.harness import BotHarness
from tests.races import all_read_first

ALREADY = "Une nouvelle candidature (cycle 2) est déjà en préparation\u00a0: voici son dossier."
MADE = "Un nouveau dossier (cycle 2) est prêt"


async def refused_after_visit(harness):
    """Coop Horizon's label refused after its visit: its director, on the refused home; the committee."""
    director, committee = await visited_coop(harness)
    await decide(committee, "Coop Horizon", "⛔ Ne pas attribuer le label", "Pas encore.", "21/11/2026")
    await director.send("/dossier")
    return director, committee


async def cycles(harness) -> list[tuple[int, str]]:
    async with harness.database.transaction() as session:
        return [(d.cycle, d.status) for d in (await session.exec(select(Dossier).order_by(Dossier.cycle)))]


async def reapplied(harness) -> int:
    """How many times the audit says a new candidacy was prepared."""
    async with harness.database.transaction() as session:
        return len((await session.exec(select(AuditEntry).where(AuditEntry.action == "reapply"))).all())


async def first_dossier_id(harness) -> int:
    async with harness.database.transaction() as session:
        return (await session.exec(select(Dossier.id).where(Dossier.cycle == 1))).one()


def said(user) -> str:
    """What the user's last action answered: a pop-up, the messages sent or edited."""
    return " ".join([*user.alerts, user.reply_text()])


def assert_led_to_cycle_2(user) -> None:
    told = said(user)
    assert ALREADY in told and "erreur" not in told.lower(), told
    assert "Cycle 2" in user.last_text and "Préparer une nouvelle candidature" not in user.last_text, told
    assert "📝 Préparer une nouvelle candidature" not in user.buttons(), user.buttons()


async def test_the_confirmation_pressed_twice_makes_one_new_cycle(world):
    harness, _clock = world
    director, _committee = await refused_after_visit(harness)
    await director.press("📝 Préparer une nouvelle candidature")
    confirmation = director.last
    await director.press("✅ Confirmer")
    assert MADE in director.last_text

    # the same confirmation pressed again (a double tap, a slow answer)
    await director.press_data(confirmation, f"rfn:{await first_dossier_id(harness)}:1")
    assert_led_to_cycle_2(director)
    assert await cycles(harness) == [(1, DossierStatus.REFUSED), (2, DossierStatus.DRAFT)]
    assert await reapplied(harness) == 1


async def with_a_second_direction(harness):
    """The refused coop's director and a second direction member, each on the refused home."""
    director, _committee = await refused_after_visit(harness)
    colleague = harness.user(702, "Alix", "fr")
    await colleague.send(f"/start {director.invitations.direction_token}")
    await colleague.send("/dossier")
    assert "📝 Préparer une nouvelle candidature" in colleague.buttons(), colleague.last_text
    return director, colleague


async def test_a_second_direction_member_confirming_on_the_old_screen_is_led_to_the_new_cycle(world):
    harness, _clock = world
    director, colleague = await with_a_second_direction(harness)
    await colleague.press("📝 Préparer une nouvelle candidature")  # both on the confirmation
    await director.press("📝 Préparer une nouvelle candidature")
    await director.press("✅ Confirmer")
    assert MADE in director.last_text

    await colleague.press("✅ Confirmer")
    assert_led_to_cycle_2(colleague)
    assert await cycles(harness) == [(1, DossierStatus.REFUSED), (2, DossierStatus.DRAFT)]
    assert await reapplied(harness) == 1


async def test_the_refused_home_left_open_no_longer_offers_the_cycle_made_meanwhile(world):
    """The second direction member still on cycle 1's refused home: « 📝 » no longer asks to confirm a
    « new dossier (cycle 2) » that a colleague made a moment ago."""
    harness, _clock = world
    director, colleague = await with_a_second_direction(harness)
    await director.press("📝 Préparer une nouvelle candidature")
    await director.press("✅ Confirmer")
    assert MADE in director.last_text

    await colleague.press("📝 Préparer une nouvelle candidature")
    assert_led_to_cycle_2(colleague)
    assert "✅ Confirmer" not in colleague.buttons() and "cycle 3" not in said(colleague)
    assert await reapplied(harness) == 1


@asynccontextmanager
async def second_instance(harness, tmp_path):
    """Another bot process on the same database."""
    (tmp_path / "other").mkdir()
    other = BotHarness(tmp_path / "other", clock=harness.clock, database_url=harness.database_url)
    await other.start()
    try:
        yield other
    finally:
        await other.stop()


@needs_postgres
async def test_two_directions_confirming_at_once_on_two_instances_make_one_new_cycle(
    world, tmp_path, monkeypatch
):
    harness, _clock = world
    director, _committee = await refused_after_visit(harness)
    async with second_instance(harness, tmp_path) as other:
        colleague = other.user(702, "Alix", "fr")
        await colleague.send(f"/start {director.invitations.direction_token}")
        for user in (director, colleague):
            await user.send("/dossier")
            await user.press("📝 Préparer une nouvelle candidature")
        all_read_first(monkeypatch, 2, (home, "dossier_of_member"))  # both read cycle 1 before either writes
        await asyncio.gather(director.press("✅ Confirmer"), colleague.press("✅ Confirmer"))
        monkeypatch.undo()
        told = [said(director), said(colleague)]
    made, led = sorted(told, key=lambda text: ALREADY in text)
    assert MADE in made and ALREADY not in made, told
    assert ALREADY in led and MADE not in led and "erreur" not in led.lower(), told
    assert await cycles(harness) == [(1, DossierStatus.REFUSED), (2, DossierStatus.DRAFT)]
    assert await reapplied(harness) == 1
