"""Once the renewal is admissible, the follow-up acts on cycle 2 only: cycle 1 is closed (RENEWED), what
the renewal is judged against, and no button naming one of its actions or indicators changes it (a
forged or replayed one, or a question left open across the renewal), refused as another coop's row is."""

from __future__ import annotations

from sqlmodel import select

from models.tables import Action, Dossier, DossierStatus, Indicator
from tests.conversations.test_committee_next_cycle import renewed_coop
from tests.conversations.test_label_decision import visited_coop
from tests.conversations.test_label_journey import decide
from tests.submitted_rows import complete_content

NOT_YOURS = "Ce bouton ne concerne pas le dossier de votre coopérative, ou ce qu’il désignait a été supprimé."


async def admissible_cycle_2(harness) -> None:
    """Cycle 2 completed and declared admissible (its progress followed)."""
    async with harness.database.transaction() as session:
        second = (await session.exec(select(Dossier).where(Dossier.cycle == 2))).one()
        await complete_content(session, second)
        second.status = DossierStatus.ADMISSIBLE
        second.admissible_on = second.created_at.date()
        session.add(second)


async def actions_of_cycle(harness, cycle: int) -> dict[int, Action]:
    async with harness.database.transaction() as session:
        dossier = (await session.exec(select(Dossier).where(Dossier.cycle == cycle))).one()
        indicators = (await session.exec(select(Indicator).where(Indicator.dossier_id == dossier.id))).all()
        found = await session.exec(select(Action).where(Action.indicator_id.in_([i.id for i in indicators])))
        return {a.id: a for a in found.all()}


async def test_a_state_button_naming_cycle_1_s_action_is_refused_and_changes_nothing(world):
    harness, clock = world
    director, _committee = await renewed_coop(harness, clock)
    await admissible_cycle_2(harness)
    old = next(iter((await actions_of_cycle(harness, 1)).values()))
    assert old.status == "not_started"

    await director.send("/progres")
    await director.press("✅ Actions")
    for forged in (f"pgs:{old.id}", f"ast:{old.id}:d", f"ast:{old.id}:rp"):
        await director.press_data(director.last, forged)
        assert director.alerts == [NOT_YOURS], (forged, director.alerts)
    assert (await actions_of_cycle(harness, 1))[old.id].status == "not_started"  # as cycle 1 closed

    # cycle 2's own actions still change from the same screen
    await director.send("/progres")
    await director.press("✅ Actions")
    await director.press("1 ·")
    await director.press("✅ Terminée")
    assert sorted(a.status for a in (await actions_of_cycle(harness, 2)).values())[0] == "done"


async def test_a_note_on_cycle_1_s_action_is_refused(world):
    harness, clock = world
    director, _committee = await renewed_coop(harness, clock)
    await admissible_cycle_2(harness)
    old = next(iter((await actions_of_cycle(harness, 1)).values()))

    await director.send("/progres")
    await director.press("✅ Actions")
    await director.press_data(director.last, f"pgn:{old.id}")
    assert director.alerts == [NOT_YOURS]
    await director.send("Note écrite dans le cycle 2")
    assert (await actions_of_cycle(harness, 1))[old.id].note is None


async def test_a_note_asked_in_cycle_1_and_typed_once_cycle_2_is_followed_does_not_land_in_cycle_1(world):
    """The question « Your note on this action? » left open while the renewal opened and was declared
    admissible: the text typed then is refused (and given back), cycle 1's action keeps its note."""
    harness, clock = world
    director, committee = await visited_coop(harness)
    await decide(committee, "Coop Horizon", "🏅", "Label accordé.", "22/11/2026")
    await director.send("/progres")
    await director.press("✅ Actions")
    await director.press("1 ·")
    await director.press("✏️ Note")
    clock.advance(days=365 * 3 + 5)
    await decide(committee, "Coop Horizon", "🔄", "Place au cycle 2.")
    await admissible_cycle_2(harness)

    await director.send("Note tapée après le renouvellement")
    assert all(a.note is None for a in (await actions_of_cycle(harness, 1)).values())
    assert "Note tapée après le renouvellement" in director.reply_text()  # not lost: handed back
