"""« ✏️ Corriger » under the echo of a number or a date stays on the next question while it is asked:
an answer refused there (a date the bot cannot read) asks the question again with it, so the value just
echoed can still be corrected."""

from __future__ import annotations

from tests.conversations.test_editor_terms_changed import indicator, plain, suggested_indicator


async def test_a_refused_date_keeps_the_correct_button_of_the_target(harness):
    sam, _bob = await suggested_indicator(harness, 9932001, 9932002, "fr")
    await sam.send("12,5")
    await sam.send("25")
    assert "✅ Valeur cible : 25 %" in plain(sam.reply_text()), sam.reply_text()
    assert sam.buttons()[0] == "✏️ Corriger", sam.buttons()
    await sam.send("bientôt 2028")  # not a date the bot reads: refused, the question asked again
    assert "⚠️" in sam.reply_text() and "À quelle date la valeur cible" in plain(sam.last_text), (
        sam.reply_text()
    )
    assert sam.buttons()[0] == "✏️ Corriger", sam.buttons()
    assert sam.buttons().count("✏️ Corriger") == 1, sam.buttons()
    await sam.press("✏️ Corriger")
    assert "Quelle valeur cible visez-vous ?" in plain(sam.last_text), sam.last_text
    await sam.send("30")
    assert (await indicator(harness)).target_value == "30"
    assert "À quelle date la valeur cible" in plain(sam.last_text), sam.last_text


async def test_the_correct_button_goes_once_the_question_is_answered(harness):
    sam, _bob = await suggested_indicator(harness, 9932011, 9932012, "en")
    await sam.send("12.5")
    await sam.send("25")
    assert sam.buttons()[0] == "✏️ Correct", sam.buttons()
    await sam.send("12/2028")  # the date taken: the next question has the date's « ✏️ Correct », alone
    assert "✅ Target date: December 2028" in sam.reply_text(), sam.reply_text()
    assert "What action will you carry out" in sam.last_text, sam.last_text
    assert sam.buttons().count("✏️ Correct") == 1, sam.buttons()
    await sam.send("Train the team. " * 70)  # too long: refused, the new action's question asked again
    said = "\n".join(m.get("text", "") for m in await harness.settle(sam.id))
    assert "the limit is 1,000" in said, said
    assert "What action will you carry out" in sam.last_text, sam.last_text
    assert sam.buttons().count("✏️ Correct") == 1, sam.buttons()  # the date's, still
    await sam.press("✏️ Correct")
    assert "By when should the target be reached?" in sam.last_text, sam.last_text
    assert "✏️ Correct" not in sam.buttons(), sam.buttons()  # asked again: nothing echoed above it
    await sam.send("later")  # refused: still nothing to correct above it
    assert "By when should the target be reached?" in sam.last_text, sam.last_text
    assert "✏️ Correct" not in sam.buttons(), sam.buttons()
