"""One instance alone: a broadcast and the answers to people writing meanwhile never make more than
Telegram's 30 sends in any second together. The answers go first: one finding the window full waits
for the first place freed, not over the limit, and the broadcast never takes that place.

On virtual time: every wait is a sleep on the fake clock, which moves to the next waker only once all
the tasks wait, so the instants are exact and nothing depends on the machine's speed."""

from __future__ import annotations

import asyncio
import heapq
import itertools

from telegram.ext import BaseRateLimiter

from bot.delivery.observed import ObservedSends
from bot.delivery.pacer import MESSAGES_PER_SECOND, SlidingWindowPacer

ROUND_TRIP = 0.01  # seconds from a send's start to Telegram's answer


class VirtualTime:
    """A clock that moves only when every task waits on it, to the earliest wake-up."""

    def __init__(self) -> None:
        self.now = 100.0
        self.sleepers: list[tuple[float, int, asyncio.Future]] = []
        self.order = itertools.count()  # equal instants wake in the order they slept

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        """Wait ``seconds`` of virtual time."""
        woken = asyncio.get_running_loop().create_future()
        heapq.heappush(self.sleepers, (self.now + max(seconds, 0.0), next(self.order), woken))
        await woken

    async def run(self, *work) -> None:
        """Run the coroutines together to their end, time jumping from one wake-up to the next."""
        tasks = [asyncio.ensure_future(coroutine) for coroutine in work]
        while not all(task.done() for task in tasks):
            for _ in range(1000):  # until every task still running waits on this clock
                if len(self.sleepers) >= sum(not task.done() for task in tasks):
                    break
                await asyncio.sleep(0)
            else:
                raise AssertionError("a task waits on something else than the clock")
            if self.sleepers:
                at, _, woken = heapq.heappop(self.sleepers)
                self.now = max(self.now, at)
                woken.set_result(None)
        for task in tasks:
            task.result()


class Unlimited(BaseRateLimiter):
    """PTB's rate limiter as production has one (AIORateLimiter), here only passing the request on."""

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    async def process_request(self, callback, args, kwargs, endpoint, data, rate_limit_args):
        return await callback(*args, **kwargs)


def most_in_one_second(instants: list[float]) -> int:
    """The most instants within any window of one second (less a nanosecond: the float sums' rounding)."""
    return max(sum(1 for at in instants if start <= at < start + 1.0 - 1e-9) for start in instants)


class Telegram:
    """Writes down when each message leaves and when Telegram answers it; the conversations' answers also apart."""

    def __init__(self, clock: VirtualTime) -> None:
        self.clock = clock
        self.left: list[float] = []  # every send's start
        self.answered: list[float] = []  # every send's end
        self.answers: list[float] = []  # the starts of the conversations' answers
        self.kinds: list[str] = []  # in the order they left: "answer" or "broadcast"

    async def send(self, *, answer: bool = False) -> bool:
        """One sendMessage: it reaches Telegram somewhere within its round trip."""
        self.left.append(self.clock.now)
        self.kinds.append("answer" if answer else "broadcast")
        if answer:
            self.answers.append(self.clock.now)
        await self.clock.sleep(ROUND_TRIP)
        self.answered.append(self.clock.now)
        return True


async def broadcast(pacer: SlidingWindowPacer, telegram: Telegram, recipients: int) -> None:
    """The pipeline's sends: a place in the pace, the send, the place's end at the answer."""
    for _ in range(recipients):
        slot = await pacer.reserve()
        try:
            await telegram.send()
        finally:
            slot.done()


async def person(limiter: ObservedSends, telegram: Telegram, start: float, asked: list[float]) -> None:
    """Someone typing /aide every 0.7 s: each answer goes through the application's rate limiter."""
    await telegram.clock.sleep(start)
    for _ in range(8):
        asked.append(telegram.clock.now)
        await limiter.process_request(
            lambda: telegram.send(answer=True), (), {}, "sendMessage", {"chat_id": 1}, None
        )
        await telegram.clock.sleep(0.7)


async def test_a_broadcast_and_the_answers_of_a_lone_instance_stay_within_30_in_any_second():
    clock = VirtualTime()
    pacer = SlidingWindowPacer(clock=clock, sleep=clock.sleep)
    pacer.reserve_for(None)  # the lease says no other instance is alive
    limiter, telegram, asked = ObservedSends(pacer, Unlimited()), Telegram(clock), []
    people = (person(limiter, telegram, start, asked) for start in (0.5, 0.55, 0.6))
    await clock.run(broadcast(pacer, telegram, 300), *people)
    assert len(telegram.left) == 300 + 3 * 8
    # Telegram receives each one between its start and its answer: no second holds more than 30
    assert most_in_one_second(telegram.left) <= MESSAGES_PER_SECOND
    assert most_in_one_second(telegram.answered) <= MESSAGES_PER_SECOND
    # the answers waited at most the rest of one second for their place, and only the first ones did:
    # the broadcast then keeps room for the most answers sent in one second lately (6)
    waits = [went - at for at, went in zip(sorted(asked), sorted(telegram.answers), strict=True)]
    assert max(waits) <= 1.0
    assert sum(wait > ROUND_TRIP for wait in waits) <= 3
    # and the broadcast goes on at what they leave (30 - 6 a second)
    assert telegram.left[-1] - telegram.left[0] < 300 / 23


async def test_an_answer_finding_the_window_full_takes_the_first_place_freed_before_the_broadcast():
    clock = VirtualTime()
    pacer = SlidingWindowPacer(clock=clock, sleep=clock.sleep)
    pacer.reserve_for(None)
    limiter, telegram, asked = ObservedSends(pacer, Unlimited()), Telegram(clock), []

    async def one_answer() -> None:
        await clock.sleep(0.5)  # the window holds the broadcast's first 30, the 31st waits already
        asked.append(clock.now)
        await limiter.process_request(lambda: telegram.send(answer=True), (), {}, "sendMessage", {}, None)

    await clock.run(broadcast(pacer, telegram, 40), one_answer())
    first_freed = 100.0 + ROUND_TRIP + 1.0  # the first broadcast send's answer, a second later
    assert telegram.answers[0] - first_freed < ROUND_TRIP / 2  # the answer goes at once then
    assert telegram.kinds.index("answer") == 30  # the 31st send is the answer
    assert most_in_one_second(telegram.left) <= MESSAGES_PER_SECOND
    assert telegram.answers[0] - asked[0] <= 1.0
