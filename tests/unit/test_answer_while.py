"""``answer_while``: a press's screen drawn in the update's own task, its request first, the answer with it."""

from __future__ import annotations

import asyncio
import logging

import pytest
from telegram.error import BadRequest, NetworkError

from conversations.ui.messages import answer_while


class Query:
    """A callback query whose answer records when it starts, and fails or waits as told."""

    def __init__(self, said: list[str], failure: Exception | None = None, wait: float = 0) -> None:
        self.said, self.failure, self.wait = said, failure, wait
        self.cancelled = False

    async def answer(self) -> bool:
        self.said.append("answer")
        try:
            await asyncio.sleep(self.wait)
        except asyncio.CancelledError:
            self.cancelled = True
            raise
        if self.failure is not None:
            raise self.failure
        return True


async def drawing(said: list[str], tasks: list, failure: Exception | None = None) -> None:
    said.append("screen")
    tasks.append(asyncio.current_task())
    await asyncio.sleep(0)  # waits on Telegram: the answer's request goes out meanwhile
    said.append("screen drawn")
    if failure is not None:
        raise failure


async def test_the_screen_is_drawn_in_the_updates_task_and_asked_before_the_answer():
    said, tasks = [], []
    await answer_while(Query(said), drawing(said, tasks))
    assert tasks == [asyncio.current_task()]
    assert said == ["screen", "answer", "screen drawn"]


async def test_a_passing_failure_of_the_answer_is_logged_and_a_refusal_raised(caplog):
    caplog.set_level(logging.WARNING)
    await answer_while(Query([], NetworkError("Bad Gateway")), drawing([], []))
    assert "a press was not answered: Bad Gateway" in caplog.text
    with pytest.raises(BadRequest):
        await answer_while(Query([], BadRequest("Chat not found")), drawing([], []))


async def test_when_both_fail_the_drawings_failure_is_raised_and_the_answers_logged(caplog):
    caplog.set_level(logging.WARNING)
    with pytest.raises(NetworkError, match="Timed out drawing"):
        await answer_while(
            Query([], BadRequest("Chat not found")), drawing([], [], NetworkError("Timed out drawing"))
        )
    assert "a press was not answered: Chat not found" in caplog.text


async def test_cancelled_while_the_answer_waits_the_answer_is_cancelled_too():
    query = Query([], wait=10)
    task = asyncio.ensure_future(answer_while(query, drawing([], [])))
    await asyncio.sleep(0.01)  # the screen drawn, the answer still waiting
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert query.cancelled
