"""Polled updates (``bot.updates.polling``): the number of a text that stores work is recorded in that
work's own commit, so that Telegram giving it again after a kill is not handled twice; a press or a
command (safe to handle twice, as a double tap) records nothing; what stores nothing commits nothing."""

from __future__ import annotations

from sqlmodel import select

from bot.updates.polling import PolledUpdates
from models.tables import Indicator, ReceivedUpdate
from tests.conversations.test_inbox import committed_transactions
from tests.conversations.test_long_texts import telegram_parts, words
from tests.conversations.test_paste_parts import at_approach, stored_dossier
from tests.conversations.test_reply_to_an_earlier_question import at_step_two, stored
from tests.dossier_steps import join, open_home
from tests.unit.test_query_counts import at_a_new_indicators_title


async def recorded(harness) -> list[int]:
    async with harness.database.transaction() as session:
        return list((await session.exec(select(ReceivedUpdate.update_id))).all())


async def test_a_typed_answer_records_its_update_in_the_commit_that_stores_it(harness):
    camille = await at_a_new_indicators_title(harness, 1401)
    harness.through_polling = lambda: True
    update = camille.fake.user_text(camille.tg, "Délai de relogement")
    with committed_transactions(harness.database.engine) as done:
        await harness.deliver(camille.id, update)
    assert len(done) == 1, done  # one commit, as without polling's mark: the answer and the mark together
    assert any(s.startswith("INSERT INTO receivedupdate") for s in done[0]), done
    assert any(s.startswith("INSERT INTO indicator") for s in done[0]), done
    assert await recorded(harness) == [update["update_id"]]
    assert not harness.application.bot_data.polled.in_hand  # Telegram may be told


async def test_an_update_that_stores_nothing_commits_nothing(harness):
    camille = await join(harness, 1402, "fr")
    harness.through_polling = lambda: True
    update = camille.fake.user_text(camille.tg, "/help")
    with committed_transactions(harness.database.engine) as done:
        await harness.deliver(camille.id, update)
    assert done == [] and "Ce que fait cet assistant" in camille.last_text
    assert await recorded(harness) == [] and not harness.application.bot_data.polled.in_hand


async def test_an_update_recorded_already_has_its_work_rolled_back(harness):
    """Handled before (a second poller slipping through, say): its work is not stored twice."""
    camille = await at_a_new_indicators_title(harness, 1403)
    update = camille.fake.user_text(camille.tg, "Délai de relogement")
    harness.through_polling = lambda: True
    await harness.deliver(camille.id, update)
    polled = harness.application.bot_data.polled
    polled.next = update["update_id"]  # given again, as if the check after a start had missed it
    await harness.deliver(camille.id, update, expect_error=True)
    async with harness.database.transaction() as session:
        assert (await session.exec(select(Indicator.title))).all() == ["Délai de relogement"]


async def test_a_press_that_changes_the_dossier_records_nothing_more(harness):
    """Pressed again after a kill, a choice is a double tap (the choice already made): no mark needed,
    the commit is the change's alone."""
    camille = await join(harness, 1404, "fr")
    await open_home(camille)
    await camille.press("Axe 1")
    harness.through_polling = lambda: True
    with committed_transactions(harness.database.engine) as done:
        await camille.press("⬜ 1 · ")
    assert len(done) == 1 and any(s.startswith("INSERT INTO engagementchoice") for s in done[0]), done
    assert await recorded(harness) == [] and not harness.application.bot_data.polled.in_hand


async def test_a_text_given_again_after_a_kill_shows_where_its_sender_is(harness):
    """Its work was stored, its answer lost with the process: the next question, said to be there
    because the message was saved; the text is not taken a second time."""
    camille = await at_a_new_indicators_title(harness, 1405)
    update = camille.fake.user_text(camille.tg, "Délai de relogement")
    harness.through_polling = lambda: True
    await harness.deliver(camille.id, update)
    asked = camille.last_text
    harness.application.bot_data.polled = PolledUpdates(harness.database)  # the next start's
    await harness.deliver(camille.id, update)  # given again by Telegram
    assert "L’assistant a redémarré juste après votre dernier message" in camille.last_text, camille.last_text
    assert asked.split("\n")[-1] in camille.last_text  # the question they were at
    async with harness.database.transaction() as session:
        assert (await session.exec(select(Indicator.title))).all() == ["Délai de relogement"]
    assert not harness.application.bot_data.polled.resumed


async def test_a_text_that_only_starts_with_a_slash_is_recorded_as_a_text(harness):
    """« / see the minutes… » is no command for Telegram: given again after a kill, it does not answer the
    next question too (found in review)."""
    sam, _ = await at_step_two(harness, 1406)
    harness.through_polling = lambda: True
    update = sam.fake.user_text(sam.tg, "/ see the minutes of 12 May")
    assert not update["message"].get("entities")
    await harness.deliver(sam.id, update)
    harness.application.bot_data.polled = PolledUpdates(harness.database)  # the next start's
    await harness.deliver(sam.id, update)
    dossier = await stored(harness)
    assert dossier.staff_information == "/ see the minutes of 12 May" and dossier.members_information is None


async def test_a_pastes_part_tagged_as_a_command_is_recorded_as_a_part(harness):
    """« /statuts_2024 et la suite » cut by Telegram at the head of a part is one more part, not a command:
    given again after a kill, it is not stored twice (found in review)."""
    camille = await at_approach(harness, 1407)
    harness.through_polling = lambda: True
    text = words(4096, "texte") + "/statuts_2024 et la suite."
    parts = [camille.fake.user_text(camille.tg, part) for part in telegram_parts(text)]
    for part in parts:
        await harness.deliver(camille.id, part)
    harness.application.bot_data.polled = PolledUpdates(harness.database)  # killed before confirming
    for part in parts:
        await harness.deliver(camille.id, part)
    await harness.settle(camille.id)
    assert (await stored_dossier(harness)).approach == text
