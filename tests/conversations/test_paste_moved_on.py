"""A paste whose judging process died is never stored at a question its person moved to since.

The parts of a paste typed at step 3 are claimed by a process that dies before judging them. Its claim
holds until it is taken for gone (behind a webhook, up to the lease; in polling, the next pass), so a
move to step 2 meanwhile cannot take the parts back. They are then judged by another process, at the
position saved at that moment: step 2's. The parts typed before that position was saved were typed at
another question: they come back whole, and step 2's answer stays; a text typed at step 2 after the
move is step 2's answer.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta
from types import SimpleNamespace

import pytest
from sqlmodel import select, update

import conversations.ui.pastes as pastes
from models.tables import Instance, TextPart
from tests.conftest import NOW
from tests.conversations.test_long_texts import telegram_parts, words
from tests.conversations.test_paste_claims import next_process
from tests.conversations.test_paste_parts import at_answers, stored_dossier
from tests.harness import BotHarness, FakeClock

MOVED_ON = "Un redémarrage a interrompu ma lecture de ce texte, et vous avez continué entre-temps"


async def a_paste_whose_judge_died(tmp_path, monkeypatch, clock: FakeClock, user_id: int):
    """Camille pasted 5,000 characters at step 3; the process that claimed them died before judging."""
    killed = BotHarness(tmp_path, clock=clock)
    await killed.start()
    camille = await at_answers(killed, user_id)
    text = words(5000, "etape3")
    for part in telegram_parts(text):
        assert await camille.send(part) == []

    async def dying(application, user_id):  # claimed, then SIGKILL before anything is answered
        raise asyncio.CancelledError

    monkeypatch.setattr(pastes, "context_for_user", dying)
    with pytest.raises(asyncio.CancelledError):
        await killed.settle(camille.id)
    monkeypatch.undo()
    async with killed.database.transaction() as session:
        assert all((await session.exec(select(TextPart.claim))).all())  # claimed, never judged
    return killed, text


async def gone(harness: BotHarness, killed: BotHarness) -> None:
    """The killed instance's heartbeat stopped a lease ago: it is taken for gone."""
    dead = killed.application.bot_data.sending.me.id
    async with harness.database.transaction() as session:
        old = (await session.exec(select(Instance.heartbeat_at).where(Instance.id == dead))).one()
        await session.exec(
            update(Instance).where(Instance.id == dead).values(heartbeat_at=old - timedelta(minutes=1))
        )


def texts_since(harness: BotHarness, user_id: int, before: int) -> list[str]:
    return [m.get("text", "") for m in harness.fake.messages[user_id][before:]]


@pytest.mark.parametrize("webhook", [True, False], ids=["webhook", "polling"])
async def test_a_paste_left_claimed_by_a_dead_process_is_not_stored_at_the_question_moved_to(
    tmp_path, monkeypatch, webhook
):
    """« ⬅️ Retour » to step 2 while step 3's paste is claimed by a dead process: the paste comes back
    whole when its claim is taken again, step 2 keeps its answer and is asked again below it."""
    clock = FakeClock(NOW)
    killed, text = await a_paste_whose_judge_died(tmp_path, monkeypatch, clock, 7301)
    after = await next_process(killed, tmp_path, clock, webhook=webhook)
    try:
        camille = after.user(7301)
        clock.advance(seconds=5)
        await camille.press("⬅️ Retour")
        assert "Étape 2/4" in camille.last_text
        before = len(camille.messages)
        clock.advance(seconds=30)
        await gone(after, killed)
        await pastes.judge_left_parts(SimpleNamespace(application=after.application))
        said = texts_since(after, camille.id, before)
        assert MOVED_ON in said[0] and " ".join(said[1:3]) == text  # whole, cut between two words
        assert "Étape 2/4" in said[-1]  # the question they are at, below, to answer
        dossier = await stored_dossier(after)
        assert dossier.staff_information == "Salariés informés en réunion."  # step 2's answer kept
        assert dossier.members_information is None
        async with after.database.transaction() as session:
            assert (await session.exec(select(TextPart))).all() == []
    finally:
        await after.stop()
        await killed.stop()


async def test_a_text_typed_at_the_question_moved_to_is_its_answer_and_the_paste_comes_back(
    tmp_path, monkeypatch
):
    """Step 2's new answer, typed after the move while the dead process's claim holds, waits with the
    paste (more parts may come): then it is stored at step 2, and the paste of step 3 comes back whole."""
    clock = FakeClock(NOW)
    killed, text = await a_paste_whose_judge_died(tmp_path, monkeypatch, clock, 7302)
    after = await next_process(killed, tmp_path, clock, webhook=True)
    try:
        camille = after.user(7302)
        clock.advance(seconds=5)
        await camille.press("⬅️ Retour")
        clock.advance(seconds=2)
        assert await camille.send("Salariés informés par note.") == []  # waits with the parts
        before = len(camille.messages)
        clock.advance(seconds=30)
        await gone(after, killed)
        await pastes.judge_left_parts(SimpleNamespace(application=after.application))
        said = texts_since(after, camille.id, before)
        assert MOVED_ON in said[0] and " ".join(said[1:3]) == text
        assert "Étape 3/4" in said[-1]  # step 2 answered: the next step
        dossier = await stored_dossier(after)
        assert dossier.staff_information == "Salariés informés par note."
        assert dossier.members_information is None
        async with after.database.transaction() as session:
            assert (await session.exec(select(TextPart))).all() == []
    finally:
        await after.stop()
        await killed.stop()
