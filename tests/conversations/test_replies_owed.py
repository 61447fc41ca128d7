"""An answer stored, its reply (the next question) lost with the process that stored it: whoever goes on
shows the person where they are, once, and never handles the answer again.

Through the webhook, the kept update is marked handled in its work's transaction instead of forgotten
there, and forgotten at the beat after its reply; an instance taking over a gone one's handled updates
shows their senders the screen they are at (« The assistant restarted just after your last message »),
unless they wrote since. A paste's parts are emptied in its answer's transaction and dropped after its
reply: emptied parts a dead process left are shown the same way. Before, the update and the parts went
with the work: nothing told the next process that a reply was owed, and the person saw nothing, their
next message taken as the answer to a question they had never been asked.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta
from types import SimpleNamespace

import pytest
from sqlmodel import select, update

from conversations.ui.pastes import judge_left_parts
from models.tables import Indicator, Instance, TextPart, UnhandledUpdate
from tests.conftest import NOW
from tests.conversations.test_inbox import replay, still_kept
from tests.conversations.test_long_texts import at_rationale, telegram_parts, words
from tests.conversations.test_paste_claims import killed_in_the_refusal, next_process
from tests.harness import BotHarness, FakeClock
from tests.unit.test_query_counts import at_a_new_indicators_title

RESUMED = "ℹ️ L’assistant a redémarré juste après votre dernier message. Voici où vous en êtes."
RESUMED_EN = "ℹ️ The assistant restarted just after your last message. Here is where you are now."
TITLE = "Délai de relogement"


async def gone(harness: BotHarness, instance: str) -> None:
    """An instance's heartbeat stopped a lease ago: it is gone."""
    async with harness.database.transaction() as session:
        old = (await session.exec(select(Instance.heartbeat_at).where(Instance.id == instance))).one()
        await session.exec(
            update(Instance).where(Instance.id == instance).values(heartbeat_at=old - timedelta(minutes=1))
        )


async def titles(harness: BotHarness) -> list[str]:
    async with harness.database.transaction() as session:
        return list((await session.exec(select(Indicator.title))).all())


async def killed_after_storing(tmp_path, monkeypatch, clock: FakeClock, user_id: int):
    """Behind a webhook, an instance stored Camille's indicator title and died sending the next question."""
    killed = BotHarness(tmp_path, clock=clock)
    await killed.start()
    camille = await at_a_new_indicators_title(killed, user_id)
    killed.through_webhook = lambda: True
    killed_in_the_refusal(monkeypatch)  # (the first sendMessage, whatever it says)
    with pytest.raises(asyncio.CancelledError):
        await camille.send(TITLE)
    monkeypatch.undo()
    assert await titles(killed) == [TITLE]
    other = await next_process(killed, tmp_path, clock, webhook=True)
    return killed, other


async def test_the_instance_taking_over_shows_where_they_are_once(tmp_path, monkeypatch):
    clock = FakeClock(NOW)
    killed, other = await killed_after_storing(tmp_path, monkeypatch, clock, 3201)
    try:
        assert await replay(other) == []  # its instance may be alive yet: left to it
        await gone(other, killed.application.bot_data.sending.me.id)
        before = len(other.fake.messages[3201])
        await replay(other)
        said = [m["text"] for m in other.fake.messages[3201][before:]]
        assert len(said) == 1 and said[0].startswith(RESUMED) and TITLE in said[0], said
        assert await replay(other) == [] and len(other.fake.messages[3201]) == before + 1  # once
        assert await still_kept(other) == [] and await titles(other) == [TITLE]
    finally:
        await other.stop()
        await killed.stop()


async def test_nothing_is_shown_to_someone_who_wrote_since(tmp_path, monkeypatch):
    """They sent /dossier to the other instance, answered with their home: their reply is not owed."""
    clock = FakeClock(NOW)
    killed, other = await killed_after_storing(tmp_path, monkeypatch, clock, 3202)
    try:
        other.through_webhook = lambda: True
        camille = other.user(3202)
        await camille.send("/dossier")
        await gone(other, killed.application.bot_data.sending.me.id)
        before = len(other.fake.calls)
        await replay(other)
        assert [c.method for c in other.fake.calls[before:]] == []
        await replay(other)
        assert await still_kept(other) == []
    finally:
        await other.stop()
        await killed.stop()


async def test_a_reply_that_went_out_is_followed_by_nothing(tmp_path):
    """The normal flow: answered, forgotten at the instance's next beat; it dies later: nothing owed."""
    clock = FakeClock(NOW)
    first = BotHarness(tmp_path, clock=clock)
    await first.start()
    other = None
    try:
        camille = await at_a_new_indicators_title(first, 3203)
        first.through_webhook = lambda: True
        await camille.send(TITLE)
        async with first.database.transaction() as session:  # its reply owed until the beat
            assert (await session.exec(select(UnhandledUpdate.body))).all() == [""]
        assert await replay(first) == []  # the beat
        assert await still_kept(first) == []
        other = await next_process(first, tmp_path, clock, webhook=True)
        await gone(other, first.application.bot_data.sending.me.id)
        before = len(other.fake.calls)
        await replay(other)
        assert [c.method for c in other.fake.calls[before:]] == []
    finally:
        if other is not None:
            await other.stop()
        await first.stop()


async def test_a_paste_stored_by_a_process_killed_before_its_reply(tmp_path, monkeypatch):
    """Polling: the paste judged and stored, the process killed sending the next question: the next
    process's first pass shows where they are, once; the text is stored once, nothing left waiting."""
    clock = FakeClock(NOW)
    killed = BotHarness(tmp_path, clock=clock)
    await killed.start()
    sam = await at_rationale(killed, 3204)
    text = words(5000)
    for part in telegram_parts(text):
        assert await sam.send(part) == []
    killed_in_the_refusal(monkeypatch)  # (the next question: the first sendMessage)
    with pytest.raises(asyncio.CancelledError):
        await killed.settle(sam.id)
    monkeypatch.undo()
    after = await next_process(killed, tmp_path, clock, webhook=False)
    try:
        async with after.database.transaction() as session:
            assert (await session.exec(select(TextPart.text))).all() == ["", ""]  # emptied, not dropped
        before = len(after.fake.messages[sam.id])
        clock.advance(seconds=10)
        await judge_left_parts(SimpleNamespace(application=after.application))
        said = [m["text"] for m in after.fake.messages[sam.id][before:]]
        assert len(said) == 1 and said[0].startswith(RESUMED_EN), said
        await judge_left_parts(SimpleNamespace(application=after.application))  # the pass again: nothing
        assert len(after.fake.messages[sam.id]) == before + 1
        async with after.database.transaction() as session:
            assert (await session.exec(select(Indicator.rationale))).one() == text
            assert (await session.exec(select(TextPart))).all() == []
    finally:
        await after.stop()
        await killed.stop()


async def test_behind_a_webhook_a_paste_stored_before_a_kill_is_shown_once(tmp_path, monkeypatch):
    """Its parts' updates owe nothing of their own (forgotten with each part: the paste's judging answers
    them): the other instance's pass shows where they are once, and its replay nothing more."""
    clock = FakeClock(NOW)
    killed = BotHarness(tmp_path, clock=clock)
    await killed.start()
    sam = await at_rationale(killed, 3205)
    killed.through_webhook = lambda: True
    for part in telegram_parts(words(5000)):
        assert await sam.send(part) == []
    assert await still_kept(killed) == []  # forgotten with each part
    killed_in_the_refusal(monkeypatch)  # (the next question: the first sendMessage)
    with pytest.raises(asyncio.CancelledError):
        await killed.settle(sam.id)
    monkeypatch.undo()
    other = await next_process(killed, tmp_path, clock, webhook=True)
    try:
        await gone(other, killed.application.bot_data.sending.me.id)
        before = len(other.fake.messages[sam.id])
        clock.advance(seconds=10)
        await judge_left_parts(SimpleNamespace(application=other.application))
        await replay(other)
        said = [m["text"] for m in other.fake.messages[sam.id][before:]]
        assert len(said) == 1 and said[0].startswith(RESUMED_EN), said
    finally:
        await other.stop()
        await killed.stop()
