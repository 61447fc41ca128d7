"""An action the member went through in the bilan's « ✅ Actions » walk is reviewed for this bilan, as
« ✅ Garder » checks an indicator: « ➡️ Inchangée », or its own state pressed again, counts.

Before, only an action whose state or note changed during the period counted: having walked all 8
actions (4 left unchanged, one confirmed « not started »), the draft said « 3/8 mises à jour » and the
send confirmation « Pas encore revu : … 5 actions non mises à jour », which was untrue."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.conversations.test_bilan_left_to_review import write_texts
from tests.conversations.test_bilans import admissible_coop


async def test_every_action_walked_through_counts_as_reviewed(world):
    harness, clock = world
    director, member, _committee = await admissible_coop(harness, "Coop Marche")
    clock.now = datetime(2027, 5, 10, 8, 0, tzinfo=UTC)
    await director.send("/bilan")
    await director.press("📈 Valeurs")
    for _ in range(8):
        await director.press("✅ Garder")
    await director.press("✅ Actions")
    for _ in range(4):
        await director.press("➡️ Inchangée")
    await director.press("⬜ Pas commencée")  # already not started: confirmed as it is
    for _ in range(3):
        await director.press("⏳ En cours")
    draft = director.last_text
    assert "Actions (8/8 revues)" in draft, draft
    assert "⬜ 5 pas commencées · ⏳ 3 en cours" in draft, draft

    await member.send("/report")  # a colleague reads the same count
    assert "Actions (8/8 reviewed)" in member.last_text, member.last_text

    await write_texts(director)
    await director.press("📤 Envoyer au comité")
    confirmation = director.last_text
    assert "Pas encore revu" not in confirmation and "non mise" not in confirmation, confirmation
    await director.press("📤 Oui, envoyer")
    # the next bilan (12 months) is gone through anew, as its indicators are checked anew
    assert "Actions (0/8 revues)" in director.last_text, director.last_text
    assert harness.errors == []


async def test_an_action_walk_left_halfway_says_what_was_not_reviewed(world):
    harness, clock = world
    director, _member, _committee = await admissible_coop(harness, "Coop Moitie")
    clock.now = datetime(2027, 5, 10, 8, 0, tzinfo=UTC)
    await director.send("/bilan")
    await director.press("✅ Actions")
    await director.press("➡️ Inchangée")
    await director.press("⬜ Pas commencée")
    await director.press("⬅️ Retour")
    assert "Actions (2/8 revues)" in director.last_text, director.last_text
    await write_texts(director)
    await director.press("📤 Envoyer au comité")
    confirmation = director.last_text
    assert "8 indicateurs non vérifiés, 6 actions non revues." in confirmation, confirmation
    assert harness.errors == []
