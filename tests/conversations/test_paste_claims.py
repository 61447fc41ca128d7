"""A paste the bot refuses comes back whole when the process judging it dies while saying so.

The parts are claimed, the refusal is sent, and only then are the parts dropped: a process killed in
between leaves them claimed. The next process (in polling, started after the killed one; behind a
webhook, any instance once the killed one is gone) takes them again at once and refuses them again:
the warning may come twice, the text never stays lost. A kill is a CancelledError raised in the
refusal's send: nothing of that process runs after it, and its instance row stays, its heartbeat
recent, as a SIGKILL leaves it.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta
from types import SimpleNamespace

import pytest
from sqlmodel import select, update

from conversations.ui.pastes import judge_left_parts
from models.tables import AuditEntry, Indicator, Instance, TextPart
from tests.conftest import NOW
from tests.conversations.test_long_texts import at_rationale, telegram_parts, words
from tests.fakes import FakeRequest
from tests.harness import BotHarness, FakeClock

TOO_LONG = "Your text has 9,000 characters; the limit is 6,000."


def killed_in_the_refusal(monkeypatch) -> None:
    """The process dies (nothing runs after it) in its first sendMessage: the « too long » warning."""
    original = FakeRequest.do_request

    async def dying(self, url, method, request_data=None, *args, **kwargs):
        if url.endswith("/sendMessage"):
            raise asyncio.CancelledError  # SIGKILL, as far as this process goes
        return await original(self, url, method, request_data, *args, **kwargs)

    monkeypatch.setattr(FakeRequest, "do_request", dying)


async def a_refusal_killed(tmp_path, monkeypatch, clock: FakeClock, user_id: int):
    """A member at a question pasted 9,000 characters; the process judging them died saying « too long »."""
    killed = BotHarness(tmp_path, clock=clock)
    await killed.start()
    sam = await at_rationale(killed, user_id)
    text = words(9000)
    for part in telegram_parts(text):
        assert await sam.send(part) == []
    killed_in_the_refusal(monkeypatch)
    with pytest.raises(asyncio.CancelledError):
        await killed.settle(sam.id)
    monkeypatch.undo()
    async with killed.database.transaction() as session:
        claims = (await session.exec(select(TextPart.claim))).all()
    assert len(claims) == 3 and all(claims)  # claimed, never dropped
    return killed, sam, text


async def next_process(killed: BotHarness, tmp_path, clock: FakeClock, *, webhook: bool) -> BotHarness:
    """The process started after the killed one, on the same database and the same Telegram."""
    after = BotHarness(tmp_path, clock=clock, database_url=killed.database_url)
    after.fake = killed.fake
    await after.start()
    if webhook:
        after.application.bot_data.webhook_secret = "behind-a-load-balancer"
    return after


async def given_back(harness: BotHarness, user_id: int, before: int) -> list[str]:
    """The texts the chat received since ``before`` messages, with nothing left waiting, nothing stored."""
    async with harness.database.transaction() as session:
        assert (await session.exec(select(TextPart))).all() == []
        assert (await session.exec(select(Indicator.rationale))).one() is None
    return [m["text"] for m in harness.fake.messages[user_id][before:]]


async def test_a_refused_paste_whose_process_died_comes_back_at_once_after_a_restart(tmp_path, monkeypatch):
    """Polling: restarted within seconds (the killed process's heartbeat still recent), its claim is
    taken again by the first pass, not 2 minutes later; the warning and the whole text, once."""
    clock = FakeClock(NOW)
    killed, sam, text = await a_refusal_killed(tmp_path, monkeypatch, clock, 3101)
    after = await next_process(killed, tmp_path, clock, webhook=False)
    try:
        before = len(after.fake.messages[sam.id])
        clock.advance(seconds=10)
        await judge_left_parts(SimpleNamespace(application=after.application))
        said = await given_back(after, sam.id, before)
        assert TOO_LONG in said[0] and " ".join(said[1:-1]) == text
        assert "Why does this indicator illustrate" in said[-1]
        await judge_left_parts(SimpleNamespace(application=after.application))  # the pass again: nothing
        assert len(after.fake.messages[sam.id]) == before + len(said)
    finally:
        await after.stop()
        await killed.stop()


async def test_behind_a_webhook_the_claim_of_a_dead_instance_is_taken_once_it_is_gone(tmp_path, monkeypatch):
    """Several instances: a live instance's claim is left to it; once its heartbeat is old (gone), the
    next pass of any other instance refuses the paste again and gives it back whole."""
    clock = FakeClock(NOW)
    killed, sam, text = await a_refusal_killed(tmp_path, monkeypatch, clock, 3102)
    other = await next_process(killed, tmp_path, clock, webhook=True)
    try:
        before = len(other.fake.messages[sam.id])
        clock.advance(seconds=10)
        await judge_left_parts(SimpleNamespace(application=other.application))
        assert len(other.fake.messages[sam.id]) == before  # maybe still judging them: its claim
        dead = killed.application.bot_data.sending.me.id
        async with other.database.transaction() as session:  # its heartbeat stopped a lease ago
            old = (await session.exec(select(Instance.heartbeat_at).where(Instance.id == dead))).one()
            await session.exec(
                update(Instance).where(Instance.id == dead).values(heartbeat_at=old - timedelta(minutes=1))
            )
        await judge_left_parts(SimpleNamespace(application=other.application))
        said = await given_back(other, sam.id, before)
        assert TOO_LONG in said[0] and " ".join(said[1:-1]) == text
    finally:
        await other.stop()
        await killed.stop()


async def test_a_message_sent_after_the_crash_waits_with_the_paste_left_claimed(tmp_path, monkeypatch):
    """The person, answered nothing, types a word: it is not stored alone as the answer while their
    paste is left claimed; they are judged together (too long) and come back whole."""
    clock = FakeClock(NOW)
    killed, _, text = await a_refusal_killed(tmp_path, monkeypatch, clock, 3103)
    after = await next_process(killed, tmp_path, clock, webhook=False)
    try:
        sam = after.user(3103, language_code="en")
        clock.advance(seconds=10)
        assert await sam.send("Hello?") == []  # one more part: the bot is reading
        before = len(after.fake.messages[sam.id])
        clock.advance(seconds=10)
        await judge_left_parts(SimpleNamespace(application=after.application))
        said = await given_back(after, sam.id, before)
        assert "Your text has 9,007 characters" in said[0]
        assert " ".join(said[1:-1]) == text + "\nHello?"
    finally:
        await after.stop()
        await killed.stop()


async def test_parts_taken_over_from_a_process_still_judging_them_are_stored_once(tmp_path, monkeypatch):
    """A process frozen between its claim and its answer (taken for stopped) wakes up after the next one
    stored the answer: its own answer is rolled back, the text is stored once."""
    import conversations.ui.pastes as pastes

    clock = FakeClock(NOW)
    frozen = BotHarness(tmp_path, clock=clock)
    await frozen.start()
    after = await next_process(frozen, tmp_path, clock, webhook=False)
    try:
        sam = await at_rationale(frozen, 3104)
        text = words(5000)
        for part in telegram_parts(text):
            await sam.send(part)
        clock.advance(seconds=10)
        original, judged = pastes.context_for_user, []

        async def frozen_meanwhile(application, user_id):
            if application is frozen.application:  # claimed, not answered yet: the next process judges
                judged.append(await pastes.judge_waiting(after.application, user_id))
            return await original(application, user_id)

        monkeypatch.setattr(pastes, "context_for_user", frozen_meanwhile)
        assert await pastes.judge_waiting(frozen.application, sam.id) is False
        assert judged == [True]
        async with after.database.transaction() as session:
            assert (await session.exec(select(Indicator.rationale))).one() == text
            audit = (await session.exec(select(AuditEntry).where(AuditEntry.field == "rationale"))).all()
            assert len(audit) == 1 and (await session.exec(select(TextPart))).all() == []
    finally:
        await after.stop()
        await frozen.stop()
