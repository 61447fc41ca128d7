"""Figure 4 and the growth of the sweep: the reminder sweep at 1×, 10× and 100× the data.

The product's sweep runs in-process (BotHarness, the fake Telegram in memory, no rate limiter) at
9:05 in Paris on the day the seeded data was built for, in its two parts, each counted on the
engine: the sweep proper (``hand_over_reminders``: find what is due, write it as pending rows, one
commit), measured against the targets; then the delivery of the pending reminders by the send
pipeline (``deliver_reminders``: a claim and a settle per reminder, as for an announcement's
deliveries), an informative line. The baseline is one join that selects the same due reminders,
plus one batched insert that records them, in one transaction, on the same driver:
like the sweep proper, it selects and records, and neither sends. Every sweep starts from a fresh
copy of the database; product and baseline alternate. The number of reminders due is the same at
every size, so a sweep that grows with the data shows it here.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import String, and_, case, cast, func, insert, literal, select, text
from sqlalchemy.orm import aliased

from benchmark.inprocess import started_harness
from benchmark.report import Row, Target
from benchmark.seed import Seeded
from benchmark.seed_rows import LEADS
from benchmark.sql_count import SqlCounter
from bot.delivery.reminders import deliver_reminders, hand_over_reminders
from models.db import Database
from models.dossier.reads import FOLLOWED
from models.tables import Checkpoint, Dossier, Member, SentReminder, User

Claim = tuple[int, str, int]  # user, event key, lead


@dataclass
class Sweep:
    """One sweep: what it ran, how long it took, which reminders it recorded (and then sent)."""

    statements: int
    commits: int
    seconds: float
    claims: set[Claim]
    delivery: tuple[int, int, int] = (0, 0, 0)  # the product's sends after it: statements, commits, sent


async def product_sweep(seeded: Seeded, workdir: Path) -> Sweep:
    """The product's sweep on a fresh copy, its clock at the sweep instant, then its sends."""
    harness = await started_harness(seeded, workdir, now=seeded.sweep_at)
    try:
        last = await _last_claim(harness.database)
        with SqlCounter(harness.database.engine) as counter:
            started = time.perf_counter()
            await hand_over_reminders(harness.application, seeded.sweep_at)
            seconds = time.perf_counter() - started
        claims = await _claims_after(harness.database, last)
        with SqlCounter(harness.database.engine) as sends:
            sent = await deliver_reminders(harness.application, seeded.sweep_at)
    finally:
        await harness.stop()
    return Sweep(
        counter.statements, counter.commits, seconds, claims, (sends.statements, sends.commits, sent)
    )


def due_query(today: date, leads: tuple[int, ...]):
    """The due reminders in one statement: open checkpoints × active members, minus what was sent.

    The lead to send is the smallest lead not shorter than the days left (its time has come at 9:00
    today); a reminder is due unless a lead as short or shorter was already sent for that event.
    """
    lead = case(*[(Checkpoint.due_on <= today + timedelta(days=n), n) for n in sorted(leads)])
    key = literal("checkpoint:") + cast(Checkpoint.id, String)
    sent = aliased(SentReminder)
    return (
        select(Member.user_id, key.label("event_key"), lead.label("lead_days"), Checkpoint.due_on)
        .join(Dossier, Dossier.id == Checkpoint.dossier_id)
        .join(Member, Member.coop_id == Dossier.coop_id)
        .join(User, User.id == Member.user_id)
        .outerjoin(sent, and_(sent.user_id == Member.user_id, sent.event_key == key, sent.lead_days <= lead))
        .where(Checkpoint.held_on.is_(None), Checkpoint.due_on >= today)
        .where(Checkpoint.due_on <= today + timedelta(days=max(leads)))
        .where(Dossier.status.in_(FOLLOWED), User.is_active, sent.id.is_(None))
    )


async def baseline_sweep(seeded: Seeded, workdir: Path, leads: tuple[int, ...]) -> Sweep:
    """The single join and one batched insert recording what it found, in one transaction, on a fresh copy."""
    database = Database(f"sqlite:///{seeded.copy_to(workdir)}")
    try:
        async with database.engine.connect() as connection:  # connected beforehand, as the bot's is
            await connection.execute(text("SELECT 1"))
        with SqlCounter(database.engine) as counter:
            started = time.perf_counter()
            async with database.transaction() as session:
                due = (await session.execute(due_query(seeded.sweep_at.date(), leads))).all()
                if due:
                    claims = [
                        {
                            "user_id": u,
                            "event_key": k,
                            "lead_days": n,
                            "due_on": d,
                            "sent_at": seeded.sweep_at,
                        }
                        for u, k, n, d in due
                    ]
                    await session.execute(insert(SentReminder), claims)
            seconds = time.perf_counter() - started
    finally:
        await database.dispose()
    return Sweep(counter.statements, counter.commits, seconds, {(u, k, n) for u, k, n, _d in due})


async def _last_claim(database: Database) -> int:
    """The id of the newest SentReminder: the sweep's claims come after it."""
    async with database.transaction() as session:
        return (await session.execute(select(func.max(SentReminder.id)))).scalar() or 0


async def _claims_after(database: Database, last: int) -> set[Claim]:
    """The reminders claimed since ``last``: what the sweep sent (or tried to)."""
    async with database.transaction() as session:
        rows = await session.execute(
            select(SentReminder.user_id, SentReminder.event_key, SentReminder.lead_days).where(
                SentReminder.id > last
            )
        )
        return {tuple(row) for row in rows.all()}


@dataclass
class SizeResult:
    """Product and baseline sweeps at one size of the data."""

    seeded: Seeded
    product: list[Sweep]
    baseline: list[Sweep]

    def median(self, which: str) -> float:
        """The median seconds of the product's sweeps or of the join's."""
        return statistics.median(s.seconds for s in getattr(self, which))

    def agreement(self) -> str:
        """Empty when product and join recorded the same reminders, the expected number, all then sent."""
        ours, join = self.product[0].claims, self.baseline[0].claims
        expected, sent = self.seeded.due_reminders, self.product[0].delivery[2]
        if ours == join and len(ours) == expected == sent:
            return ""
        return (
            f"the product handed over {len(ours)} reminders and sent {sent}, "
            f"the join recorded {len(join)}, {expected} expected"
        )


async def measure(seeded: Seeded, workdir: Path, repeats: int, leads: tuple[int, ...]) -> SizeResult:
    """Baseline and product sweeps in turn, ``repeats`` times each, each on a fresh copy."""
    result = SizeResult(seeded, [], [])
    for number in range(repeats):
        result.baseline.append(await baseline_sweep(seeded, workdir / f"join-{number}", leads))
        result.product.append(await product_sweep(seeded, workdir / f"product-{number}"))
    return result


TIME_TARGETS = (None, 0.1, 1.0)  # seconds, at 1×, 10× and 100× the data (the targets)
MAX_STATEMENTS = 5
FIXED_DELIVERY = 2  # before the sends: in-flight sends of a gone instance settled, the pending rows read


async def run(sizes: list[Seeded], workdir: Path, repeats: int) -> list[Row]:
    """Statements and time at each size, and their growth from 1×."""
    # one unrecorded sweep of each first: compiled statements and imports are not the data's cost
    await baseline_sweep(sizes[0], workdir / "warm-join", LEADS)
    await product_sweep(sizes[0], workdir / "warm-product")
    results = [await measure(s, workdir / f"size-{s.coops}", repeats, LEADS) for s in sizes]
    rows = []
    for result, limit in zip(results, TIME_TARGETS, strict=True):
        rows += _size_rows(result, limit)
    for result in results[1:]:
        rows += _growth_rows(results[0], result)
    return rows


def _size_rows(result: SizeResult, limit: float | None) -> list[Row]:
    """Statements and time at one size, against the join."""
    coops, ours, join = result.seeded.coops, result.product[0], result.baseline[0]
    agreement = result.agreement()
    due = f"{result.seeded.due_reminders} reminders due (the same at every size)"
    seconds, join_seconds = result.median("product") * 1000, result.median("baseline") * 1000
    return [
        Row(
            f"reminder sweep, {coops:,} coops: SQL",
            f"{ours.statements} statements / {ours.commits} commit{'s' if ours.commits != 1 else ''}",
            4,
            value=ours.statements,
            unit="statements",
            baseline=f"one join: {join.statements} statements / {join.commits} commit",
            baseline_value=join.statements,
            target=Target(MAX_STATEMENTS, on="value", text=f"≤ {MAX_STATEMENTS} statements"),
            # a join that no longer selects what the product sends is no baseline: said, not compared
            unmeasured=bool(agreement),
            note=f"{due}; {agreement or 'the join selects exactly the reminders the product hands over'}; "
            "the sweep finds what is due (1 join, +1 when the committee meets within the horizon) and writes "
            "it as pending rows (1 batched insert), one commit; "
            "the join selects and records (1 batched insert) in one transaction: neither sends",
        ),
        Row(
            f"reminder sweep, {coops:,} coops: time",
            f"{seconds:.0f} ms",
            4,
            value=seconds,
            unit="ms",
            timed=True,
            baseline=f"one join: {join_seconds:.0f} ms",
            baseline_value=join_seconds,
            target=None
            if limit is None
            else Target(limit * 1000, on="value", text=f"< {limit * 1000:.0f} ms"),
            note=f"median of {len(result.product)}; find and hand over, against select and record: "
            "the sends are the next line's",
        ),
        _delivery_row(result),
    ]


def _delivery_row(result: SizeResult) -> Row:
    """What sending the handed-over reminders costs: the pipeline's claim and settle per reminder."""
    statements, commits, sent = result.product[0].delivery
    per = (
        f"{(statements - FIXED_DELIVERY) / sent:.0f} statements / {(commits - 1) / sent:.0f} commits"
        if sent
        else "—"
    )
    return Row(
        f"reminder sweep, {result.seeded.coops:,} coops: delivery",
        f"{statements} statements / {commits} commits for {sent} reminders",
        4,
        value=statements,
        unit="statements",
        note=f"informative: {FIXED_DELIVERY} to find what is pending (and settle sends cut short), then per "
        f"reminder {per} (claim pending → sending, settle): the pipeline of an announcement's deliveries",
    )


def _growth_rows(first: SizeResult, result: SizeResult) -> list[Row]:
    """Statements and time at a larger size, against the 1× of the same run."""
    factor = round(result.seeded.coops / first.seeded.coops)
    size = f"{factor}× the data ({result.seeded.coops:,} coops)"
    ours, one = result.product[0].statements, first.product[0].statements
    seconds, one_seconds = result.median("product") * 1000, first.median("product") * 1000
    return [
        Row(
            f"growth: sweep statements at {size}",
            str(ours),
            9,
            value=ours,
            baseline=f"1×: {one}",
            baseline_value=one,
            target=Target(1.0, text="constant: = the 1×"),
        ),
        Row(
            f"growth: sweep time at {size}",
            f"{seconds:.0f} ms",
            9,
            value=seconds,
            unit="ms",
            timed=True,
            baseline=f"1×: {one_seconds:.0f} ms",
            baseline_value=one_seconds,
            note="informative: the absolute targets of figure 4 bound it; the reminders due do not grow",
        ),
    ]
