"""Leaving the bilan's conflict screen by « ⬅️ Retour » gives the typed text back; a reason asked again shows it.

On the conflict screen (« Un collègue a modifié … Laquelle garder ? »), the person's text is stored
nowhere but in the saved position: « ⬅️ Retour », pressed or typed « retour », even after a restart,
sends it back whole in the words of « Garder la sienne », then goes where Back goes (the action, or the
bilan). 🚫 on an action dropped already shows the reason given, « Actuellement : … », with « ✅ Garder »,
as the dossier's questions do for a value that exists.
"""

from __future__ import annotations

from tests.conversations.test_bilan_races import LATE, OTHER, plan, the_action
from tests.conversations.test_bilan_same_text import REASON, changes, two_directors

GIVEN_BACK = "Votre réponse, non enregistrée, suit pour qu’elle ne soit pas perdue\u00a0:"
CAMILLE = "Les réunions de quartier ont été annulées deux fois ; l’enquête a pris du retard."


async def reason_conflict(harness, name: str):
    """Dominique and Camille give the first action two different reasons: Camille is shown both."""
    director, second = await two_directors(harness, name)
    _dossier, _indicators, (first, *_rest) = await plan(harness)
    for who in (director, second):
        await who.press("✅ Actions")
    await director.press("🚫 ")
    await second.press("🚫 ")
    await director.send(REASON)
    await second.send(OTHER)
    assert "Laquelle garder" in second.last_text
    return director, second, first


def given_back(user, text: str) -> bool:
    """The text came back whole, announced as « Garder la sienne » announces it."""
    texts = [m.get("text", "") for m in user.replies]
    return text in texts and texts[texts.index(text) - 1] == GIVEN_BACK


async def test_back_pressed_on_a_reasons_conflict_gives_the_reason_back_and_shows_the_action(world):
    harness, _clock = world
    _director, second, first = await reason_conflict(harness, "Coop Retour Raison")
    await second.press("⬅️ Retour")
    assert given_back(second, OTHER)
    assert "Action 1/8" in second.texts()[-3] and REASON in second.texts()[-3]  # the action as it is now
    assert (await the_action(harness, first)).note == REASON


async def test_retour_typed_on_a_reasons_conflict_after_a_restart_gives_the_reason_back(world):
    harness, _clock = world
    _director, second, first = await reason_conflict(harness, "Coop Retour Tapé")
    await harness.restart()
    await second.send("retour")
    assert given_back(second, OTHER)
    assert (await the_action(harness, first)).note == REASON


async def test_back_on_a_texts_conflict_after_a_restart_gives_the_text_back_and_shows_the_bilan(world):
    harness, _clock = world
    director, second = await two_directors(harness, "Coop Retour Texte")
    await director.press("⚠️ ")
    await second.press("⚠️ ")
    await director.send("Le texte de Dominique.")
    await second.send(CAMILLE)
    assert "Laquelle garder" in second.last_text
    await harness.restart()
    await second.press("⬅️ Retour")
    assert given_back(second, CAMILLE)
    assert "Bilan d’étape" in " ".join(second.texts())


async def test_drop_pressed_again_shows_the_reason_given_and_keep_goes_on_unchanged(world):
    harness, _clock = world
    director, _second = await two_directors(harness, "Coop Raison Gardée")
    _dossier, _indicators, (first, *_rest) = await plan(harness)
    await director.press("✅ Actions")
    await director.press("🚫 ")
    await director.send(REASON)
    await director.press("⬅️ Retour")
    await director.press("✅ Actions")
    await director.press("🚫 ")  # the first action again, dropped already
    said = director.last_text.replace("\u00a0", " ")
    assert "Pourquoi cette action a-t-elle été abandonnée ?" in said
    assert f"Actuellement : {REASON}" in said
    assert "✅ Garder" in director.buttons()
    await director.press("✅ Garder")
    assert "Action 2/8" in director.last_text
    action = await the_action(harness, first)
    assert (action.status, action.note) == ("dropped", REASON)
    assert await changes(harness, "action", "note") == [(director.id, REASON)]
    await director.press("🚫 ")  # the second action, never dropped: asked plainly
    assert "Actuellement" not in director.last_text and "✅ Garder" not in director.buttons()
    await director.send(LATE)
    assert (await the_action(harness, _rest[0])).note == LATE
