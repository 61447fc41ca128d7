"""What a bilan still has to review, in words: the draft counts the actions reviewed (updated, or gone
through in its walk) as it counts the indicators checked, the send confirmation names what was not
reviewed (sending stays allowed), and /progres says each indicator's actions' states in words, not in
bare marks."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.conversations.test_bilans import admissible_coop


async def write_texts(director) -> None:
    """The two texts a bilan needs before it is sent (French)."""
    await director.press("⚠️ Difficultés")
    await director.send("Peu de locataires aux réunions.")
    await director.press("🤝 Aide souhaitée")
    await director.press("🙅 ")


async def test_the_draft_counts_the_actions_reviewed_and_the_confirmation_names_what_is_left(world):
    harness, clock = world
    director, member, _committee = await admissible_coop(harness, "Coop Revue")
    clock.now = datetime(2027, 5, 10, 8, 0, tzinfo=UTC)
    await director.send("/bilan")
    draft = director.last_text
    assert "✅ Actions (0/8 revues)" in draft, draft
    assert "⬜ 8 pas commencées" in draft and "⬜ ⬜" not in draft, draft

    await director.press("✅ Actions")
    await director.press("⏳ En cours")  # the first action's state: updated
    await director.press("➡️ ")  # the second one left as it was: gone through, reviewed too
    await director.press("⬅️ Retour")
    await director.press("📈 Valeurs")
    await director.press("✅ Garder")  # one indicator checked
    await director.press("⬅️ Retour")
    draft = director.last_text
    assert "✅ Actions (2/8 revues)" in draft and "Indicateurs (1/8 vérifiés)" in draft, draft
    assert "⬜ 7 pas commencées · ⏳ 1 en cours" in draft, draft

    await write_texts(director)
    await director.press("📤 Envoyer au comité")
    confirmation = director.last_text
    assert "7 indicateurs non vérifiés, 6 actions non revues" in confirmation, confirmation
    assert confirmation.index("non revues") < confirmation.index("Envoyer le bilan"), confirmation
    await director.press("📤 Oui, envoyer")  # a bilan may be sent as it is
    assert "Le bilan a été envoyé au comité de validation." in " ".join(director.texts()[-2:])

    await member.send("/progress")  # an English reader: the same count in English words
    assert "Actions: ⬜ 1 not started" in member.last_text and "Actions: ⏳ 1 in progress" in member.last_text


async def test_an_action_updated_in_progress_counts_and_nothing_left_says_nothing(world):
    harness, clock = world
    director, member, _committee = await admissible_coop(harness, "Coop Progres")
    clock.now = datetime(2027, 4, 2, 8, 0, tzinfo=UTC)
    await member.send("/progress")
    progress = member.last_text
    assert "Actions: ⬜ 1 not started" in progress, progress
    assert not any(
        line.strip() and set(line.split()) <= {"⬜", "⏳", "✅", "🚫"} for line in progress.split("\n")
    )
    await member.press("✅ Actions")
    await member.press("⬜ 1 · ")
    await member.press("✅ Done")  # an action updated from /progres, a month before the bilan
    clock.now = datetime(2027, 5, 10, 8, 0, tzinfo=UTC)
    await member.send("/bilan")
    assert "✅ Actions (1/8 reviewed)" in member.last_text, member.last_text
    assert "⬜ 7 not started · ✅ 1 done" in member.last_text, member.last_text

    await director.send("/bilan")
    await director.press("✅ Actions")
    for _ in range(8):
        await director.press("⏳ En cours")
    await director.press("📈 Valeurs")
    for _ in range(8):
        await director.press("✅ Garder")
    await write_texts(director)
    await director.press("📤 Envoyer au comité")
    confirmation = director.last_text
    assert "non vérifié" not in confirmation and "non revue" not in confirmation, confirmation
    assert "Envoyer le bilan" in confirmation
