"""Figure 3: the SQL statements and commits of one update, counted in-process on the engine.

The real Application runs through the tests' ``BotHarness`` on a copy of the 1× database, each update
handed as polling hands it (a change's commit records the update's number, ``bot.updates.polling``); a
member opens their dossier once (not counted), then each kind of update is counted on its own: a button
that only navigates, the /dossier command, a button that changes the dossier, and a typed answer.
Counts do not depend on the machine, so this figure has no baseline and needs no repetition.
"""

from __future__ import annotations

import itertools
from pathlib import Path

from benchmark.inprocess import started_harness
from benchmark.report import Row, Target
from benchmark.seed import Seeded
from benchmark.sql_count import Counts, SqlCounter
from benchmark.workload import ANSWERS, Press, Type, act, telegram_user
from tests.harness import BotHarness

SECTION = 3
MAX_STATEMENTS = 4  # the target for every update

# (what the update is, the action, the most commits allowed): navigation writes nothing; /dossier
# sends a new menu, whose message id is saved (the next new menu retires its buttons, an older menu
# pressed is known as such): one commit, as a change. In this order: a new /dossier message retires
# the buttons of the axis screen before it
KINDS = (
    ("navigation button", Press("ax", ("1",)), 0),
    ("button that changes the dossier", Press("tg", ("3", "1")), 1),
    ("/dossier command", Type("/dossier"), 1),
)
TO_QUESTION = (Press("ov"), Press("en", ("3",)), Press("ia", ("3",)), Press("is", ("3", "0")))


async def run(seeded: Seeded, workdir: Path) -> list[Row]:
    """One row per kind of update: statements / commits against ≤ 4 statements and its commits."""
    harness = await started_harness(seeded, workdir)
    harness.through_polling = lambda: True  # as ``qualicoop run`` polls: a change records its update
    user_id = seeded.user(0)
    user = telegram_user(user_id)
    rows = []
    try:
        await harness.deliver(user_id, act(harness.fake, user, Type("/dossier")))  # first visit: not counted
        for name, action, commits in KINDS:
            counted, log = await _count(harness, user, action)
            rows.append(_row(name, counted, commits, log))
        for action in TO_QUESTION:
            await harness.deliver(user_id, act(harness.fake, user, action))
        counted, log = await _count(harness, user, Type(ANSWERS[0]))
        rows.append(_row("typed answer", counted, 1, log))
    finally:
        await harness.stop()
    return rows


async def _count(harness: BotHarness, user: dict, action) -> tuple[Counts, list[str]]:
    """The statements and commits of one update, and the statements themselves."""
    with SqlCounter(harness.database.engine) as counter:
        await harness.deliver(user["id"], act(harness.fake, user, action))
    return counter.counts, counter.log


def _row(name: str, counted: Counts, max_commits: int, log: list[str]) -> Row:
    """The row of one kind of update: both parts of the target must hold."""
    met = counted.statements <= MAX_STATEMENTS and counted.commits <= max_commits
    verbs = ", ".join(f"{n}× {v}" for v, n in _verbs(log).items())
    return Row(
        section=SECTION,
        figure=f"SQL per update: {name}",
        ours=str(counted),
        value=counted.statements,
        unit="statements",
        target=Target(
            MAX_STATEMENTS, on="value", text=f"≤ {MAX_STATEMENTS} statements, ≤ {max_commits} commit"
        ),
        met=met,
        note=verbs,
        extra={"commits": counted.commits, "statements": [statement[:200] for statement in log]},
    )


def _verbs(log: list[str]) -> dict[str, int]:
    """How many statements of each kind (SELECT user, UPDATE chatstate…): what an update does."""
    counts: dict[str, int] = {}
    for statement in log:
        words = statement.split()
        verb = words[0].upper() if words else "?"
        table = _table(words)
        key = f"{verb} {table}".strip()
        counts[key] = counts.get(key, 0) + 1
    return counts


def _table(words: list[str]) -> str:
    """The first table a statement names (after FROM, INTO or UPDATE), outside its subqueries."""
    depth = 0
    for before, word in itertools.pairwise(words):
        depth += before.count("(") - before.count(")")
        if depth == 0 and before.upper() in ("FROM", "INTO", "UPDATE"):
            return word.strip('"')
    return ""
