"""The plan: which Bot API calls the product makes for each step of the script, learnt in-process.

Driving the real Application through the tests' ``BotHarness`` gives, for each update, exactly the
calls it caused (``process_update`` returns when they are all made). That plan tells the player when
a running bot has finished answering a step, and tells the echo bot what to answer: the same calls,
with the same texts and keyboards. The calibration also checks that the script does what it means
(every typed answer accepted), so that the benchmark never measures a flow of error messages.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from sqlmodel import select

from benchmark.inprocess import started_harness
from benchmark.seed import Seeded
from benchmark.workload import OPENING, Type, act, round_script, telegram_user
from models.coops import membership
from models.dossier.current import current_dossier
from models.tables import Action, Indicator
from tests.harness import BotHarness

# what identifies the chat, the message or the query: the echo bot fills in its own
ADDRESS = ("chat_id", "message_id", "callback_query_id")


class ScriptFailed(AssertionError):
    """A scripted answer was refused or a step went wrong: the workload would measure errors."""


async def calibrate(seeded: Seeded, workdir: Path, engagements: Iterable[int]) -> dict[int, list[list[dict]]]:
    """The calls of each step of a round on each engagement, played by the first member in turn.

    A round leaves the dossier as it found it, so one member can play them all, and every member's
    script is a sequence of these rounds (``workload.plan_of``).
    """
    harness = await started_harness(seeded, workdir)
    user_id = seeded.user(0)
    try:
        plans = {OPENING: await _steps(harness, user_id, [Type("/dossier")])}
        for engagement in engagements:
            plans[engagement] = await _steps(harness, user_id, round_script(engagement))
        return plans
    finally:
        await harness.stop()


async def _steps(harness: BotHarness, user_id: int, actions: list) -> list[list[dict]]:
    """Play the actions in-process, recording the calls of each and checking the typed answers."""
    user = telegram_user(user_id)
    steps = []
    for action in actions:
        first = len(harness.fake.calls)
        await harness.deliver(user_id, act(harness.fake, user, action))
        calls = harness.fake.calls[first:]
        failed = [call.method for call in calls if not call.ok]
        if failed:
            raise ScriptFailed(f"{action}: Telegram refused {failed}")
        steps.append(
            [
                {"method": c.method, "params": {k: v for k, v in c.params.items() if k not in ADDRESS}}
                for c in calls
            ]
        )
        if isinstance(action, Type) and action.check is not None:
            await _check_indicator(harness, user_id, action.check)
    return steps


async def _check_indicator(harness: BotHarness, user_id: int, engagement: int) -> None:
    """The indicator the round just filled has its values, date and a complete action."""
    async with harness.database.transaction() as session:
        _member, coop = await membership(session, user_id)
        dossier = await current_dossier(session, coop.id)
        indicators = (
            await session.exec(
                select(Indicator).where(
                    Indicator.dossier_id == dossier.id, Indicator.engagement_code == engagement
                )
            )
        ).all()
        actions = (
            await session.exec(select(Action).where(Action.indicator_id.in_([i.id for i in indicators])))
        ).all()
    complete = [i for i in indicators if i.current_value and i.target_value and i.target_date]
    if not complete or not any(a.owner and a.due_date for a in actions):
        raise ScriptFailed(f"engagement {engagement}: the scripted answers did not complete its indicator")


def write_plan(
    path: Path, round_plans: dict[int, list[list[dict]]], users: dict[int, tuple[int, ...]]
) -> None:
    """The plan the echo bot reads: per Telegram user, the steps of their rounds (shared by name)."""
    names = {user: "-".join(map(str, rounds)) for user, rounds in users.items()}
    plans = {
        name: [*round_plans[OPENING], *(step for engagement in rounds for step in round_plans[engagement])]
        for name, rounds in zip(names.values(), users.values(), strict=True)
    }
    payload = {"users": {str(user): name for user, name in names.items()}, "plans": plans}
    path.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")


def calls_per_update(plans: dict[int, list[list[dict]]]) -> dict[str, float]:
    """The mean number of each kind of call per update, over every plan: the traffic both bots make."""
    steps = [step for plan in plans.values() for step in plan]
    counts: dict[str, int] = {}
    for step in steps:
        for call in step:
            counts[call["method"]] = counts.get(call["method"], 0) + 1
    return {method: count / len(steps) for method, count in sorted(counts.items())}
