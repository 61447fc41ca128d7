"""/progres on an action dropped in the bilan (🚫, its reason kept as its note): the note reads as why it
was dropped; a state pressed asks « Reprendre cette action ? » first, saying the reason will be taken off
its note (kept, it read as the reason of the new state); « Oui, reprendre » sets the state, clears the
note and says the reason taken off, so that it is not lost; « Annuler » changes nothing; the « Oui »
pressed again (a double tap) or after a colleague took it up writes nothing more."""

from __future__ import annotations

from sqlmodel import select

from models.dossier.reads import action_of_member
from models.label.bilans import drop_action
from models.tables import Action, AuditEntry, Dossier
from tests.conftest import NOW
from tests.conversations.test_bilans import admissible_coop

REASON = "Le formateur est parti."


async def dropped_first_action(harness) -> int:
    """The plan's first action, dropped in the bilan with its reason (as bilan_walk drops it)."""
    async with harness.database.transaction() as session:
        dossier = (await session.exec(select(Dossier))).one()
        action_id = (await session.exec(select(Action.id).order_by(Action.id))).first()
        action, _i, _d = await action_of_member(session, action_id, dossier.coop_id, for_edit=False)
        await drop_action(session, dossier, action, REASON, None, 1, NOW)
        return action_id


async def the_action(harness, action_id: int) -> tuple[Action, int]:
    """The action as stored, and how many changes of it the audit holds."""
    async with harness.database.transaction() as session:
        changes = await session.exec(
            select(AuditEntry.id).where(AuditEntry.entity == "action", AuditEntry.entity_id == action_id)
        )
        return await session.get(Action, action_id), len(changes.all())


async def test_a_dropped_action_is_taken_up_again_without_its_reason_once_asked(world):
    harness, _clock = world
    director, _member, _committee = await admissible_coop(harness, "Coop Reprise")
    action_id = await dropped_first_action(harness)
    await director.send("/progres")
    await director.press("✅ Actions")
    await director.press("🚫 1 · ")
    said = director.last_text.replace("\u00a0", " ")
    assert f"Raison de l’abandon : {REASON}" in said, said

    await director.press("⏳ En cours")
    said = director.last_text.replace("\u00a0", " ")
    assert said.startswith("↩️ Reprendre cette action ?"), said
    assert f"Elle a été abandonnée dans le bilan : {REASON}" in said
    assert "Elle sera « En cours », et sa note, la raison de son abandon, sera retirée." in said, said
    assert director.buttons() == ["⏳ Oui, reprendre", "Annuler"], director.buttons()
    action, audited = await the_action(harness, action_id)
    assert (action.status, action.note) == ("dropped", REASON)  # asked: nothing changed yet

    await director.press("Annuler")
    assert "Raison de l’abandon" in director.last_text and "🚫" in director.last_text
    await director.press("⏳ En cours")
    confirmation, yes = director.find_button("⏳ Oui, reprendre")
    await director.press("⏳ Oui, reprendre")
    said = director.last_text.replace("\u00a0", " ")
    assert said.startswith(
        f"↩️ Action reprise : ⏳ En cours. La raison de son abandon, retirée de sa note : {REASON}"
    ), said
    action, audited_after = await the_action(harness, action_id)
    assert (action.status, action.note) == ("in_progress", None)
    assert audited_after == audited + 2  # its state and its note, each audited

    await director.press_data(confirmation, yes)  # the double tap: nothing more written
    said = director.reply_text().replace("\u00a0", " ")
    assert "ℹ️ Cette action n’est plus abandonnée : la voici telle qu’elle est." in said, said
    assert harness.errors == [] and (await the_action(harness, action_id))[1] == audited_after


async def test_a_state_pressed_on_an_action_not_dropped_is_set_at_once(world):
    harness, _clock = world
    director, _member, _committee = await admissible_coop(harness, "Coop Directe")
    await director.send("/progres")
    await director.press("✅ Actions")
    await director.press(" 1 · ")
    await director.press("✅ Terminée")
    assert director.last_text.startswith("✅ <b>Plan d’actions</b>") or "Plan d’actions" in director.last_text
    async with harness.database.transaction() as session:
        first = (await session.exec(select(Action).order_by(Action.id))).first()
    assert first.status == "done"
