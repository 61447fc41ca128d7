"""A draft kept while its closing day passed: its preview says so; « ✅ Open » says it was not opened and
why, asking a new day; « ✏️ Until » does not offer to keep the past day (pressed on an older screen, it
stores nothing in its place: the question again); a day typed then opens it."""

from __future__ import annotations

from sqlmodel import select

from models.tables import Consultation, ConsultationStatus
from tests.conversations.test_consultations import LABELS, open_consultations
from tests.dossier_steps import join


async def draft_closing_on_the_25th(harness, user_id: int):
    director = await join(harness, user_id, "fr", f"Coop {user_id}")
    words = LABELS["fr"]
    await open_consultations(director, words["open"])
    await director.press(words["new"])
    await director.press(words["engagements"])
    await director.press(words["continue"])
    closing = director.last
    await director.send("25/11/2026")
    return director, closing


async def closes_on(harness):
    async with harness.database.transaction() as session:
        return (await session.exec(select(Consultation))).one()


async def test_open_says_the_closing_day_passed_and_asks_another(world):
    harness, clock = world
    director, _closing = await draft_closing_on_the_25th(harness, 4011)
    clock.advance(days=4)  # the 27th
    await open_consultations(director, LABELS["fr"]["open"])
    await director.press("✏️ 1 · ")
    assert (
        "Ce jour ne peut plus être gardé\u00a0: choisissez-en un autre avec ✏️ Date de fin"
        in director.last_text
    ), director.last_text
    await director.press("✅ Ouvrir la consultation")
    said = director.reply_text()
    assert "La consultation n’a pas été ouverte" in said, said
    assert "Sa date de fin, le mercredi 25 novembre 2026, est passée" in said, said
    assert not any(label.startswith("✅ Garder") for label in director.buttons())
    await director.send("15/12/2026")
    await director.press("✅ Ouvrir la consultation")
    assert "La consultation est ouverte" in director.reply_text()
    assert (await closes_on(harness)).status == ConsultationStatus.OPEN


async def test_keep_is_not_offered_for_a_past_day(world):
    harness, clock = world
    director, _closing = await draft_closing_on_the_25th(harness, 4021)
    clock.advance(days=4)
    await open_consultations(director, LABELS["fr"]["open"])
    await director.press("✏️ 1 · ")
    await director.press("✏️ Date de fin")
    assert not any(label.startswith("✅ Garder") for label in director.buttons()), director.buttons()
    assert "est passée" in director.last_text and "Jusqu’à quel jour" in director.last_text


async def test_keep_pressed_once_the_day_came_stores_no_other_day(world):
    harness, clock = world
    director, _closing = await draft_closing_on_the_25th(harness, 4031)
    clock.advance(days=1)  # the 24th: the 25th may still be kept
    await open_consultations(director, LABELS["fr"]["open"])
    await director.press("✏️ 1 · ")
    await director.press("✏️ Date de fin")
    assert "✅ Garder le 25 novembre 2026" in director.buttons()
    clock.advance(days=1)  # the 25th: a consultation opens until tomorrow at the earliest
    await director.press("✅ Garder le 25 novembre 2026")
    assert "est aujourd’hui" in director.last_text and "Jusqu’à quel jour" in director.last_text
    assert "✅ Garder le 25 novembre 2026" not in director.buttons()
    assert str((await closes_on(harness)).closes_on) == "2026-11-25"  # tomorrow not stored silently
