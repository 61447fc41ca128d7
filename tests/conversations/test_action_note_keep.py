"""« ✏️ Note » on an action of /progres shows the note it has and offers « ✅ Garder ».

Before: the question read « Votre note sur cette action ? » alone: neither which action it was about nor the
note written before, and no « ✅ Garder » (ux.md: a field with a value shows it and offers to keep it); a
colleague adding a line retyped the whole note from memory, what they typed replacing it. Now the question
names the action as its screen does, shows the note (a long one, such as a drop's reason, cut there and sent
whole in the next message, to copy and correct) and « ✅ Garder » leaves it as it was.
"""

from __future__ import annotations

from models.tables import Action
from tests.conversations.test_bilans import admissible_coop

NOTE = "Deux sessions tenues, une dernière en juin."
LONG_NOTE = "Le partenaire a quitté le projet ; l’atelier reprendra avec la régie de quartier. " * 8


async def first_action_note(harness, director) -> tuple[Action, str]:
    """The plan's first action, opened from /progres « ✅ Actions », and its screen's text."""
    await director.send("/progres")
    await director.press("✅ Actions")
    await director.press("1 · ")
    action_id = int(director.find_button("✏️ Note")[1].split(":")[-1])
    async with harness.database.transaction() as session:
        return await session.get(Action, action_id), director.last_text


async def test_the_note_question_names_the_action_shows_its_note_and_keeps_it(world):
    harness, _clock = world
    director, _member, _committee = await admissible_coop(harness, "Coop Notes")
    action, _screen = await first_action_note(harness, director)
    await director.press("✏️ Note")
    assert "Votre note sur cette action\u00a0?" in director.last_text
    assert action.description in director.last_text and "Plan d’actions · Engagement" in director.last_text
    assert "✅ Garder" not in director.buttons()  # no note yet: nothing to keep
    await director.send(NOTE)
    assert "✅ Note enregistrée." in director.reply_text()

    await director.press("✏️ Note")
    assert f"Actuellement\u00a0: {NOTE}" in director.last_text, director.last_text
    await director.press("✅ Garder")
    assert NOTE in director.last_text and "✏️ Note" in director.buttons()  # back on the action's screen
    async with harness.database.transaction() as session:
        assert (await session.get(Action, action.id)).note == NOTE


async def test_a_long_note_is_shown_cut_then_whole_to_copy(world):
    harness, _clock = world
    director, _member, _committee = await admissible_coop(harness, "Coop Longue Note")
    action, _screen = await first_action_note(harness, director)
    async with harness.database.transaction() as session:
        action = await session.get(Action, action.id)
        action.note = LONG_NOTE.strip()
        session.add(action)
    await director.press("⬅️ Retour")
    await director.press("1 · ")
    await director.press("✏️ Note")
    question, whole = director.texts()[-2:]
    assert "Actuellement\u00a0: Le partenaire a quitté le projet" in question and "…" in question, question
    assert "Le texte actuel complet suit dans le message suivant" in question, question
    assert whole == LONG_NOTE.strip()
    await director.press("✅ Garder")
    async with harness.database.transaction() as session:
        assert (await session.get(Action, action.id)).note == LONG_NOTE.strip()
