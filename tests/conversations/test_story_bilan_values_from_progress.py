"""An indicator's value updated in /progres counts as checked in the bilan, as an action updated there counts
as reviewed.

Before: the reminder says « Mettez à jour vos indicateurs et vos actions avant cette date avec /progres »;
a colleague updated two values and one action there, and the direction's /bilan read « Indicateurs (0/8
vérifiés) » beside « Actions (1/8 revues) », then « 8 indicateurs non vérifiés » when sending. Now a value
set since the period began (the dossier's submission, then the last bilan sent) is checked: « 2/8 »."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.conversations.test_bilan_left_to_review import write_texts
from tests.conversations.test_bilans import admissible_coop


async def update_in_progress(member, values: list[str]) -> None:
    """/progress (English): the first indicators' values typed, the others kept, then the walk's end."""
    await member.send("/progress")
    await member.press("✏️ Update")
    for value in values:
        await member.send(value)
    for _ in range(8 - len(values)):
        await member.press("✅ Keep")


async def test_values_updated_in_progress_count_as_checked_in_the_bilan(world):
    harness, clock = world
    director, member, _committee = await admissible_coop(harness, "Coop Suivi")
    clock.now = datetime(2027, 5, 10, 8, 0, tzinfo=UTC)
    await update_in_progress(member, ["20", "15"])
    await member.press("✅ Actions")
    await member.press("⬜ 1 · ")
    await member.press("⏳ In progress")

    await director.send("/bilan")
    draft = director.last_text
    assert "Indicateurs (2/8 vérifiés)" in draft and "Actions (1/8 revues)" in draft, draft
    await write_texts(director)
    await director.press("📤 Envoyer au comité")
    confirmation = director.last_text
    assert "6 indicateurs non vérifiés, 7 actions non revues" in confirmation, confirmation


async def test_values_set_before_the_last_bilan_do_not_count_for_the_next(world):
    harness, clock = world
    director, member, _committee = await admissible_coop(harness, "Coop Suivante")
    clock.now = datetime(2027, 5, 10, 8, 0, tzinfo=UTC)
    await update_in_progress(member, ["20"])
    clock.now = datetime(2027, 5, 11, 8, 0, tzinfo=UTC)
    await director.send("/bilan")
    await write_texts(director)
    await director.press("📤 Envoyer au comité")
    await director.press("📤 Oui, envoyer")

    clock.now = datetime(2027, 10, 4, 8, 0, tzinfo=UTC)  # the 12-month bilan: its period began at the send
    await director.send("/bilan")
    assert "12 mois" in director.last_text and "Indicateurs (0/8 vérifiés)" in director.last_text
    await update_in_progress(member, ["21"])
    await director.send("/bilan")
    assert "Indicateurs (1/8 vérifiés)" in director.last_text, director.last_text
