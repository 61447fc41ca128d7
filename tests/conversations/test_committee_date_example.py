"""The committee's date question offers examples it accepts (ux.md: an example is a valid answer): « hier »
only when yesterday is not before the day the decision may not precede (the submission)."""

from __future__ import annotations

from tests.conversations.test_decision_resubmitted import two_deciders


async def admissibility_date_question(harness):
    """A dossier submitted now; a committee member declares it admissible, at the date question."""
    _director, committee, _second = await two_deciders(harness, "Coop Reprise")
    await committee.press("✅ Déclarer recevable")
    await committee.send("Recevable.")
    assert "À quelle date" in committee.last_text, committee.last_text
    return committee


async def test_a_dossier_submitted_today_is_not_offered_yesterday(harness):
    committee = await admissibility_date_question(harness)
    question = committee.last_text
    assert "hier" not in question, question
    assert "ex. " in question, question
    await committee.send("hier")  # typed all the same: refused, with the reason
    assert "ne peut pas être datée plus tôt" in committee.reply_text(), committee.reply_text()


async def test_yesterday_is_offered_once_it_is_an_answer_the_question_accepts(world):
    harness, clock = world
    _director, committee, _second = await two_deciders(harness, "Coop Reprise")
    clock.advance(days=2)
    await committee.send("/comite")
    await committee.press("Coop Reprise")
    await committee.press("✅ Déclarer recevable")
    await committee.send("Recevable.")
    assert "« hier »" in committee.last_text.replace("\u00a0", " "), committee.last_text
    await committee.send("hier")
    assert "ne peut pas être datée plus tôt" not in committee.reply_text(), committee.reply_text()
    assert "Confirm" in " ".join(committee.buttons()), committee.last_text
